"""Every write to art troupes (members, repertoire, performances) and publicity positions goes
through these functions: atomic, audited, every field validated at once, versions checked.
The museum's slots and bookings are written by shiliu.culture.museum."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.creation.services import bump, clean_place
from shiliu.culture.choices import Genre, PositionKind, TroupeRole, TroupeStatus
from shiliu.culture.models import (
    NAME_MAX,
    NOTE_MAX,
    TEXT_MAX,
    ArtTroupe,
    Performance,
    PublicityPosition,
    RepertoireItem,
    TroupeMember,
)
from shiliu.people.validation import clean_phone
from shiliu.places.models import Place

AUDIENCE_MAX = 100_000


def clean_date(errors: FieldErrors, field: str, value, *, required: str | None = None,
               past: bool = True) -> date | None:
    """A real date; with ``past`` not after today."""
    if value is None:
        if required:
            errors.add(field, required)
        return None
    if not isinstance(value, date):
        errors.add(field, _("Enter a real date, like 2024-05-17."))
        return None
    if past and value > timezone.localdate():
        errors.add(field, _("The date cannot be in the future."))
    return value


def _check_edit(by, place: Place) -> None:
    if not can(by, Cap.CULTURE_EDIT, place):
        raise PermissionDenied()


def _update(model, record, *, by, version: int, clean, allowed: set[str], action: str, fields: dict):
    """The shared path of an edit: refuse unknown fields, a stale version, a user who may not
    edit; validate; write only what changed with the version check; audit."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"{action} does not change {sorted(unknown)}")
    current = model.objects.select_related("place").get(pk=record.pk)
    if current.version != version:
        raise StaleVersion()
    _check_edit(by, current.place)
    data = clean(fields, by=by, current=current)
    changed = {k: v for k, v in data.items() if getattr(current, k) != v}
    if not changed:
        return current
    bump(model, pk=current.pk, version=version, updated_at=timezone.now(), **changed)
    audit_write(by=by, action=action, target=current, detail={"changed": sorted(changed)})
    return model.objects.select_related("place").get(pk=current.pk)


# --- troupes ------------------------------------------------------------------------------------

TROUPE_FIELDS = {"name", "place", "organization", "founded_on", "status", "description", "public"}


def _clean_troupe(data: dict, *, by, current: ArtTroupe | None) -> dict:
    errors = FieldErrors()
    out: dict = {}
    if "name" in data:
        out["name"] = clean_text(errors, "name", data["name"], max_length=NAME_MAX,
                                 required=_("Enter the name of the troupe."))
    if "place" in data:
        out["place"] = clean_place(errors, data["place"], by=by, cap=Cap.CULTURE_EDIT,
                                   message=_("You cannot record troupes at this place."))
    if "organization" in data:
        organization = data["organization"]
        if organization is not None and not can(by, Cap.ORG_VIEW, organization.place):
            errors.add("organization", _("Choose an organization of your places."))
        out["organization"] = organization
    if "founded_on" in data:
        out["founded_on"] = clean_date(errors, "founded_on", data["founded_on"])
    if "status" in data:
        if data["status"] not in TroupeStatus.values:
            errors.add("status", _("Choose one of the listed statuses."))
        out["status"] = data["status"]
    if "description" in data:
        out["description"] = clean_text(errors, "description", data["description"], max_length=TEXT_MAX)
    if "public" in data:
        out["public"] = bool(data["public"])
    errors.raise_any()
    return out


@transaction.atomic
def troupe_create(*, by, name: str, place: Place, organization=None, founded_on: date | None = None,
                  status: str = TroupeStatus.ACTIVE, description: str = "", public: bool = True) -> ArtTroupe:
    """Record an amateur art troupe, optionally of a micro-organization. Emits ``culture.troupe.create``."""
    data = _clean_troupe(dict(name=name, place=place, organization=organization, founded_on=founded_on,
                              status=status, description=description, public=public), by=by, current=None)
    troupe = ArtTroupe.objects.create(created_by=by, **data)
    audit_write(by=by, action="culture.troupe.create", target=troupe, detail={"place": troupe.place_id})
    return troupe


@transaction.atomic
def troupe_update(*, troupe: ArtTroupe, by, version: int, **fields) -> ArtTroupe:
    return _update(ArtTroupe, troupe, by=by, version=version, clean=_clean_troupe, allowed=TROUPE_FIELDS,
                   action="culture.troupe.update", fields=fields)


@transaction.atomic
def member_add(*, troupe: ArtTroupe, by, name: str, role: str = TroupeRole.PERFORMER, phone: str = "") -> TroupeMember:
    """Add a member by name and role; a phone is optional (stored encrypted). Emits ``culture.member.add``."""
    _check_edit(by, troupe.place)
    errors = FieldErrors()
    name = clean_text(errors, "name", name, max_length=60, required=_("Enter the member's name."))
    if role not in TroupeRole.values:
        errors.add("role", _("Choose one of the listed roles."))
    raw = (phone or "").strip()
    if raw:
        try:
            phone = clean_phone(raw)
        except ValidationError as e:
            errors.add("phone", e.messages[0])
    else:
        phone = ""
    errors.raise_any()
    member = TroupeMember.objects.create(troupe=troupe, name=name, role=role, phone=phone, added_by=by)
    audit_write(by=by, action="culture.member.add", target=troupe, detail={"member": member.pk, "role": role})
    return member


