"""Every write to organizations and their memberships goes through these functions.

Each is atomic and audited, validates every field at once (one ValidationError naming each bad
field), and an edit takes the ``version`` the user read: a stale one raises StaleVersion (H2),
checked on the locked row and again by the conditional UPDATE that bumps the version.
Memberships are never deleted: ending one sets its ``until`` date, so the history stays.
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.audit.services import audit_write
from shiliu.core import crypto
from shiliu.core.concurrency import StaleVersion
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.organizations.choices import PLACE_KINDS, TIER, MemberRole, OrgKind, OrgStatus
from shiliu.organizations.models import Membership, Organization
from shiliu.people.models import Resident
from shiliu.people.validation import clean_phone
from shiliu.places.models import Place, PlaceKind

PHONE_PURPOSE = "organizations.member.phone"
NAME_MAX = 100
MEMBER_NAME_MAX = 60
DESCRIPTION_MAX = 2000
EARLIEST = date(1949, 10, 1)
_NO_RESIDENT = object()  # an id that names no resident: refused like one outside the user's places



def phone_index(e164: str) -> str:
    return crypto.blind_index(e164, purpose=PHONE_PURPOSE) if e164 else ""


def conditional_update(model: type[Model], pk: int, version: int, changes: dict) -> None:
    """UPDATE ... SET version = version + 1 WHERE id = pk AND version = version; StaleVersion if no row."""
    if not model._default_manager.filter(pk=pk, version=version).update(version=F("version") + 1, **changes):
        raise StaleVersion()




def clean_date(errors: FieldErrors, field: str, value, *, required: bool = False, not_after: date | None = None):
    if value is None:
        if required:
            errors.add(field, _("Enter a date."))
        return None
    if not isinstance(value, date):
        errors.add(field, _("Enter a real date, like 2024-05-17."))
        return None
    not_after = not_after or timezone.localdate()
    if value > not_after:
        errors.add(field, _("This date cannot be in the future."))
    elif value < EARLIEST:
        errors.add(field, _("This date is too early."))
    return value


# --- organizations ----------------------------------------------------------------------------


EDITABLE = ("name", "name_en", "kind", "place", "parent", "founded_on", "status", "description", "public")


def _place_list(kinds) -> str:
    return _(", ").join(str(PlaceKind(k).label) for k in PlaceKind.values if k in kinds)


def _clean_org(data: dict, *, by, existing: Organization | None) -> dict:
    errors = FieldErrors()
    out: dict = {}
    out["name"] = clean_text(errors, "name", data.get("name"), max_length=NAME_MAX,
                             required=_("Enter the organization's name."))
    out["name_en"] = clean_text(errors, "name_en", data.get("name_en"), max_length=NAME_MAX)
    out["description"] = clean_text(errors, "description", data.get("description"), max_length=DESCRIPTION_MAX)
    out["public"] = bool(data.get("public"))
    kind = data.get("kind")
    if kind not in OrgKind.values:
        errors.add("kind", _("Choose one of the listed kinds."))
        kind = None
    out["kind"] = kind
    place = data.get("place")
    if not isinstance(place, Place):
        errors.add("place", _("Choose a place."))
        place = None
    elif not can(by, Cap.ORG_EDIT, place):
        errors.add("place", _("You cannot manage organizations at this place."))
    elif kind and place.kind not in PLACE_KINDS[kind]:
        errors.add("place", _("A %(kind)s stands at a %(places)s, not at a %(place)s.") % {
            "kind": OrgKind(kind).label, "places": _place_list(PLACE_KINDS[kind]),
            "place": PlaceKind(place.kind).label})
    out["place"] = place
    status = data.get("status") or OrgStatus.ACTIVE
    if status not in (OrgStatus.ACTIVE, OrgStatus.DORMANT):
        errors.add("status", _("An organization is active or dormant; dissolve it with its own button."))
    out["status"] = status
    out["founded_on"] = clean_date(errors, "founded_on", data.get("founded_on"))

    parent = data.get("parent")
    if parent is not None and not isinstance(parent, Organization):
        errors.add("parent", _("There is no such organization."))
        parent = None
    if parent is not None and kind:
        if existing is not None and parent.pk == existing.pk:
            errors.add("parent", _("An organization cannot stand under itself."))
        elif TIER[OrgKind(parent.kind)] >= TIER[OrgKind(kind)]:
            errors.add("parent", _("A %(kind)s cannot stand under a %(parent)s.") % {
                "kind": OrgKind(kind).label, "parent": OrgKind(parent.kind).label})
        elif parent.status == OrgStatus.DISSOLVED:
            errors.add("parent", _("This organization is dissolved."))
        elif place is not None and not place.is_within(parent.place):
            errors.add("parent", _("The organization above must be at this place or a place above it."))
    out["parent"] = parent

    if kind and place is not None and "place" not in errors:
        others = Organization.objects.exclude(status=OrgStatus.DISSOLVED).filter(place=place)
        if existing is not None:
            others = others.exclude(pk=existing.pk)
        if kind in (OrgKind.ASSOCIATION, OrgKind.BRANCH) and others.filter(kind=kind).exists():
            errors.add("kind", _("This place already has a %(kind)s.") % {"kind": OrgKind(kind).label})
        if out["name"] and others.filter(name=out["name"]).exists():
            errors.add("name", _("An organization with this name already exists at this place."))
    if existing is not None and kind and place is not None:
        for child in existing.children.exclude(status=OrgStatus.DISSOLVED).select_related("place"):
            if TIER[OrgKind(child.kind)] <= TIER[OrgKind(kind)] or not child.place.is_within(place):
                errors.add("kind" if kind != existing.kind else "place",
                           _("“%(child)s” stands under this organization and would no longer fit.")
                           % {"child": child.name})
                break
    errors.raise_any()
    return out


@transaction.atomic
def organization_create(*, by, name: str, kind: str, place: Place, parent: Organization | None = None,
                        name_en: str = "", founded_on: date | None = None, status: str = OrgStatus.ACTIVE,
                        description: str = "", public: bool = True) -> Organization:
    """Record an organization of the network at a place where ``by`` holds org.edit.

    One association per district and one branch per subdistrict (not counting dissolved ones);
    groups and contact points at communities, villages and the "seven entries" places. Emits an
    ``org.create`` audit record.
    """
    data = _clean_org(dict(name=name, name_en=name_en, kind=kind, place=place, parent=parent,
                           founded_on=founded_on, status=status, description=description, public=public),
                      by=by, existing=None)
    org = Organization.objects.create(created_by=by, **data)
    audit_write(by=by, action="org.create", target=org,
                detail={"kind": org.kind, "place": org.place.code, "parent": org.parent_id})
    return org


def lock_current(model, pk, *, version: int):
    current = model.objects.select_for_update(of=("self",)).get(pk=pk)
    if current.version != version:
        raise StaleVersion()
    return current


@transaction.atomic
def organization_update(*, organization: Organization, by, version: int, **fields) -> Organization:
    """Change an organization's fields (any of EDITABLE). Refuses a stale ``version`` (H2), a
    dissolved organization, and a change that would leave an organization below it misplaced."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"organization_update does not change {sorted(unknown)}")
    current = lock_current(Organization, organization.pk, version=version)
    if not can(by, Cap.ORG_EDIT, current.place):
        raise PermissionDenied()
    if current.status == OrgStatus.DISSOLVED:
        raise ValidationError({"status": [_("A dissolved organization is kept as history and cannot be changed.")]})
    merged = {name: fields.get(name, getattr(current, name)) for name in EDITABLE}
    data = _clean_org(merged, by=by, existing=current)
    changed = {}
    for name, value in data.items():
        before = getattr(current, name)
        if (before.pk if isinstance(before, Model) else before) != (value.pk if isinstance(value, Model) else value):
            changed[name] = value
    if not changed:
        return current
    conditional_update(Organization, current.pk, version, {**changed, "updated_at": timezone.now()})
    current.refresh_from_db()
    audit_write(by=by, action="org.update", target=current, detail={"changed": sorted(changed)})
    return current


