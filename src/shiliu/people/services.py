"""Every write to residents and their consents goes through these functions."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.audit.models import AuditKind
from shiliu.audit.services import audit_read, audit_write
from shiliu.core import crypto
from shiliu.core.concurrency import StaleVersion
from shiliu.people.choices import (
    CONSENT_NOTICES,
    CURRENT_NOTICE,
    ETHNICITY_CODES,
    Basis,
    ConsentCategory,
    Gender,
    Language,
)
from shiliu.people.models import Consent, Resident
from shiliu.people.validation import clean_id_number, clean_phone
from shiliu.places.models import Place

PHONE_PURPOSE = "resident.phone"
ID_PURPOSE = "resident.id_number"
NAME_MAX = 60


def phone_index(e164: str) -> str:
    return crypto.blind_index(e164, purpose=PHONE_PURPOSE) if e164 else ""


def id_number_index(number: str) -> str | None:
    return crypto.blind_index(number, purpose=ID_PURPOSE) if number else None


def _clean(data: dict, *, by, existing: Resident | None) -> dict:
    """Validate every field at once; raise one ValidationError naming each bad field."""
    errors: dict[str, list[str]] = {}
    out: dict = {}

    def fail(field: str, message: str) -> None:
        errors.setdefault(field, []).append(str(message))

    if "name" in data:
        name = (data["name"] or "").strip()
        if not name:
            fail("name", _("Enter the resident's name."))
        elif len(name) > NAME_MAX:
            fail("name", _("A name can have at most %(n)d characters.") % {"n": NAME_MAX})
        out["name"] = name
    if "phone" in data:
        raw = (data["phone"] or "").strip()
        try:
            out["phone"] = clean_phone(raw) if raw else ""
        except ValidationError as e:
            fail("phone", e.messages[0])
    if "id_number" in data:
        raw = (data["id_number"] or "").strip()
        if raw:
            place = data.get("place") if isinstance(data.get("place"), Place) else getattr(existing, "place", None)
            if place is not None and not can(by, Cap.RESIDENT_ID_NUMBER, place):
                raise PermissionDenied()
            try:
                parsed = clean_id_number(raw)
                out["id_number"], out["id_number_needs_review"] = parsed.value, parsed.needs_review
                out["_id_birth_date"] = parsed.birth_date
            except ValidationError as e:
                fail("id_number", e.messages[0])
        else:
            out["id_number"], out["id_number_needs_review"] = "", False
    if "gender" in data:
        gender = data["gender"] or ""
        if gender not in Gender.values:
            fail("gender", _("Choose one of the listed options."))
        out["gender"] = gender
    if "birth_date" in data:
        born = data["birth_date"]
        if born is not None and not isinstance(born, date):
            fail("birth_date", _("Enter a real date, like 1990-05-17."))
        elif born is not None and (born > timezone.localdate() or born.year < 1900):
            fail("birth_date", _("The birth date cannot be in the future or before 1900."))
        out["birth_date"] = born
    if "languages" in data:
        languages = list(dict.fromkeys(data["languages"] or []))
        unknown = [lang for lang in languages if lang not in Language.values]
        if unknown:
            fail("languages", _("Unknown language: %(codes)s.") % {"codes": ", ".join(map(str, unknown))})
        out["languages"] = languages
    if "basis" in data:
        if data["basis"] not in Basis.values:
            fail("basis", _("Say why this person is recorded: they asked, joined or received something."))
        out["basis"] = data["basis"]
    if "place" in data:
        place = data["place"]
        if not isinstance(place, Place):
            fail("place", _("Choose a place."))
        elif not can(by, Cap.RESIDENT_CREATE if existing is None else Cap.RESIDENT_EDIT, place):
            fail("place", _("You cannot record residents at this place."))
        out["place"] = place
    if "ethnicity" in data:
        code = data["ethnicity"] or ""
        if code and code not in ETHNICITY_CODES:
            fail("ethnicity", _("Choose one of the listed options."))
        # A new value needs a new consent; an unchanged one keeps the consent it has.
        unchanged = existing is not None and code == existing.ethnicity
        if code and not unchanged and not (data.get("consent_given_by") or "").strip():
            fail("consent_given_by", _("Ethnicity is recorded only with consent: enter who gave it."))
        out["ethnicity"] = code
    id_born = out.pop("_id_birth_date", None)
    if id_born is None and "id_number" not in data and existing is not None and existing.id_number:
        # A partial update of the birth date is checked against the number already kept.
        id_born = clean_id_number(existing.id_number).birth_date if out.get("birth_date") else None
    if id_born and out.get("birth_date") and out["birth_date"] != id_born:
        fail("birth_date", _("The birth date does not match the one inside the ID number."))
    elif id_born and "birth_date" in data and out.get("birth_date") is None:
        out["birth_date"] = id_born
    if errors:
        raise ValidationError(errors)
    return out


def _set_ethnicity(resident: Resident, *, code: str, given_by: str, by) -> None:
    """Record ethnicity with a new consent, or erase it (A3)."""
    if not code:
        if resident.ethnicity_consent is not None:
            _withdraw(resident.ethnicity_consent, by=by)
        resident.ethnicity, resident.ethnicity_consent = "", None
        return
    if not can(by, Cap.RESIDENT_SENSITIVE, resident.place):
        raise PermissionDenied()
    version = CURRENT_NOTICE[ConsentCategory.ETHNICITY]
    consent = Consent.objects.create(
        resident=resident, category=ConsentCategory.ETHNICITY, purpose=CONSENT_NOTICES[version]["purpose"],
        notice_version=version, given_by=given_by.strip()[:60], recorded_by=by,
    )
    if resident.ethnicity_consent is not None:
        _withdraw(resident.ethnicity_consent, by=by)
    resident.ethnicity, resident.ethnicity_consent = code, consent
    audit_write(by=by, action="consent.give", target=consent, subject_id=resident.pk,
                detail={"category": consent.category, "notice": version})


def _withdraw(consent: Consent, *, by) -> None:
    if consent.withdrawn_at is None:
        consent.withdrawn_at, consent.withdrawn_by = timezone.now(), by
        consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
        audit_write(by=by, action="consent.withdraw", target=consent, subject_id=consent.resident_id,
                    detail={"category": consent.category})


def _save_unique(resident: Resident, **kwargs) -> None:
    try:
        with transaction.atomic():
            resident.save(**kwargs)
    except IntegrityError:
        raise ValidationError(
            {"id_number": [_("A resident with this ID number is already recorded. Search for the number to "
                             "find the record.")]}
        ) from None


def id_number_taken(*, by, raw: str, place, exclude_pk: int | None = None) -> str | None:
    """The message for an ID number that another resident already has, or None.

    Numbers are unique across the deployment, so a worker can learn that a number is
    recorded somewhere else. That cannot be hidden without giving up uniqueness; it is
    made accountable instead: each such attempt is written to the audit trail (with the
    other resident as subject, so they can see it), outside the caller's transaction
    so the record stays when the save is refused.
    """
    if not isinstance(place, Place) or not can(by, Cap.RESIDENT_ID_NUMBER, place):
        return None  # _clean refuses the number or the place first, telling nothing
    try:
        number = clean_id_number(raw).value
    except ValidationError:
        return None  # _clean reports the malformed number
    others = Resident.objects.filter(id_number_index=id_number_index(number)).select_related("place")
    other = (others.exclude(pk=exclude_pk) if exclude_pk is not None else others).first()
    if other is None:
        return None
    if can(by, Cap.RESIDENT_VIEW, other.place):
        return _("A resident with this ID number is already recorded in your places. Search for the number to "
                 "find the record.")
    audit_write(by=by, action="resident.id_number_elsewhere", subject_id=other.pk)
    return _("This ID number is already recorded outside your places. Ask the district office to check it; "
             "this attempt has been noted.")


def _with_id_error(clean, id_error: str | None) -> dict:
    """Run ``clean`` and report ``id_error`` together with every other field's errors."""
    try:
        data = clean()
    except ValidationError as e:
        if id_error:
            e.error_dict.setdefault("id_number", []).append(ValidationError(id_error))
        raise
    if id_error:
        raise ValidationError({"id_number": [id_error]})
    return data


