"""Writes about seekers: their profiles (kept by a worker on their behalf, or by the resident on the
portal with a verified phone), referrals to postings and placements. Atomic, audited, validated
at once; versions checked (H2)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.creation.services import bump
from shiliu.jobs.choices import (
    Availability,
    EmployerStatus,
    Language,
    PostingStatus,
    ReferralOutcome,
    SeekerStatus,
    Skill,
)
from shiliu.jobs.models import SHORT_MAX, Employer, JobPosting, JobSeeker, Placement, Referral
from shiliu.jobs.selectors import public_places
from shiliu.jobs.services import PAY_LIMIT, _clean_codes, _clean_phone, _clean_place, _require
from shiliu.people.services import phone_index
from shiliu.places.models import Place, PlaceKind

# --- seekers ------------------------------------------------------------------------------------

SEEKER_FIELDS = {"name", "phone", "place", "languages", "skills", "skills_other", "wished_place", "wished_pay_min",
                 "wished_pay_max", "availability", "consent", "status", "resident"}


def _clean_seeker(data: dict, *, by, current: JobSeeker | None) -> dict:
    errors = FieldErrors()
    out: dict = {}
    if "name" in data:
        out["name"] = clean_text(errors, "name", data["name"], max_length=60, required=_("Enter the seeker's name."))
    if "phone" in data:
        out["phone"] = _clean_phone(errors, "phone", data["phone"])
        out["phone_index"] = phone_index(out["phone"])
    if "place" in data:
        out["place"] = _clean_place(errors, "place", data["place"], by=by, cap=Cap.JOB_EDIT,
                                    message=_("You cannot keep seekers' profiles at this place."))
    if "wished_place" in data:
        wished = data["wished_place"]
        if wished is not None and not isinstance(wished, Place):
            errors.add("wished_place", _("Choose a place."))
        out["wished_place"] = wished
    if "languages" in data:
        out["languages"] = _clean_codes(errors, "languages", data["languages"], Language)
    if "skills" in data:
        out["skills"] = _clean_codes(errors, "skills", data["skills"], Skill)
    if "skills_other" in data:
        out["skills_other"] = clean_text(errors, "skills_other", data["skills_other"], max_length=SHORT_MAX)
    low = current.wished_pay_min if current else None
    high = current.wished_pay_max if current else None
    for name in ("wished_pay_min", "wished_pay_max"):
        if name in data:
            value = data[name]
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or not
                                      0 <= value <= PAY_LIMIT):
                errors.add(name, _("Enter an amount in yuan from 0 to %(n)d.") % {"n": PAY_LIMIT})
                value = None
            out[name] = value
            if name == "wished_pay_min":
                low = value
            else:
                high = value
    if low is not None and high is not None and low > high:
        errors.add("wished_pay_max", _("The highest pay (%(high)d) cannot be lower than the lowest pay (%(low)d).")
                   % {"high": high, "low": low})
    if "availability" in data:
        if data["availability"] not in Availability.values:
            errors.add("availability", _("Choose from the list."))
        out["availability"] = data["availability"]
    if "status" in data:
        if data["status"] not in SeekerStatus.values:
            errors.add("status", _("Choose one of the listed statuses."))
        out["status"] = data["status"]
    if "resident" in data:
        resident = data["resident"]
        if resident is not None and not can(by, Cap.RESIDENT_VIEW, resident.place):
            errors.add("resident", _("Choose a resident of your places."))
        out["resident"] = resident
    if "consent" in data:
        consent = bool(data["consent"])
        out["consent"] = consent
        if current is None or current.consent != consent:
            out["consent_at"] = timezone.now() if consent else None
            out["consent_by"] = by if consent else None
    errors.raise_any()
    return out


@transaction.atomic
def seeker_create(*, by, name: str, place, phone: str = "", languages=(), skills=(), skills_other: str = "",
                  wished_place=None, wished_pay_min: int | None = None, wished_pay_max: int | None = None,
                  availability: str = Availability.NOW, consent: bool = False, resident=None) -> JobSeeker:
    """A worker records a seeker's profile on their behalf; the consent to be matched and contacted
    is recorded with its time and the worker. Emits ``jobs.seeker.create``."""
    data = _clean_seeker(dict(name=name, place=place, phone=phone, languages=languages, skills=skills,
                              skills_other=skills_other, wished_place=wished_place, wished_pay_min=wished_pay_min,
                              wished_pay_max=wished_pay_max, availability=availability, consent=consent,
                              resident=resident), by=by, current=None)
    seeker = JobSeeker.objects.create(created_by=by, **data)
    audit_write(by=by, action="jobs.seeker.create", target=seeker, detail={"place": seeker.place_id},
                subject_id=seeker.resident_id)
    return seeker


@transaction.atomic
def seeker_update(*, seeker: JobSeeker, by, version: int, **fields) -> JobSeeker:
    unknown = set(fields) - SEEKER_FIELDS
    if unknown:
        raise ValueError(f"seeker_update does not change {sorted(unknown)}")
    current = JobSeeker.objects.select_related("place").get(pk=seeker.pk)
    if current.version != version:
        raise StaleVersion()
    _require(by, Cap.JOB_EDIT, current.place)
    data = _clean_seeker(fields, by=by, current=current)
    changed = {k: v for k, v in data.items() if getattr(current, k) != v}
    if not changed:
        return current
    bump(JobSeeker, pk=current.pk, version=version, updated_at=timezone.now(), **changed)
    audit_write(by=by, action="jobs.seeker.update", target=current, detail={"changed": sorted(changed)},
                subject_id=current.resident_id)
    return JobSeeker.objects.select_related("place", "wished_place").get(pk=current.pk)


# --- the resident's own profile (the portal, with a verified phone) ------------------------------

# Where a resident may say they live: the levels of the tree a resident belongs to.
RESIDENT_PLACE_KINDS = (PlaceKind.SUBDISTRICT, PlaceKind.COMMUNITY, PlaceKind.VILLAGE)
RESIDENT_STATUSES = (SeekerStatus.LOOKING, SeekerStatus.PAUSED)  # "in work" is recorded by staff (a placement)
RESIDENT_FIELDS = {"name", "place", "languages", "skills", "skills_other", "wished_place", "wished_pay_min",
                   "wished_pay_max", "availability", "consent", "status"}


def resident_places():
    return Place.objects.filter(is_active=True, kind__in=RESIDENT_PLACE_KINDS).order_by("path")


def seekers_of_phone(phone: str):
    """The profiles that carry ``phone`` (E.164, verified), newest first: found by the keyed blind
    index, nothing decrypted. Never another seeker."""
    index = phone_index(phone)
    if not index:
        return JobSeeker.objects.none()
    return JobSeeker.objects.filter(phone_index=index).select_related("place", "wished_place") \
        .order_by("-created_at", "-id")


def _resident_place(errors: FieldErrors, field: str, value, allowed, *, required: bool) -> Place | None:
    pk = value.pk if isinstance(value, Place) else value
    if pk in (None, ""):
        if required:
            errors.add(field, _("Choose the subdistrict or community where you live."))
        return None
    if isinstance(pk, bool) or not isinstance(pk, int | str) or not str(pk).isdigit() or len(str(pk)) > 12:
        errors.add(field, _("Choose a place from the list."))
        return None
    place = allowed.filter(pk=int(pk)).first()
    if place is None:
        errors.add(field, _("Choose a place from the list."))
    return place


def _clean_by_resident(fields: dict, *, current: JobSeeker | None) -> dict:
    """The staff validations (``_clean_seeker``, with no staff member: no place scope, consent
    recorded without a recorder) plus the resident's own limits: places from the lists, the
    statuses a resident sets. Every message at once, each on its field."""
    unknown = set(fields) - RESIDENT_FIELDS
    if unknown:
        raise ValueError(f"a resident does not change {sorted(unknown)}")
    data = dict(fields)
    errors = FieldErrors()
    if "name" in data and not str(data["name"] or "").strip():
        errors.add("name", _("Enter your name."))
        del data["name"]
    if "place" in data:
        place = _resident_place(errors, "place", data.pop("place"), resident_places(), required=True)
        if place is not None:
            data["place"] = place
    if "wished_place" in data:
        wished = data.pop("wished_place")
        data["wished_place"] = _resident_place(errors, "wished_place", wished, public_places(), required=False)
    if "status" in data and data["status"] not in RESIDENT_STATUSES:
        errors.add("status", _("Choose “looking for work” or “not looking for now”."))
        del data["status"]
    try:
        out = _clean_seeker(data, by=None, current=current)
    except ValidationError as e:
        errors.add_all(e)
        out = {}
    errors.raise_any()
    return out


def _lock_phone(index: str) -> None:
    """Serialise a phone's profile creations, so a double submit cannot make two (SQLite's
    IMMEDIATE transactions already take the write lock at their start)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"jobs.seeker:{index}"])


