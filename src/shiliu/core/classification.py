"""Every field of every Shiliu model, classified (SECURITY.md A1).

One map, read by people and by tests: for each field, its class (general, personal,
sensitive, minor, financial), why Shiliu holds it, and how long it is kept.
tests/security/test_classification.py walks every model of the ``shiliu.*`` apps and
fails on a field missing here, or on an entry naming a field that no longer exists.

Adding a field or a model? Add a line under its model's label, e.g.::

    "people.Resident": {
        ...
        "nickname": F(PERSONAL, "address the resident as they wish", CASE),
    },

Choose the class by the strictest kind of data the field can hold:
- GENERAL: no information about an identifiable person (codes, states, timestamps of records).
- PERSONAL: identifies or relates to a person (name, phone, staff username, IP address).
- SENSITIVE: PIPL art. 28 — ethnicity, religion, ID numbers, health, whereabouts; encrypted.
- MINOR: any personal data of a child under 14 (PIPL art. 31), whatever else it is.
- FINANCIAL: amounts, accounts and payments of identifiable people (aid, funds, ledger).
"""

from dataclasses import dataclass

GENERAL = "general"
PERSONAL = "personal"
SENSITIVE = "sensitive"
MINOR = "minor"
FINANCIAL = "financial"
LEVELS = (GENERAL, PERSONAL, SENSITIVE, MINOR, FINANCIAL)


@dataclass(frozen=True)
class F:
    level: str
    purpose: str
    retention: str

    def __post_init__(self):
        if self.level not in LEVELS:
            raise ValueError(f"unknown classification {self.level!r}; use one of {LEVELS}")


# Retention periods, named once so that the same rule reads the same everywhere.
RECORD = "as long as the record it belongs to"
CASE = "3 years after the resident's last service, then deleted or anonymised (A6)"
CONSENT = "the value until withdrawal; the consent record 3 years after the resident's last service"
STAFF = "while the account exists; 1 year after it is disabled"
LOCKOUT = "30 days (shiliu.core.tasks.prune_login_attempts); sign-ins stay in the audit trail (E4)"
AUDIT = "at least 180 days, never purged younger (E4)"
TOKEN = "until expiry or revocation, then 180 days"
FOREVER = "kept while the system runs"

_ID = F(GENERAL, "row identity", RECORD)
_CREATED = F(GENERAL, "record keeping", RECORD)
_VERSION = F(GENERAL, "optimistic locking (H2)", RECORD)
# The same three, for the per-app maps.
ID, CREATED, VERSION = _ID, _CREATED, _VERSION

