"""Every write to brands and honours goes through these functions (atomic, audited, versioned)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.creation.choices import BrandStatus, Level, Recipient
from shiliu.creation.models import NAME_MAX, TEXT_MAX, Brand, Honour
from shiliu.creation.services import bump, clean_place, clean_year
from shiliu.organizations.models import Organization
from shiliu.places.models import Place

# --- brands ---------------------------------------------------------------------------------------

BRAND_FIELDS = {"name", "place", "description", "since", "status", "public"}


def _clean_brand(data: dict, *, by, current: Brand | None) -> dict:
    errors = FieldErrors()
    out: dict = {}
    if "name" in data:
        out["name"] = clean_text(errors, "name", data["name"], max_length=NAME_MAX,
                                 required=_("Enter the name of the brand."))
    if "place" in data:
        out["place"] = clean_place(errors, data["place"], by=by, cap=Cap.CREATION_EDIT,
                                   message=_("You cannot record brands at this place."))
    if "description" in data:
        out["description"] = clean_text(errors, "description", data["description"], max_length=TEXT_MAX)
    if "since" in data:
        since = data["since"]
        if since is not None and not isinstance(since, date):
            errors.add("since", _("Enter a real date, like 2019-03-01."))
        elif since is not None and since > timezone.localdate():
            errors.add("since", _("The date cannot be in the future."))
        out["since"] = since
    if "status" in data:
        if data["status"] not in BrandStatus.values:
            errors.add("status", _("Choose one of the listed statuses."))
        out["status"] = data["status"]
    if "public" in data:
        out["public"] = bool(data["public"])
    place = out.get("place") or (current.place if current else None)
    name = out.get("name") or (current.name if current else "")
    if place is not None and name and "name" not in errors:
        taken = Brand.objects.filter(place=place, name=name)
        if current is not None:
            taken = taken.exclude(pk=current.pk)
        if taken.exists():
            errors.add("name", _("This place already has a brand with this name."))
    errors.raise_any()
    return out


def _save_brand(save) -> None:
    try:
        with transaction.atomic():
            save()
    except IntegrityError:  # two people recording the same name at once
        errors = FieldErrors()
        errors.add("name", _("This place already has a brand with this name."))
        errors.raise_any()


@transaction.atomic
def brand_create(*, by, name: str, place: Place, description: str = "", since: date | None = None,
                 status: str = BrandStatus.ACTIVE, public: bool = True) -> Brand:
    """Record a named programme of a place. Emits ``creation.brand.create``."""
    data = _clean_brand(dict(name=name, place=place, description=description, since=since, status=status,
                             public=public), by=by, current=None)
    brand = Brand(created_by=by, **data)
    _save_brand(brand.save)
    audit_write(by=by, action="creation.brand.create", target=brand, detail={"place": brand.place_id})
    return brand


@transaction.atomic
def brand_update(*, brand: Brand, by, version: int, **fields) -> Brand:
    unknown = set(fields) - BRAND_FIELDS
    if unknown:
        raise ValueError(f"brand_update does not change {sorted(unknown)}")
    current = Brand.objects.select_related("place").get(pk=brand.pk)
    if current.version != version:
        raise StaleVersion()
    if not can(by, Cap.CREATION_EDIT, current.place):
        raise PermissionDenied()
    data = _clean_brand(fields, by=by, current=current)
    changed = {k: v for k, v in data.items() if getattr(current, k) != v}
    if not changed:
        return current
    _save_brand(lambda: bump(Brand, pk=current.pk, version=version, updated_at=timezone.now(), **changed))
    audit_write(by=by, action="creation.brand.update", target=current, detail={"changed": sorted(changed)})
    return Brand.objects.select_related("place").get(pk=current.pk)


# --- honours --------------------------------------------------------------------------------------

HONOUR_FIELDS = {"title", "level", "year", "awarding_body", "recipient", "place", "organization", "person_name",
                 "public"}


def _clean_honour(data: dict, *, by, current: Honour | None) -> dict:
    errors = FieldErrors()
    out: dict = {}
    if "title" in data:
        out["title"] = clean_text(errors, "title", data["title"], max_length=200,
                                  required=_("Enter the title of the honour."))
    if "level" in data:
        if data["level"] not in Level.values:
            errors.add("level", _("Choose one of the listed levels."))
        out["level"] = data["level"]
    if "year" in data:
        out["year"] = clean_year(errors, "year", data["year"], required=True)
    if "awarding_body" in data:
        out["awarding_body"] = clean_text(errors, "awarding_body", data["awarding_body"], max_length=NAME_MAX)
    if "recipient" in data:
        if data["recipient"] not in Recipient.values:
            errors.add("recipient", _("Choose who received the honour."))
        out["recipient"] = data["recipient"]
    recipient = out.get("recipient", current.recipient if current else Recipient.UNIT)
    organization = data.get("organization", current.organization if current else None)
    if recipient == Recipient.ORGANIZATION:
        # An organization's honour stands at the organization's own place.
        if not isinstance(organization, Organization):
            errors.add("organization", _("Choose the organization that received the honour."))
        elif not can(by, Cap.CREATION_EDIT, organization.place):
            errors.add("organization", _("You cannot record honours of this organization."))
        else:
            out["organization"], out["place"] = organization, organization.place
    else:
        out["organization"] = None
        if "place" in data:
            out["place"] = clean_place(errors, data["place"], by=by, cap=Cap.CREATION_EDIT,
                                       message=_("You cannot record honours at this place."))
    if "person_name" in data:
        out["person_name"] = clean_text(errors, "person_name", data["person_name"], max_length=60)
    person_name = out.get("person_name", current.person_name if current else "")
    if recipient == Recipient.PERSON and not person_name and "person_name" not in errors:
        errors.add("person_name", _("Enter the name of the person who received the honour."))
    if recipient != Recipient.PERSON:
        out["person_name"] = ""  # a name is kept only for an honour received by a person
    if "public" in data:
        out["public"] = bool(data["public"])
    errors.raise_any()
    return out


@transaction.atomic
def honour_create(*, by, title: str, level: str, year: int, place: Place | None = None,
                  recipient: str = Recipient.UNIT, organization: Organization | None = None, awarding_body: str = "",
                  person_name: str = "", public: bool = True) -> Honour:
    """Record an honour received by a unit (``place``), an organization (it stands at the
    organization's place) or a person (by name only). Emits ``creation.honour.create``."""
    data = _clean_honour(dict(title=title, level=level, year=year, place=place, recipient=recipient,
                              organization=organization, awarding_body=awarding_body, person_name=person_name,
                              public=public),
                         by=by, current=None)
    honour = Honour.objects.create(created_by=by, **data)
    audit_write(by=by, action="creation.honour.create", target=honour,
                detail={"place": honour.place_id, "recipient": honour.recipient})
    return honour


@transaction.atomic
def honour_update(*, honour: Honour, by, version: int, **fields) -> Honour:
    unknown = set(fields) - HONOUR_FIELDS
    if unknown:
        raise ValueError(f"honour_update does not change {sorted(unknown)}")
    current = Honour.objects.select_related("place").get(pk=honour.pk)
    if current.version != version:
        raise StaleVersion()
    if not can(by, Cap.CREATION_EDIT, current.place):
        raise PermissionDenied()
    data = _clean_honour(fields, by=by, current=current)
    changed = {k: v for k, v in data.items() if getattr(current, k) != v}
    if not changed:
        return current
    bump(Honour, pk=current.pk, version=version, updated_at=timezone.now(), **changed)
    audit_write(by=by, action="creation.honour.update", target=current, detail={"changed": sorted(changed)})
    return Honour.objects.select_related("place").get(pk=current.pk)
