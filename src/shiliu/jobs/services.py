"""Every write of the job market goes through these functions: atomic, audited, every field
validated at once (one ValidationError), versions checked (StaleVersion).

Employers register themselves (``by=None``) or are registered by staff; officers verify them.
Workers post for verified employers; an officer who did not write a posting approves it.
Workers keep seekers' profiles, refer them to postings and record placements.
"""

import re
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.creation.services import bump
from shiliu.jobs.choices import (
    EmployerSource,
    EmployerStatus,
    Language,
    PayPeriod,
    PostingSource,
    PostingStatus,
    Skill,
    codes_text,
)
from shiliu.jobs.models import (
    CODES_MAX,
    NAME_MAX,
    SHORT_MAX,
    TEXT_MAX,
    Employer,
    JobPosting,
)
from shiliu.jobs.selectors import public_places
from shiliu.people.services import phone_index
from shiliu.people.validation import clean_phone
from shiliu.places.models import Place

PAY_LIMIT = 1_000_000
OPENINGS_MAX = 1000
LONGEST_POSTING = timedelta(days=180)
HTML = re.compile(r"<\s*[a-zA-Z/!?]|&#?[a-zA-Z0-9]+;|[<>]")


def _require(by, cap: str, place: Place) -> None:
    if not can(by, cap, place):
        raise PermissionDenied()


def clean_credit_code(errors: FieldErrors, raw) -> str:
    """A unified social credit code (GB 32100-2015) with a correct check character."""
    code = uscc.compact(raw or "") if isinstance(raw, str) else ""
    if not code:
        errors.add("credit_code", _("Enter the unified social credit code."))
        return code
    try:
        return uscc.validate(code)
    except InvalidChecksum:
        errors.add("credit_code", _("The check character (the last one) of this credit code is wrong: check the "
                                    "code on the business licence."))
    except StdnumError:
        errors.add("credit_code", _("A unified social credit code has 18 characters: 8 digits, then digits and "
                                    "capital letters (no I, O, S, V or Z)."))
    return code


def _clean_phone(errors: FieldErrors, field: str, raw, *, required: str | None = None) -> str:
    raw = (raw or "").strip()
    if not raw:
        if required:
            errors.add(field, required)
        return ""
    try:
        return clean_phone(raw)
    except ValidationError as e:
        errors.add(field, e.messages[0])
        return ""


def _clean_codes(errors: FieldErrors, field: str, values, choices) -> str:
    values = list(values or [])
    if any(v not in choices.values for v in values):
        errors.add(field, _("Choose from the list."))
        return ""
    text = codes_text(values)
    if len(text) > CODES_MAX:
        errors.add(field, _("Choose fewer."))
    return text


def _clean_place(errors: FieldErrors, field: str, place, *, by, cap: str, message: str,
                 required: bool = True) -> Place | None:
    if place is None and not required:
        return None
    if not isinstance(place, Place):
        errors.add(field, _("Choose a place."))
        return None
    if by is not None and not can(by, cap, place):
        errors.add(field, message)
        return None
    return place


def _already_registered() -> str:
    return _("An employer with this credit code is already registered.")


# --- employers ----------------------------------------------------------------------------------