@transaction.atomic
def seeker_create_by_resident(*, phone: str, name: str, place, languages=(), skills=(), skills_other: str = "",
                              wished_place=None, wished_pay_min: int | None = None,
                              wished_pay_max: int | None = None, availability: str = Availability.NOW,
                              consent: bool = False) -> tuple[JobSeeker, bool]:
    """A resident with a verified ``phone`` (E.164) makes their own profile on the portal.

    ``place`` and ``wished_place`` are Places or their ids, from ``resident_places()`` /
    ``public_places()``. The consent to be matched and contacted is recorded with its time and no
    recorder. Idempotent per phone: when the phone already has a profile (a double submit, a
    resend, or one a worker recorded), that profile is returned with ``created`` False and nothing
    is written. Raises one ValidationError naming each bad field. Emits ``jobs.seeker.create``
    (by nobody: the resident), never the number."""
    index = phone_index(phone)
    if not index:
        raise ValidationError({"__all__": [_("Verify your phone number first.")]})
    data = _clean_by_resident(dict(name=name, place=place, languages=languages, skills=skills,
                                   skills_other=skills_other, wished_place=wished_place,
                                   wished_pay_min=wished_pay_min, wished_pay_max=wished_pay_max,
                                   availability=availability, consent=consent), current=None)
    _lock_phone(index)
    earlier = seekers_of_phone(phone).first()
    if earlier is not None:
        return earlier, False
    seeker = JobSeeker.objects.create(created_by=None, phone=phone, phone_index=index, **data)
    audit_write(by=None, action="jobs.seeker.create", target=seeker,
                detail={"place": seeker.place_id, "by_resident": True}, subject_id=seeker.resident_id)
    return seeker, True


