"""Writing to the audit trail. Nothing here or elsewhere updates or deletes a record."""

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from shiliu.audit.context import current_origin
from shiliu.audit.models import AuditEvent, AuditKind

GENESIS = "0" * 64
_CHAIN_LOCK = 7_432_115  # pg_advisory_xact_lock key that serialises appends to the chain

# Models whose str() is never a person's name: their records keep it as the target's label.
# Any other model is labelled neutrally ("resident #12", "consent #3"), so the trail never
# becomes a list of people by name (D3/D4); staff accounts are labelled by username.
LABELLED_BY_STR = frozenset({"places.place", "audit.auditevent", "accounts.roleassignment"})


def _address(address: str | None) -> str | None:
    """The address as the database will store it, so the hash covers what is read back (E3).

    GenericIPAddressField stores IPv6 in its compressed form (2001:DB8:0:0::1 → 2001:db8::1)
    and "" as NULL; hashing the raw value would make the chain look broken.
    """
    if not address:
        return None
    if ":" in address:
        return clean_ipv6_address(address)
    return address


def _append(**fields) -> AuditEvent:
    fields["address"] = _address(fields.get("address"))
    event = AuditEvent(at=timezone.now(), **fields)
    # No savepoint inside a caller's transaction: if the append fails, the caller's change
    # must fail with it (one less round trip per audited change).
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            _append_postgresql(event)
        else:
            # SQLite runs IMMEDIATE transactions: the write lock is already ours.
            last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
            event.prev_hash = last or GENESIS
            event.hash = event.compute_hash()
            event.save()
    return event


_COLUMNS = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key and f.name not in ("prev_hash", "hash")]
# One statement per record: move the head (its row lock queues concurrent writers until
# commit, in the order of their ids) and insert the record with the hash PostgreSQL computes
# exactly as AuditEvent.compute_hash does: sha256(prev_hash || canonical bytes).
# Every writer must append through here: code that inserts a record without moving the head (an
# older release still running during a rolling deploy, a hand-made INSERT) forks the chain at the
# next append. Restart all web and worker processes together after migrating audit 0003.
_APPEND_SQL = (  # noqa: S608 - the model's own column names, no input
    "WITH head AS (UPDATE audit_chainhead SET prev = hash, "
    "hash = encode(sha256(convert_to(hash, 'UTF8') || %s::bytea), 'hex') WHERE id = 1 RETURNING prev, hash) "
    "INSERT INTO audit_auditevent ({columns}, prev_hash, hash) SELECT {values}, head.prev, head.hash FROM head "
    "RETURNING id, prev_hash, hash"
).format(columns=", ".join(f'"{f.column}"' for f in _COLUMNS), values=", ".join(["%s"] * len(_COLUMNS)))


def _append_postgresql(event: AuditEvent) -> None:
    params = [event.canonical()] + [f.get_db_prep_save(getattr(event, f.attname), connection) for f in _COLUMNS]
    with connection.cursor() as cursor:
        cursor.execute(_APPEND_SQL, params)
        row = cursor.fetchone()
        if row is None:  # no head yet (a new or emptied database): start it at the newest record
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
            last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
            cursor.execute("INSERT INTO audit_chainhead (id, prev, hash) VALUES (1, '', %s) "
                           "ON CONFLICT (id) DO NOTHING", [last or GENESIS])
            cursor.execute(_APPEND_SQL, params)
            row = cursor.fetchone()
    event.pk, event.prev_hash, event.hash = row
    event._state.adding = False
    event._state.db = connection.alias


def _actor_fields(by) -> dict:
    if by is None or not getattr(by, "is_authenticated", False):
        return {"actor": None, "actor_name": "", "actor_roles": ""}
    roles = ",".join(sorted({f"{a.role}@{a.place.code}" for a in by.active_roles}))
    return {"actor": by, "actor_name": by.get_username(), "actor_roles": roles[:200]}


def _target_label(target: Model) -> str:
    """Never a person's name (D3/D4): a staff account by its username, a known model by its
    str(), anything else (a resident, a consent, any future model) as "<model> #<id>"."""
    label = target._meta.label_lower
    if label == settings.AUTH_USER_MODEL.lower():
        return target.get_username()  # type: ignore[attr-defined]
    if label in LABELLED_BY_STR:
        return str(target)
    return f"{target._meta.model_name} #{target.pk}"


def _target_fields(target: Model | None) -> dict:
    if target is None:
        return {}
    return {
        "target_type": target._meta.label_lower,
        "target_id": str(target.pk),
        "target_label": _target_label(target)[:120],
    }


def audit_write(*, by, action: str, target: Model | None = None, detail: dict | None = None,
                subject_id: int | None = None) -> AuditEvent:
    """A change made by ``by``. Call inside the service's transaction."""
    return _append(kind=AuditKind.WRITE, action=action, detail=detail or {}, subject_id=subject_id,
                   address=current_origin.get().address, **_actor_fields(by), **_target_fields(target))


def audit_read(*, by, action: str, target: Model | None, subject_id: int | None, category: str,
               reason: str = "", kind: str = AuditKind.READ, detail: dict | None = None) -> AuditEvent:
    """A read of personal data (E1): detail page, API read, reveal or export."""
    return _append(kind=kind, action=action, subject_id=subject_id, category=category, reason=reason[:300],
                   detail=detail or {}, address=current_origin.get().address,
                   **_actor_fields(by), **_target_fields(target))


def audit_security(*, action: str, by=None, username: str = "", address: str | None = None,
                   detail: dict | None = None, kind: str = AuditKind.SECURITY) -> AuditEvent:
    """Logins, failures, lockouts, 2FA and password changes, refusals (E2)."""
    fields = _actor_fields(by)
    if not fields["actor_name"]:
        fields["actor_name"] = username[:150]
    return _append(kind=kind, action=action, detail=detail or {},
                   address=address or current_origin.get().address, **fields)


def audit_denied(*, by, path: str, rule: str = "", method: str = "") -> AuditEvent:
    """One refused request (E2), written where every 403 ends (shiliu.core.errors)."""
    detail = {"path": path[:200]}
    if rule:
        detail["rule"] = rule
    if method:
        detail["method"] = method
    return audit_security(action="access.denied", by=by, kind=AuditKind.DENIED, detail=detail)


def audit_verify_chain() -> tuple[int, list[int]]:
    """Recompute every hash in order. Returns (records checked, ids that do not match)."""
    broken, expected_prev, count = [], GENESIS, 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if event.prev_hash != expected_prev or event.compute_hash() != event.hash:
            broken.append(event.pk)
        expected_prev = event.hash
    return count, broken


def audit_list_read(*, by, action: str, model_label: str, ids: list, category: str = "contact") -> AuditEvent | None:
    """One record for a page or export of people's data: which records were shown (E1)."""
    if not ids:
        return None
    return _append(kind=AuditKind.READ, action=action, target_type=model_label, category=category,
                   detail={"ids": [int(i) for i in ids[:500]], "count": len(ids)},
                   address=current_origin.get().address, **_actor_fields(by))