@transaction.atomic
def employer_register(*, by, name: str, credit_code: str, address: str, place, contact_name: str,
                      contact_phone: str) -> Employer:
    """Register an employer: by staff (``by``, job.edit at the place) or by the employer itself on
    the public form (``by=None``). A credit code registered before is refused, never stored twice.
    Emits ``jobs.employer.register``."""
    errors = FieldErrors()
    name = clean_text(errors, "name", name, max_length=NAME_MAX, required=_("Enter the employer's name."))
    code = clean_credit_code(errors, credit_code)
    address = clean_text(errors, "address", address, max_length=SHORT_MAX, required=_("Enter the address."))
    place = _clean_place(errors, "place", place, by=by, cap=Cap.JOB_EDIT,
                         message=_("You cannot register employers at this place."))
    contact_name = clean_text(errors, "contact_name", contact_name, max_length=60,
                              required=_("Enter the name of a contact person."))
    contact_phone = _clean_phone(errors, "contact_phone", contact_phone, required=_("Enter a phone number."))
    if "credit_code" not in errors and Employer.objects.filter(credit_code=code).exists():
        errors.add("credit_code", _already_registered())
    errors.raise_any()
    try:
        with transaction.atomic():
            employer = Employer.objects.create(
                name=name, credit_code=code, address=address, place=place, contact_name=contact_name,
                contact_phone=contact_phone, contact_phone_index=phone_index(contact_phone), created_by=by,
                source=EmployerSource.PUBLIC if by is None else EmployerSource.STAFF)
    except IntegrityError:  # the same code registered at the same moment
        raise ValidationError({"credit_code": [_already_registered()]}) from None
    audit_write(by=by, action="jobs.employer.register", target=employer,
                detail={"place": employer.place_id, "source": employer.source})
    return employer


EMPLOYER_FIELDS = {"name", "address", "place", "contact_name", "contact_phone"}


@transaction.atomic
def employer_update(*, employer: Employer, by, version: int, **fields) -> Employer:
    """Correct an employer's name, address, place or contact (job.edit at its place). The credit
    code is not changed: a different code is a different employer. Emits ``jobs.employer.update``."""
    unknown = set(fields) - EMPLOYER_FIELDS
    if unknown:
        raise ValueError(f"employer_update does not change {sorted(unknown)}")
    current = Employer.objects.select_related("place").get(pk=employer.pk)
    if current.version != version:
        raise StaleVersion()
    _require(by, Cap.JOB_EDIT, current.place)
    errors = FieldErrors()
    data: dict = {}
    if "name" in fields:
        data["name"] = clean_text(errors, "name", fields["name"], max_length=NAME_MAX,
                                  required=_("Enter the employer's name."))
    if "address" in fields:
        data["address"] = clean_text(errors, "address", fields["address"], max_length=SHORT_MAX,
                                     required=_("Enter the address."))
    if "place" in fields:
        data["place"] = _clean_place(errors, "place", fields["place"], by=by, cap=Cap.JOB_EDIT,
                                     message=_("You cannot register employers at this place."))
    if "contact_name" in fields:
        data["contact_name"] = clean_text(errors, "contact_name", fields["contact_name"], max_length=60,
                                          required=_("Enter the name of a contact person."))
    if "contact_phone" in fields:
        data["contact_phone"] = _clean_phone(errors, "contact_phone", fields["contact_phone"],
                                             required=_("Enter a phone number."))
    errors.raise_any()
    changed = {k: v for k, v in data.items() if getattr(current, k) != v}
    if not changed:
        return current
    if "contact_phone" in changed:
        changed["contact_phone_index"] = phone_index(changed["contact_phone"])
    bump(Employer, pk=current.pk, version=version, updated_at=timezone.now(), **changed)
    audit_write(by=by, action="jobs.employer.update", target=current, detail={"changed": sorted(changed)})
    return Employer.objects.select_related("place").get(pk=current.pk)


def _employer_decide(employer: Employer, *, by, version: int, status: str, reason: str, action: str) -> Employer:
    current = Employer.objects.select_related("place").get(pk=employer.pk)
    _require(by, Cap.JOB_VERIFY, current.place)
    if current.version != version:
        raise StaleVersion()
    errors = FieldErrors()
    if status == EmployerStatus.REJECTED:
        reason = clean_text(errors, "reason", reason, max_length=SHORT_MAX * 3,
                            required=_("Say why the employer is not verified."))
    if current.status == status:
        errors.add("reason", _("The employer already has this status."))
    errors.raise_any()
    now = timezone.now()
    bump(Employer, pk=current.pk, version=version, status=status, reject_reason=reason, verified_by=by,
         verified_at=now, updated_at=now)
    audit_write(by=by, action=action, target=current, detail={"status": status})
    return Employer.objects.select_related("place").get(pk=current.pk)