@transaction.atomic
def seeker_update_by_resident(*, phone: str, seeker: JobSeeker, version: int, **fields) -> JobSeeker:
    """The resident changes their own profile (one that carries ``phone``'s index; another is
    "not found"), checked against ``version`` (StaleVersion when someone saved since). Stopping
    and resuming the search is a change of ``status``. Emits ``jobs.seeker.update`` by nobody."""
    current = seekers_of_phone(phone).filter(pk=seeker.pk).first()
    if current is None:
        raise JobSeeker.DoesNotExist()
    if current.version != version:
        raise StaleVersion()
    data = _clean_by_resident(fields, current=current)
    changed = {k: v for k, v in data.items() if getattr(current, k) != v}
    if not changed:
        return current
    bump(JobSeeker, pk=current.pk, version=version, updated_at=timezone.now(), **changed)
    audit_write(by=None, action="jobs.seeker.update", target=current,
                detail={"changed": sorted(changed), "by_resident": True}, subject_id=current.resident_id)
    return JobSeeker.objects.select_related("place", "wished_place").get(pk=current.pk)


# --- referrals and placements -------------------------------------------------------------------

@transaction.atomic
def referral_create(*, seeker: JobSeeker, posting: JobPosting, by, note: str = "") -> Referral:
    """Refer a seeker who consented to an approved, open posting. Referring twice is refused.
    Emits ``jobs.referral.create``."""
    _require(by, Cap.JOB_EDIT, seeker.place)
    errors = FieldErrors()
    if not seeker.consent:
        errors.add("seeker", _("The seeker has not agreed to be matched and contacted."))
    if posting.status != PostingStatus.APPROVED or posting.expires_on < timezone.localdate():
        errors.add("posting", _("Choose an approved posting that is still open."))
    elif Referral.objects.filter(seeker=seeker, posting=posting).exists():
        errors.add("posting", _("The seeker was already referred to this posting."))
    note = clean_text(errors, "note", note, max_length=SHORT_MAX * 2)
    errors.raise_any()
    try:
        with transaction.atomic():
            referral = Referral.objects.create(seeker=seeker, posting=posting, place=seeker.place, note=note,
                                               referred_by=by)
    except IntegrityError:
        raise ValidationError({"posting": [_("The seeker was already referred to this posting.")]}) from None
    audit_write(by=by, action="jobs.referral.create", target=referral, detail={"posting": posting.pk},
                subject_id=seeker.resident_id)
    return referral