def resident_create(*, by, name: str, place: Place, basis: str, phone: str = "", id_number: str = "",
                    gender: str = "", birth_date: date | None = None, languages: list[str] | None = None,
                    ethnicity: str = "", consent_given_by: str = "") -> Resident:
    """Record a resident who asked for, joined or received something.

    Ethnicity is stored only with a consent record naming who gave it. Emits
    ``resident.create`` (and ``consent.give``) audit records.
    """
    id_error = id_number_taken(by=by, raw=id_number, place=place) if id_number else None
    return _resident_create(by=by, id_error=id_error, name=name, place=place, basis=basis, phone=phone,
                            id_number=id_number, gender=gender, birth_date=birth_date, languages=languages,
                            ethnicity=ethnicity, consent_given_by=consent_given_by)


@transaction.atomic
def _resident_create(*, by, id_error: str | None, name: str, place: Place, basis: str, phone: str,
                     id_number: str, gender: str, birth_date: date | None, languages: list[str] | None,
                     ethnicity: str, consent_given_by: str) -> Resident:
    data = _with_id_error(lambda: _clean(
        dict(name=name, place=place, basis=basis, phone=phone, id_number=id_number, gender=gender,
             birth_date=birth_date, languages=languages or [], ethnicity=ethnicity,
             consent_given_by=consent_given_by), by=by, existing=None), id_error)
    code = data.pop("ethnicity")
    resident = Resident(created_by=by, **data)
    resident.phone_index = phone_index(resident.phone)
    resident.id_number_index = id_number_index(resident.id_number)
    _save_unique(resident)
    if code:
        _set_ethnicity(resident, code=code, given_by=consent_given_by, by=by)
        resident.save(update_fields=["ethnicity", "ethnicity_consent"])
    audit_write(by=by, action="resident.create", target=resident, subject_id=resident.pk,
                detail={"fields": sorted(k for k, v in data.items() if v)})
    return resident