@transaction.atomic
def employer_verify(*, employer: Employer, by, version: int) -> Employer:
    """An officer (job.verify at the employer's place) confirms the employer is real."""
    return _employer_decide(employer, by=by, version=version, status=EmployerStatus.VERIFIED, reason="",
                            action="jobs.employer.verify")


@transaction.atomic
def employer_reject(*, employer: Employer, by, version: int, reason: str) -> Employer:
    return _employer_decide(employer, by=by, version=version, status=EmployerStatus.REJECTED, reason=reason,
                            action="jobs.employer.reject")


# --- postings -----------------------------------------------------------------------------------

POSTING_FIELDS = {"title", "description", "pay_min", "pay_max", "pay_period", "place", "work_location", "hours",
                  "requirements", "skills", "languages", "meals", "housing", "halal_meals", "openings",
                  "expires_on"}


def _clean_pay(errors: FieldErrors, field: str, value, *, required: str) -> int | None:
    if value is None or value == "":
        errors.add(field, required)
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > PAY_LIMIT:
        errors.add(field, _("Enter an amount in yuan from 0 to %(n)d.") % {"n": PAY_LIMIT})
        return None
    return value


def _clean_posting(data: dict, *, by, current: JobPosting | None) -> dict:
    errors = FieldErrors()
    out: dict = {}
    if "title" in data:
        title = clean_text(errors, "title", data["title"], max_length=NAME_MAX, required=_("Enter the job title."))
        if HTML.search(title):
            errors.add("title", _("A title is plain text: leave out HTML and the characters < and >."))
        out["title"] = title
    for name, limit in (("description", TEXT_MAX), ("requirements", TEXT_MAX), ("work_location", SHORT_MAX),
                        ("hours", SHORT_MAX)):
        if name in data:
            out[name] = clean_text(errors, name, data[name], max_length=limit)
    low = current.pay_min if current else None
    high = current.pay_max if current else None
    if "pay_min" in data:
        low = out["pay_min"] = _clean_pay(errors, "pay_min", data["pay_min"], required=_("Enter the lowest pay."))
    if "pay_max" in data:
        high = out["pay_max"] = _clean_pay(errors, "pay_max", data["pay_max"], required=_("Enter the highest pay."))
    if low is not None and high is not None and low > high:
        errors.add("pay_max", _("The highest pay (%(high)d) cannot be lower than the lowest pay (%(low)d).")
                   % {"high": high, "low": low})
    if "pay_period" in data:
        if data["pay_period"] not in PayPeriod.values:
            errors.add("pay_period", _("Choose one of the listed periods."))
        out["pay_period"] = data["pay_period"]
    if "place" in data:
        out["place"] = _clean_place(errors, "place", data["place"], by=by, cap=Cap.JOB_EDIT,
                                    message=_("You cannot post jobs at this place."))
    if "skills" in data:
        out["skills"] = _clean_codes(errors, "skills", data["skills"], Skill)
    if "languages" in data:
        out["languages"] = _clean_codes(errors, "languages", data["languages"], Language)
    for flag in ("meals", "housing", "halal_meals"):
        if flag in data:
            out[flag] = bool(data[flag])
    if "openings" in data:
        openings = data["openings"]
        if not isinstance(openings, int) or isinstance(openings, bool) or not 1 <= openings <= OPENINGS_MAX:
            errors.add("openings", _("Enter a number of openings from 1 to %(n)d.") % {"n": OPENINGS_MAX})
        out["openings"] = openings
    if "expires_on" in data:
        expires = data["expires_on"]
        today = timezone.localdate()
        if not isinstance(expires, date):
            errors.add("expires_on", _("Enter the last day the posting is open, like 2026-12-31."))
        elif expires < today:
            errors.add("expires_on", _("The posting must be open until today or later."))
        elif expires > today + LONGEST_POSTING:
            errors.add("expires_on", _("A posting is open at most 180 days; post it again later."))
        out["expires_on"] = expires
    errors.raise_any()
    return out