@transaction.atomic
def organization_dissolve(*, organization: Organization, by, version: int, on: date | None = None) -> Organization:
    """Dissolve an organization on ``on`` (default today). Its current memberships end that day and
    stay as history. Refused while organizations below it are not dissolved. Emits ``org.dissolve``."""
    current = lock_current(Organization, organization.pk, version=version)
    if not can(by, Cap.ORG_EDIT, current.place):
        raise PermissionDenied()
    errors = FieldErrors()
    if current.status == OrgStatus.DISSOLVED:
        errors.add("status", _("This organization is already dissolved."))
    on = clean_date(errors, "dissolved_on", on or timezone.localdate())
    if on and current.founded_on and on < current.founded_on:
        errors.add("dissolved_on", _("An organization cannot be dissolved before it was founded."))
    below = current.children.exclude(status=OrgStatus.DISSOLVED).count()
    if below:
        errors.add("status", _("First dissolve or move the %(n)s organizations under it.") % {"n": below})
    errors.raise_any()
    assert on is not None
    now = timezone.now()
    current_members = Membership.objects.filter(organization=current, until__isnull=True)
    ended = current_members.filter(since__lte=on).update(until=on, version=F("version") + 1, updated_at=now)
    ended += current_members.filter(since__gt=on).update(until=F("since"), version=F("version") + 1, updated_at=now)
    conditional_update(Organization, current.pk, version,
                       {"status": OrgStatus.DISSOLVED, "dissolved_on": on, "updated_at": now})
    current.refresh_from_db()
    audit_write(by=by, action="org.dissolve", target=current,
                detail={"on": on.isoformat(), "memberships_ended": ended})
    return current