@transaction.atomic
def member_remove(*, member: TroupeMember, by) -> None:
    """Remove a member: their name and phone are deleted, not kept. Emits ``culture.member.remove``."""
    troupe = ArtTroupe.objects.select_related("place").get(pk=member.troupe_id)
    _check_edit(by, troupe.place)
    pk = member.pk
    member.delete()
    audit_write(by=by, action="culture.member.remove", target=troupe, detail={"member": pk})


@transaction.atomic
def repertoire_add(*, troupe: ArtTroupe, by, title: str, genre: str, style: str = "") -> RepertoireItem:
    """Add a piece to the repertoire; ``style`` describes the piece, not the performers."""
    _check_edit(by, troupe.place)
    errors = FieldErrors()
    title = clean_text(errors, "title", title, max_length=NAME_MAX, required=_("Enter the title of the piece."))
    if genre not in Genre.values:
        errors.add("genre", _("Choose one of the listed genres."))
    style = clean_text(errors, "style", style, max_length=NAME_MAX)
    errors.raise_any()
    piece = RepertoireItem.objects.create(troupe=troupe, title=title, genre=genre, style=style)
    audit_write(by=by, action="culture.repertoire.add", target=troupe, detail={"piece": piece.pk})
    return piece


@transaction.atomic
def repertoire_remove(*, piece: RepertoireItem, by) -> None:
    troupe = ArtTroupe.objects.select_related("place").get(pk=piece.troupe_id)
    _check_edit(by, troupe.place)
    pk = piece.pk
    piece.delete()
    audit_write(by=by, action="culture.repertoire.remove", target=troupe, detail={"piece": pk})


@transaction.atomic
def performance_add(*, troupe: ArtTroupe, by, date: date | None, title: str, venue: str, audience: int | None = 0,
                    note: str = "", activity=None) -> Performance:
    """Record a performance that has taken place (a cultural event in the figures), optionally as
    part of an activity the caller has already looked up within scope."""
    _check_edit(by, troupe.place)
    errors = FieldErrors()
    when = clean_date(errors, "date", date, required=_("Enter the date of the performance."))
    title = clean_text(errors, "title", title, max_length=120, required=_("Enter what was performed."))
    venue = clean_text(errors, "venue", venue, max_length=120, required=_("Enter where it was performed."))
    if audience is None:
        audience = 0
    if not isinstance(audience, int) or audience < 0 or audience > AUDIENCE_MAX:
        errors.add("audience", _("Enter a number of people from 0 to %(n)d.") % {"n": AUDIENCE_MAX})
    note = clean_text(errors, "note", note, max_length=NOTE_MAX)
    errors.raise_any()
    assert when is not None  # required above
    performance = Performance.objects.create(troupe=troupe, date=when, title=title, venue=venue, audience=audience,
                                             note=note, activity=activity, added_by=by)
    audit_write(by=by, action="culture.performance.add", target=troupe, detail={"performance": performance.pk})
    return performance


# --- publicity positions ------------------------------------------------------------------------

POSITION_FIELDS = {"kind", "name", "place", "address", "since", "active", "description", "public"}


def _clean_position(data: dict, *, by, current: PublicityPosition | None) -> dict:
    errors = FieldErrors()
    out: dict = {}
    if "kind" in data:
        if data["kind"] not in PositionKind.values:
            errors.add("kind", _("Choose one of the listed kinds."))
        out["kind"] = data["kind"]
    if "name" in data:
        out["name"] = clean_text(errors, "name", data["name"], max_length=NAME_MAX,
                                 required=_("Enter the name of the publicity position."))
    if "place" in data:
        out["place"] = clean_place(errors, data["place"], by=by, cap=Cap.CULTURE_EDIT,
                                   message=_("You cannot record publicity positions at this place."))
    if "address" in data:
        out["address"] = clean_text(errors, "address", data["address"], max_length=200)
    if "since" in data:
        out["since"] = clean_date(errors, "since", data["since"])
    for flag in ("active", "public"):
        if flag in data:
            out[flag] = bool(data[flag])
    if "description" in data:
        out["description"] = clean_text(errors, "description", data["description"], max_length=TEXT_MAX)
    errors.raise_any()
    return out


@transaction.atomic
def position_create(*, by, kind: str, name: str, place: Place, address: str = "", since: date | None = None,
                    active: bool = True, description: str = "", public: bool = True) -> PublicityPosition:
    """Record a publicity position (a gallery, a board, a corner, an online column, ...)."""
    data = _clean_position(dict(kind=kind, name=name, place=place, address=address, since=since, active=active,
                                description=description, public=public), by=by, current=None)
    position = PublicityPosition.objects.create(created_by=by, **data)
    audit_write(by=by, action="culture.position.create", target=position, detail={"place": position.place_id})
    return position


@transaction.atomic
def position_update(*, position: PublicityPosition, by, version: int, **fields) -> PublicityPosition:
    return _update(PublicityPosition, position, by=by, version=version, clean=_clean_position,
                   allowed=POSITION_FIELDS, action="culture.position.update", fields=fields)