@transaction.atomic
def referral_outcome(*, referral: Referral, by, version: int, outcome: str, note: str | None = None) -> Referral:
    current = Referral.objects.select_related("place").get(pk=referral.pk)
    _require(by, Cap.JOB_EDIT, current.place)
    if current.version != version:
        raise StaleVersion()
    errors = FieldErrors()
    if outcome not in ReferralOutcome.values:
        errors.add("outcome", _("Choose one of the listed outcomes."))
    changes: dict = {"outcome": outcome}
    if note is not None:
        changes["note"] = clean_text(errors, "note", note, max_length=SHORT_MAX * 2)
    errors.raise_any()
    bump(Referral, pk=current.pk, version=version, updated_at=timezone.now(), **changes)
    audit_write(by=by, action="jobs.referral.outcome", target=current, detail={"outcome": outcome})
    return Referral.objects.select_related("place", "posting__employer", "seeker").get(pk=current.pk)


@transaction.atomic
def placement_record(*, seeker: JobSeeker, employer: Employer, by, start_date: date | None,
                     posting: JobPosting | None = None) -> Placement:
    """Record that a seeker started work. The same seeker, employer and start date is stored once;
    the seeker's status becomes "in work". Emits ``jobs.placement.record``."""
    _require(by, Cap.JOB_EDIT, seeker.place)
    errors = FieldErrors()
    if start_date is None or not isinstance(start_date, date):
        errors.add("start_date", _("Enter the day the work started, like 2026-05-17."))
    elif start_date > timezone.localdate() + timedelta(days=60):
        errors.add("start_date", _("Record a placement when the start is at most 60 days away."))
    if employer.status != EmployerStatus.VERIFIED:
        errors.add("employer", _("Choose a verified employer."))
    if posting is not None and posting.employer_id != employer.pk:
        errors.add("posting", _("The posting belongs to another employer."))
    if start_date and not errors and Placement.objects.filter(seeker=seeker, employer=employer,
                                                              start_date=start_date).exists():
        errors.add("start_date", _("This placement is already recorded."))
    errors.raise_any()
    assert start_date is not None
    try:
        with transaction.atomic():
            placement = Placement.objects.create(seeker=seeker, employer=employer, posting=posting,
                                                 place=seeker.place, start_date=start_date, recorded_by=by)
    except IntegrityError:
        raise ValidationError({"start_date": [_("This placement is already recorded.")]}) from None
    JobSeeker.objects.filter(pk=seeker.pk).update(status=SeekerStatus.PLACED, version=F("version") + 1,
                                                  updated_at=timezone.now())
    if posting is not None:
        Referral.objects.filter(seeker=seeker, posting=posting).exclude(outcome=ReferralOutcome.HIRED).update(
            outcome=ReferralOutcome.HIRED, updated_at=timezone.now())
    audit_write(by=by, action="jobs.placement.record", target=placement,
                detail={"employer": employer.pk, "posting": posting.pk if posting else None},
                subject_id=seeker.resident_id)
    return placement