@transaction.atomic
def posting_create(*, by, employer: Employer, **fields) -> JobPosting:
    """A draft posting of a verified employer, by a worker (job.edit at the posting's place).
    Emits ``jobs.posting.create``."""
    unknown = set(fields) - POSTING_FIELDS
    if unknown:
        raise ValueError(f"posting_create does not take {sorted(unknown)}")
    defaults = {"description": "", "work_location": "", "hours": "", "requirements": "", "skills": [],
                "languages": [], "meals": False, "housing": False, "halal_meals": False, "openings": 1,
                "pay_period": PayPeriod.MONTH, "pay_min": None, "pay_max": None, "expires_on": None,
                "place": None, "title": ""}
    data = {**defaults, **fields}
    employer_error = None
    if employer.status != EmployerStatus.VERIFIED:
        employer_error = _("Only a verified employer may post jobs.")
    try:
        out = _clean_posting(data, by=by, current=None)
    except ValidationError as exc:
        if employer_error:
            exc.error_dict.setdefault("employer", []).append(ValidationError(employer_error))
        raise
    if employer_error:
        raise ValidationError({"employer": [employer_error]})
    posting = JobPosting.objects.create(employer=employer, created_by=by, **out)
    audit_write(by=by, action="jobs.posting.create", target=posting, detail={"employer": employer.pk})
    return posting


@transaction.atomic
def posting_update(*, posting: JobPosting, by, version: int, **fields) -> JobPosting:
    """Change a draft or rejected posting (a rejected one goes back to draft)."""
    unknown = set(fields) - POSTING_FIELDS
    if unknown:
        raise ValueError(f"posting_update does not change {sorted(unknown)}")
    current = JobPosting.objects.select_related("place").get(pk=posting.pk)
    if current.version != version:
        raise StaleVersion()
    _require(by, Cap.JOB_EDIT, current.place)
    if current.status not in (PostingStatus.DRAFT, PostingStatus.REJECTED):
        raise ValidationError(_("Only a draft or a rejected posting can be changed; close it and post a new one."))
    data = _clean_posting(fields, by=by, current=current)
    changed = {k: v for k, v in data.items() if getattr(current, k) != v}
    if current.status == PostingStatus.REJECTED:
        changed["status"] = PostingStatus.DRAFT
    if not changed:
        return current
    bump(JobPosting, pk=current.pk, version=version, updated_at=timezone.now(), **changed)
    audit_write(by=by, action="jobs.posting.update", target=current, detail={"changed": sorted(changed)})
    return JobPosting.objects.select_related("place", "employer").get(pk=current.pk)


TRANSITIONS = {
    "submit": ({PostingStatus.DRAFT}, PostingStatus.SUBMITTED, Cap.JOB_EDIT),
    "approve": ({PostingStatus.SUBMITTED}, PostingStatus.APPROVED, Cap.JOB_VERIFY),
    "reject": ({PostingStatus.SUBMITTED}, PostingStatus.REJECTED, Cap.JOB_VERIFY),
    "close": ({PostingStatus.DRAFT, PostingStatus.SUBMITTED, PostingStatus.APPROVED, PostingStatus.REJECTED},
              PostingStatus.CLOSED, Cap.JOB_EDIT),
}