EDITABLE = {"name", "phone", "id_number", "gender", "birth_date", "languages", "place", "basis", "ethnicity"}


def resident_update(*, resident: Resident, by, version: int, consent_given_by: str = "", **fields) -> Resident:
    """Change a resident's fields. A stale ``version`` raises StaleVersion (H2).

    Clearing ethnicity withdraws its consent; a new ethnicity needs a new consent.
    """
    id_error = None
    if fields.get("id_number"):
        id_error = id_number_taken(by=by, raw=fields["id_number"], place=resident.place, exclude_pk=resident.pk)
    return _resident_update(resident=resident, by=by, version=version, consent_given_by=consent_given_by,
                            id_error=id_error, **fields)


@transaction.atomic
def _resident_update(*, resident: Resident, by, version: int, consent_given_by: str, id_error: str | None,
                     **fields) -> Resident:
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"resident_update does not change {sorted(unknown)}")
    # of=self: PostgreSQL cannot lock the nullable side of the outer join to the consent.
    current = (Resident.objects.select_for_update(of=("self",)).select_related("place", "ethnicity_consent")
               .get(pk=resident.pk))
    if current.version != version:
        raise StaleVersion()
    if not can(by, Cap.RESIDENT_EDIT, current.place):
        raise PermissionDenied()
    if "ethnicity" in fields and not can(by, Cap.RESIDENT_SENSITIVE, current.place):
        raise PermissionDenied()  # a role that may not see ethnicity may not erase it either (D3)
    data = _with_id_error(lambda: _clean({**fields, "consent_given_by": consent_given_by}, by=by, existing=current),
                          id_error)
    changed = []
    if "ethnicity" in data:
        code = data.pop("ethnicity")
        if code != current.ethnicity:
            _set_ethnicity(current, code=code, given_by=consent_given_by, by=by)
            changed.append("ethnicity")
    for name, value in data.items():
        if getattr(current, name) != value:
            setattr(current, name, value)
            changed.append(name)
    if not changed:
        return current
    current.phone_index = phone_index(current.phone)
    current.id_number_index = id_number_index(current.id_number)
    current.version += 1
    _save_unique(current)
    audit_write(by=by, action="resident.update", target=current, subject_id=current.pk,
                detail={"changed": sorted(changed)})
    return current


@transaction.atomic
def consent_withdraw(*, consent: Consent, by) -> None:
    """Withdraw a consent and erase the data it covered (A3)."""
    resident = Resident.objects.select_for_update().get(pk=consent.resident_id)
    if not can(by, Cap.RESIDENT_EDIT, resident.place):
        raise PermissionDenied()
    _withdraw(consent, by=by)
    if resident.ethnicity_consent_id == consent.pk:
        resident.ethnicity, resident.ethnicity_consent = "", None
        resident.version += 1
        resident.save(update_fields=["ethnicity", "ethnicity_consent", "version", "updated_at"])


REVEALABLE = {"phone": "contact", "id_number": "identity"}


def resident_reveal(*, resident: Resident, by, field: str, reason: str) -> str:
    """The unmasked value of one field, for a user allowed to see it, with a reason (B1).

    The caller has checked recent re-authentication (C7). Emits a ``reveal`` audit record.
    """
    if field not in REVEALABLE:
        raise ValidationError({"field": [_("Only the phone number and the ID number can be revealed.")]})
    reason = (reason or "").strip()
    if len(reason) < 2:
        raise ValidationError({"reason": [_("Say why you need to see the full value.")]})
    if not can(by, Cap.RESIDENT_REVEAL, resident.place):
        raise PermissionDenied()
    if field == "id_number" and not can(by, Cap.RESIDENT_ID_NUMBER, resident.place):
        raise PermissionDenied()
    audit_read(by=by, action=f"resident.reveal.{field}", target=resident, subject_id=resident.pk,
               category=REVEALABLE[field], reason=reason, kind=AuditKind.REVEAL)
    return getattr(resident, field)