FIELDS: dict[str, dict[str, F]] = {
    "core.KeyCheck": {
        "id": _ID,
        "token": F(GENERAL, "proves at start-up that the field key opens this database", FOREVER),
        "created_at": _CREATED,
    },
    "places.Place": {
        "id": _ID,
        "code": F(GENERAL, "official code of the place or unit", RECORD),
        "kind": F(GENERAL, "kind of place in the tree", RECORD),
        "name": F(GENERAL, "name of the place", RECORD),
        "name_en": F(GENERAL, "English name of the place", RECORD),
        "parent": F(GENERAL, "place tree", RECORD),
        "path": F(GENERAL, "subtree queries for scoped access (D2)", RECORD),
        "depth": F(GENERAL, "place tree", RECORD),
        "address": F(GENERAL, "street address of an office or service point, not of a person", RECORD),
        "is_active": F(GENERAL, "closing a place without losing its history", RECORD),
        "version": _VERSION,
        "created_at": _CREATED,
        "updated_at": _CREATED,
    },
    "accounts.User": {
        "id": _ID,
        "password": F(PERSONAL, "sign-in (Argon2id hash only, C3)", STAFF),
        "last_login": F(PERSONAL, "account supervision", STAFF),
        "is_superuser": F(GENERAL, "unused by Shiliu's rules; kept False", STAFF),
        "username": F(PERSONAL, "named account (C1)", STAFF),
        "first_name": F(PERSONAL, "unused; Django's default user field", STAFF),
        "last_name": F(PERSONAL, "unused; Django's default user field", STAFF),
        "email": F(PERSONAL, "contacting the staff member", STAFF),
        "is_staff": F(GENERAL, "unused by Shiliu's rules (no admin site)", STAFF),
        "is_active": F(GENERAL, "disabling an account ends its sessions and tokens (C1)", STAFF),
        "date_joined": F(PERSONAL, "account supervision", STAFF),
        "display_name": F(PERSONAL, "how colleagues and residents see the staff member", STAFF),
        "languages": F(PERSONAL, "matching a resident with a staff member who speaks their language", STAFF),
        "password_changed_at": F(GENERAL, "password rotation (C2)", STAFF),
        "machine": F(GENERAL, "an integration's account, used only with tokens", STAFF),
        "groups": F(GENERAL, "unused; Django's default permission groups", STAFF),
        "user_permissions": F(GENERAL, "unused; Django's default permissions", STAFF),
    },
    "accounts.RoleAssignment": {
        "id": _ID,
        "user": F(PERSONAL, "who holds the role", STAFF),
        "role": F(GENERAL, "least privilege by place (D2)", STAFF),
        "place": F(GENERAL, "least privilege by place (D2)", STAFF),
        "is_active": F(GENERAL, "revoking a role", STAFF),
        "granted_by": F(PERSONAL, "accountability for access grants", STAFF),
        "granted_at": F(GENERAL, "accountability for access grants", STAFF),
    },
    "accounts.ApiToken": {
        "id": _ID,
        "user": F(PERSONAL, "whose token it is", TOKEN),
        "name": F(GENERAL, "label chosen by the owner", TOKEN),
        "prefix": F(GENERAL, "recognising a token without its secret", TOKEN),
        "key_hash": F(GENERAL, "checking a bearer token (SHA-256 only)", TOKEN),
        "created_at": _CREATED,
        "expires_at": F(GENERAL, "token lifetime", TOKEN),
        "last_used_at": F(PERSONAL, "spotting unused or abused tokens", TOKEN),
        "revoked_at": F(GENERAL, "ending a token (C1)", TOKEN),
        "second_factor": F(GENERAL, "a token needs a second factor where its user does (C5)", TOKEN),
    },
    "accounts.LoginAttempt": {
        "id": _ID,
        "username": F(PERSONAL, "lockout per user (C4)", LOCKOUT),
        "address": F(PERSONAL, "lockout per address (C4)", LOCKOUT),
        "succeeded": F(GENERAL, "lockout decisions (C4)", LOCKOUT),
        "at": F(GENERAL, "lockout window (C4)", LOCKOUT),
    },
    "audit.AuditEvent": {
        "id": _ID,
        "at": F(GENERAL, "when it happened (E1)", AUDIT),
        "actor": F(PERSONAL, "who did it (E1)", AUDIT),
        "actor_name": F(PERSONAL, "who did it, kept if the account goes (E1)", AUDIT),
        "actor_roles": F(GENERAL, "in which role (E1)", AUDIT),
        "kind": F(GENERAL, "kind of event", AUDIT),
        "action": F(GENERAL, "what was done", AUDIT),
        "target_type": F(GENERAL, "which record", AUDIT),
        "target_id": F(GENERAL, "which record", AUDIT),
        "target_label": F(PERSONAL, "which record, readable (a resident's or staff member's name)", AUDIT),
        "subject_id": F(PERSONAL, "whose data was read, so residents see who accessed it (E5)", AUDIT),
        "category": F(GENERAL, "which category of data was read (E1)", AUDIT),
        "reason": F(PERSONAL, "why it was read (E1); may mention a case", AUDIT),
        "detail": F(PERSONAL, "ids of records shown and names of changed fields, never their values", AUDIT),
        "address": F(PERSONAL, "from where (E1)", AUDIT),
        "prev_hash": F(GENERAL, "hash chain (E3)", AUDIT),
        "hash": F(GENERAL, "hash chain (E3)", AUDIT),
    },
    "audit.ChainHead": {
        "id": _ID,
        "prev": F(GENERAL, "hash chain: the hash before the last (E3)", FOREVER),
        "hash": F(GENERAL, "hash chain: the last hash (E3)", FOREVER),
    },
    "people.Resident": {
        "id": _ID,
        "name": F(PERSONAL, "identify the resident who asked for, joined or received something", CASE),
        "phone": F(PERSONAL, "calling the resident back about their request (encrypted, masked)", CASE),
        "phone_index": F(PERSONAL, "exact lookup of a phone number (keyed HMAC, B3)", CASE),
        "id_number": F(SENSITIVE, "services that legally need identity (encrypted, masked, B1/B2)", CASE),
        "id_number_index": F(SENSITIVE, "exact lookup and uniqueness of ID numbers (keyed HMAC, B3)", CASE),
        "id_number_needs_review": F(GENERAL, "manual check of an abolished area code (B4)", CASE),
        "gender": F(PERSONAL, "self-declared; addressing the resident", CASE),
        "birth_date": F(PERSONAL, "age-dependent services and the under-14 rule (A4)", CASE),
        "languages": F(PERSONAL, "serving the resident in a language they speak", CASE),
        "place": F(GENERAL, "which unit looks after the record (D2)", CASE),
        "basis": F(GENERAL, "why the person is recorded at all", CASE),
        "ethnicity": F(SENSITIVE, "aggregate statistics only, with consent (A2, A3; encrypted)", CONSENT),
        "ethnicity_consent": F(SENSITIVE, "the consent that allows holding ethnicity (A3)", CONSENT),
        "created_by": F(PERSONAL, "accountability", CASE),
        "created_at": _CREATED,
        "updated_at": _CREATED,
        "version": _VERSION,
    },
    "people.Consent": {
        "id": _ID,
        "resident": F(PERSONAL, "whose consent", CONSENT),
        "category": F(GENERAL, "which sensitive data the consent covers (A3)", CONSENT),
        "purpose": F(GENERAL, "the purpose consented to (A3)", CONSENT),
        "notice_version": F(GENERAL, "the notice the resident was shown (A3)", CONSENT),
        "given_by": F(PERSONAL, "the resident or a named guardian (A3, A4)", CONSENT),
        "recorded_by": F(PERSONAL, "accountability", CONSENT),
        "given_at": F(GENERAL, "when consent was given (A3)", CONSENT),
        "withdrawn_at": F(GENERAL, "when consent was withdrawn (A3)", CONSENT),
        "withdrawn_by": F(PERSONAL, "accountability", CONSENT),
    },
}