@transaction.atomic
def posting_transition(*, posting: JobPosting, by, version: int, action: str, reason: str = "") -> JobPosting:
    """submit (a worker), approve / reject (an officer who did not write it: D6), close.

    Approval also needs a verified employer and a posting that has not expired.
    Emits ``jobs.posting.<action>``."""
    allowed, target, cap = TRANSITIONS[action]
    current = JobPosting.objects.select_for_update().get(pk=posting.pk)
    current = JobPosting.objects.select_related("place", "employer").get(pk=current.pk)
    _require(by, cap, current.place)
    if current.version != version:
        raise StaleVersion()
    if current.status not in allowed:
        raise ValidationError(_("This posting is %(status)s; it cannot be changed that way.")
                              % {"status": current.get_status_display()})
    errors = FieldErrors()
    changes: dict = {"status": target}
    if action in ("approve", "reject"):
        if current.created_by_id == by.pk:
            raise ValidationError(_("Another officer must decide on a posting you wrote."))
        changes.update(decided_by=by, decided_at=timezone.now())
    if action == "approve":
        if current.employer.status != EmployerStatus.VERIFIED:
            errors.add("employer", _("Only a verified employer may post jobs."))
        if current.expires_on < timezone.localdate():
            errors.add("expires_on", _("The posting has expired."))
    if action == "reject":
        changes["reject_reason"] = clean_text(errors, "reason", reason, max_length=SHORT_MAX * 3,
                                              required=_("Say why the posting is rejected."))
    errors.raise_any()
    bump(JobPosting, pk=current.pk, version=version, updated_at=timezone.now(), **changes)
    audit_write(by=by, action=f"jobs.posting.{action}", target=current, detail={"status": target})
    return JobPosting.objects.select_related("place", "employer").get(pk=current.pk)


def close_expired(*, today: date | None = None) -> int:
    """Close every posting whose last day has passed (the periodic task). Idempotent."""
    today = today or timezone.localdate()
    open_ = (PostingStatus.DRAFT, PostingStatus.SUBMITTED, PostingStatus.APPROVED)
    closed = 0
    for pk, version in JobPosting.objects.filter(status__in=open_, expires_on__lt=today).values_list("pk",
                                                                                                      "version"):
        with transaction.atomic():
            try:
                bump(JobPosting, pk=pk, version=version, status=PostingStatus.CLOSED, updated_at=timezone.now())
            except StaleVersion:
                continue
            audit_write(by=None, action="jobs.posting.expire", target=JobPosting(pk=pk),
                        detail={"expired_before": today.isoformat()})
            closed += 1
    return closed



# --- the employers' desk ------------------------------------------------------------------------
#
# The employer's contact person posts jobs without an account: they prove the employer's contact
# phone with the portal's one-time code, and whoever holds that number holds the employer's desk
# (docs/decisions/0022). Every function takes the verified ``phone`` (E.164) and refuses an
# employer whose contact is another number. Postings from the desk wait for an officer's approval
# (posting_transition) like any other; they are written with ``by=None`` and ``source=EMPLOYER``.

DESK_EDITABLE = (PostingStatus.DRAFT, PostingStatus.SUBMITTED, PostingStatus.REJECTED)
FORM_KEY_MAX = 64


def desk_holds(phone: str | None, employer: Employer) -> bool:
    """Whether ``phone`` is the employer's contact phone (compared by keyed blind index)."""
    index = phone_index(phone) if phone else ""
    return bool(index) and index == employer.contact_phone_index


def _desk_require(phone: str, employer: Employer) -> None:
    if not desk_holds(phone, employer):
        raise PermissionDenied()


def _desk_clean(data: dict, *, employer: Employer, current: JobPosting | None) -> dict:
    """The staff's rules (_clean_posting) plus the desk's own: a verified employer, a public place.
    Every message at once, by field."""
    errors = FieldErrors()
    if employer.status != EmployerStatus.VERIFIED:
        errors.add("employer", _("Only a verified employer may post jobs."))
    place = data.get("place")
    if isinstance(place, Place) and not public_places().filter(pk=place.pk).exists():
        errors.add("place", _("Choose a subdistrict or community from the list."))
    out: dict = {}
    try:
        out = _clean_posting(data, by=None, current=current)
    except ValidationError as exc:
        errors.add_all(exc)
    errors.raise_any()
    return out