# --- memberships ------------------------------------------------------------------------------


def _clean_member(data: dict, *, by, org: Organization, existing: Membership | None) -> dict:
    errors = FieldErrors()
    out: dict = {}
    resident = data.get("resident")
    kept = existing is not None and resident is not None and resident.pk == existing.resident_id
    if resident is not None and not kept and (
            not isinstance(resident, Resident) or not can(by, Cap.RESIDENT_VIEW, resident.place)):
        errors.add("resident", _("There is no such resident in your places."))
        resident = None
    out["resident"] = resident
    name = data.get("name") or ""
    phone = data.get("phone") or ""
    if resident is not None and existing is None:
        # A member who is a recorded resident: their record gives what was left empty.
        name = name or resident.name
        phone = phone or resident.phone
    out["name"] = clean_text(errors, "name", name, max_length=MEMBER_NAME_MAX,
                             required=_("Enter the member's name."))
    phone = phone.strip() if isinstance(phone, str) else ""
    out["phone"] = ""
    if phone:
        try:
            out["phone"] = clean_phone(phone)
        except ValidationError as e:
            errors.add("phone", e.messages[0])
    role = data.get("role") or MemberRole.MEMBER
    if role not in MemberRole.values:
        errors.add("role", _("Choose one of the listed roles in the organization."))
    out["role"] = role
    out["since"] = clean_date(errors, "since", data.get("since") or timezone.localdate())
    user = data.get("user")
    User = get_user_model()
    kept = existing is not None and user is not None and user.pk == existing.user_id
    if user is not None and not kept and (not isinstance(user, User) or not user.is_active):
        errors.add("user", _("There is no such staff account."))
        user = None
    out["user"] = user

    others = Membership.objects.filter(organization=org, until__isnull=True)
    if existing is not None:
        others = others.exclude(pk=existing.pk)
    if out["phone"] and others.filter(phone_index=phone_index(out["phone"])).exists():
        errors.add("phone", _("A current member of this organization has this phone number."))
    if resident is not None and others.filter(resident=resident).exists():
        errors.add("resident", _("This resident is already a current member of this organization."))
    if user is not None and others.filter(user=user).exists():
        errors.add("user", _("This staff member is already a current member of this organization."))
    if role == MemberRole.CHAIR and others.filter(role=MemberRole.CHAIR).exists():
        errors.add("role", _("This organization already has a chair: end that membership first."))
    errors.raise_any()
    return out