def _gather_app_maps() -> None:
    """Each app may keep its own map in ``shiliu.<app>.classification`` (a ``FIELDS`` dict of
    the same shape); it joins this one, so apps added in parallel never edit one file."""
    import importlib
    import pkgutil

    import shiliu

    for module in pkgutil.iter_modules(shiliu.__path__):
        if not module.ispkg or module.name == "core":
            continue
        name = f"shiliu.{module.name}.classification"
        try:
            app_map = importlib.import_module(name)
        except ModuleNotFoundError as e:
            if e.name == name:
                continue
            raise
        FIELDS.update(app_map.FIELDS)


_gather_app_maps()


def model_fields(model) -> list[str]:
    """The fields a model stores: columns and many-to-many links (not reverse relations)."""
    opts = model._meta
    return [f.name for f in opts.concrete_fields] + [f.name for f in opts.many_to_many]


def classification_gaps(models) -> tuple[list[str], list[str]]:
    """(fields missing from FIELDS, entries of FIELDS naming fields that do not exist)."""
    missing: list[str] = []
    known = {m._meta.label: set(model_fields(m)) for m in models}
    for label, names in known.items():
        classified = FIELDS.get(label, {})
        missing += [f"{label}.{name}" for name in sorted(names - set(classified))]
    stale = [f"{label}.{name}" for label, entries in FIELDS.items() for name in entries
             if name not in known.get(label, set())]
    return missing, stale


def classification_of(model, field_name: str) -> F:
    return FIELDS[model._meta.label][field_name]