def desk_posting_create(*, phone: str, employer: Employer, form_key: str, **fields) -> tuple[JobPosting, bool]:
    """The employer's contact posts a job: saved straight as awaiting approval, ``source=EMPLOYER``,
    no staff author. Returns (posting, created); the same ``form_key`` again (a double submit, an
    API resend) returns the first posting. PermissionDenied for another phone's employer; one
    ValidationError by field, nothing saved. Emits ``jobs.posting.desk_create``."""
    unknown = set(fields) - POSTING_FIELDS
    if unknown:
        raise ValueError(f"desk_posting_create does not take {sorted(unknown)}")
    _desk_require(phone, employer)
    key = (form_key or "").strip()
    if not key or len(key) > FORM_KEY_MAX:
        raise ValidationError({"__all__": [_("The form has expired. Open it again and send it once more.")]})
    earlier = JobPosting.objects.filter(employer=employer, form_key=key).first()
    if earlier is not None:
        return earlier, False
    defaults = {"description": "", "work_location": "", "hours": "", "requirements": "", "skills": [],
                "languages": [], "meals": False, "housing": False, "halal_meals": False, "openings": 1,
                "pay_period": PayPeriod.MONTH, "pay_min": None, "pay_max": None, "expires_on": None,
                "place": None, "title": ""}
    current = Employer.objects.get(pk=employer.pk)  # its status now, not when the page was read
    out = _desk_clean({**defaults, **fields}, employer=current, current=None)
    try:
        with transaction.atomic():
            posting = JobPosting.objects.create(employer=current, created_by=None, source=PostingSource.EMPLOYER,
                                                status=PostingStatus.SUBMITTED, form_key=key, **out)
            audit_write(by=None, action="jobs.posting.desk_create", target=posting,
                        detail={"employer": current.pk, "source": PostingSource.EMPLOYER})
    except IntegrityError:  # the twin submit won the race
        return JobPosting.objects.get(employer=current, form_key=key), False
    return posting, True


@transaction.atomic
def desk_posting_update(*, phone: str, posting: JobPosting, version: int, **fields) -> JobPosting:
    """The employer's contact changes a posting that is not approved or closed; it (again) awaits
    approval — a rejected one is so resubmitted. Emits ``jobs.posting.desk_update``."""
    unknown = set(fields) - POSTING_FIELDS
    if unknown:
        raise ValueError(f"desk_posting_update does not change {sorted(unknown)}")
    current = JobPosting.objects.select_for_update().get(pk=posting.pk)
    employer = Employer.objects.get(pk=current.employer_id)
    _desk_require(phone, employer)
    if current.version != version:
        raise StaleVersion()
    if current.status not in DESK_EDITABLE:
        raise ValidationError(_("An approved or closed posting cannot be changed; close it and post a new one."))
    data = _desk_clean(fields, employer=employer, current=current)
    changed = {k: v for k, v in data.items() if getattr(current, k) != v}
    if current.status != PostingStatus.SUBMITTED:
        changed["status"] = PostingStatus.SUBMITTED
    if not changed:
        return JobPosting.objects.select_related("place", "employer").get(pk=current.pk)
    bump(JobPosting, pk=current.pk, version=version, updated_at=timezone.now(), **changed)
    audit_write(by=None, action="jobs.posting.desk_update", target=current,
                detail={"changed": sorted(changed), "source": PostingSource.EMPLOYER})
    return JobPosting.objects.select_related("place", "employer").get(pk=current.pk)


@transaction.atomic
def desk_posting_close(*, phone: str, posting: JobPosting, version: int) -> JobPosting:
    """The employer's contact closes a posting (filled, or no longer wanted); it leaves the public
    listing at once. Emits ``jobs.posting.desk_close``."""
    current = JobPosting.objects.select_for_update().get(pk=posting.pk)
    employer = Employer.objects.get(pk=current.employer_id)
    _desk_require(phone, employer)
    if current.version != version:
        raise StaleVersion()
    if current.status not in TRANSITIONS["close"][0]:
        raise ValidationError(_("This posting is %(status)s; it cannot be changed that way.")
                              % {"status": current.get_status_display()})
    bump(JobPosting, pk=current.pk, version=version, status=PostingStatus.CLOSED, updated_at=timezone.now())
    audit_write(by=None, action="jobs.posting.desk_close", target=current,
                detail={"status": PostingStatus.CLOSED, "source": PostingSource.EMPLOYER})
    return JobPosting.objects.select_related("place", "employer").get(pk=current.pk)