def _lock_org_for_members(org: Organization, by) -> Organization:
    # The organization's row is the lock that serialises membership changes (one chair, no twins).
    current = Organization.objects.select_for_update(of=("self",)).select_related("place").get(pk=org.pk)
    if not can(by, Cap.ORG_EDIT, current.place):
        raise PermissionDenied()
    if current.status == OrgStatus.DISSOLVED:
        raise ValidationError({"__all__": [_("A dissolved organization takes no new members.")]})
    return current


@transaction.atomic
def membership_add(*, by, organization: Organization, name: str = "", phone: str = "",
                   role: str = MemberRole.MEMBER, since: date | None = None, resident_id: int | None = None,
                   user=None) -> Membership:
    """Add a person to an organization: a name (required), a phone (optional, validated, encrypted),
    a role, the date they joined; optionally their resident record (``resident_id``: one the user may
    see, else the same refusal as for a missing one; an empty name or phone is taken from it) or staff
    account. A person is a
    current member of one organization once, and an organization has one current chair. Emits
    ``org.member.add``."""
    org = _lock_org_for_members(organization, by)
    resident = None
    if resident_id is not None:
        resident = Resident.objects.select_related("place").filter(pk=resident_id).first() or _NO_RESIDENT
    data = _clean_member(dict(name=name, phone=phone, role=role, since=since, resident=resident, user=user),
                         by=by, org=org, existing=None)
    membership = Membership(organization=org, created_by=by, **data)
    membership.phone_index = phone_index(membership.phone)
    membership.save()
    audit_write(by=by, action="org.member.add", target=membership, subject_id=membership.resident_id,
                detail={"organization": org.pk, "role": membership.role})
    return membership


MEMBER_EDITABLE = ("name", "phone", "role", "since")


@transaction.atomic
def membership_update(*, membership: Membership, by, version: int, **fields) -> Membership:
    """Change a current membership's name, phone, role or start date (send its version)."""
    unknown = set(fields) - set(MEMBER_EDITABLE)
    if unknown:
        raise ValueError(f"membership_update does not change {sorted(unknown)}")
    org = _lock_org_for_members(membership.organization, by)
    current = lock_current(Membership, membership.pk, version=version)
    if current.until is not None:
        raise ValidationError({"__all__": [_("An ended membership is kept as history and cannot be changed.")]})
    merged = {name: fields.get(name, getattr(current, name)) for name in MEMBER_EDITABLE}
    data = _clean_member({**merged, "resident": current.resident, "user": current.user}, by=by, org=org,
                         existing=current)
    changed = {k: data[k] for k in MEMBER_EDITABLE if getattr(current, k) != data[k]}
    if not changed:
        return current
    if "phone" in changed:
        changed["phone_index"] = phone_index(changed["phone"])
    conditional_update(Membership, current.pk, version, {**changed, "updated_at": timezone.now()})
    current.refresh_from_db()
    audit_write(by=by, action="org.member.update", target=current, subject_id=current.resident_id,
                detail={"organization": org.pk, "changed": sorted(k for k in changed if k != "phone_index")})
    return current


@transaction.atomic
def membership_end(*, membership: Membership, by, version: int, until: date | None = None) -> Membership:
    """End a membership on ``until`` (default today). The row stays, as history. Emits ``org.member.end``."""
    org = Organization.objects.select_for_update(of=("self",)).select_related("place").get(
        pk=membership.organization_id)
    if not can(by, Cap.ORG_EDIT, org.place):
        raise PermissionDenied()
    current = lock_current(Membership, membership.pk, version=version)
    errors = FieldErrors()
    if current.until is not None:
        errors.add("until", _("This membership has already ended."))
    until = clean_date(errors, "until", until or timezone.localdate())
    if until and until < current.since:
        errors.add("until", _("A membership cannot end before it began."))
    errors.raise_any()
    conditional_update(Membership, current.pk, version, {"until": until, "updated_at": timezone.now()})
    current.refresh_from_db()
    audit_write(by=by, action="org.member.end", target=current, subject_id=current.resident_id,
                detail={"organization": org.pk, "until": until.isoformat() if until else None})
    return current
