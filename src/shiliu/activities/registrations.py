"""Registration, the waiting list and check-in: every write to a Registration goes through here.

Capacity is guarded by locking the activity's row (``select_for_update``; SQLite runs
IMMEDIATE transactions, which serialise writers the same way): the count of places taken
and the insert happen under one lock, so parallel requests never overbook.
"""

import hmac
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.activities import notices
from shiliu.activities.choices import HOLDS_A_PLACE, ActivityStatus, RegistrationSource, RegistrationStatus
from shiliu.activities.models import CODE_DIGITS, Activity, Registration, new_code
from shiliu.audit.services import audit_write
from shiliu.core import crypto
from shiliu.people.validation import clean_phone

PHONE_PURPOSE = "activities.registration.phone"  # its own key purpose: no join with residents' phones
NAME_MAX = 60
FORGOTTEN = "forgotten"


def phone_index(e164: str) -> str:
    return crypto.blind_index(e164, purpose=PHONE_PURPOSE)


def places_taken(activity: Activity) -> int:
    return Registration.objects.filter(activity=activity, status__in=HOLDS_A_PLACE).count()


def waiting_rank(registration: Registration) -> int | None:
    """1 for the next in line; None when not waiting."""
    if registration.status != RegistrationStatus.WAITLISTED or registration.position is None:
        return None
    return Registration.objects.filter(activity_id=registration.activity_id, status=RegistrationStatus.WAITLISTED,
                                       position__lte=registration.position).count()


def _lock(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().select_related("place").get(pk=activity.pk)


def _fmt(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def request_fingerprint(data: dict) -> str:
    # Keyed: a stored fingerprint cannot be matched against guessed phone numbers.
    return crypto.blind_index(json.dumps(data, sort_keys=True, default=str), purpose="activities.idempotency")


def registration_create(*, activity: Activity, name: str = "", phone: str = "", by=None, resident=None,
                        request_key: str = "", fingerprint: str = "") -> tuple[Registration, bool]:
    """Register a person: a place if one is free, else the waiting list (if the activity keeps one).

    ``by`` is the staff member entering it (who may manage the activity), or None for an online
    registration (the activity must be published, open and take registrations from the public).
    ``resident`` (already scoped by the caller) fills an empty name or phone. Returns
    (registration, created): an API request repeated with the same ``request_key`` and
    ``fingerprint`` returns the first registration (H1); the same key with another request is
    refused. Sends the person an SMS with the check-in code (or the waiting-list notice).
    """
    if request_key and by is not None:
        earlier = Registration.objects.filter(created_by=by, request_key=request_key).first()
        if earlier is not None:
            if earlier.request_fingerprint != fingerprint or earlier.activity_id != activity.pk:
                raise ValidationError({"Idempotency-Key": [_("This Idempotency-Key was used for a different "
                                                             "request.")]})
            return earlier, False
    with transaction.atomic():
        return _create(activity=activity, name=name, phone=phone, by=by, resident=resident,
                       request_key=request_key if by is not None else "", fingerprint=fingerprint), True


def _create(*, activity, name, phone, by, resident, request_key, fingerprint) -> Registration:
    current = _lock(activity)
    if by is not None and not can(by, Cap.ACTIVITY_EDIT, current.place):
        raise PermissionDenied()
    errors: dict[str, list[str]] = {}
    if by is None and not (current.published and current.public_registration):
        raise ValidationError({"__all__": [_("This activity does not take registrations online.")]})
    name = (name or "").strip() or (resident.name if resident is not None else "")
    phone = (phone or "").strip() or (resident.phone if resident is not None else "")
    if not name:
        errors.setdefault("name", []).append(_("Enter the name of the person registering."))
    elif len(name) > NAME_MAX:
        errors.setdefault("name", []).append(_("A name can have at most %(n)d characters.") % {"n": NAME_MAX})
    e164 = ""
    if not phone:
        errors.setdefault("phone", []).append(
            _("Enter a phone number: it brings the check-in code and news of the waiting list."))
    else:
        try:
            e164 = clean_phone(phone)
        except ValidationError as e:
            errors.setdefault("phone", []).append(e.messages[0])
    allowed = {ActivityStatus.OPEN} if by is None else {ActivityStatus.PLANNED, ActivityStatus.OPEN}
    if current.ends_at <= timezone.now():
        errors.setdefault("__all__", []).append(_("This activity is over."))
    elif current.status not in allowed:
        errors.setdefault("__all__", []).append(_("This activity is not taking registrations (it is “%(status)s”).")
                                                % {"status": ActivityStatus(current.status).label})
    index = phone_index(e164) if e164 else ""
    if index:
        same = (Registration.objects.filter(activity=current, phone_index=index)
                .exclude(status=RegistrationStatus.CANCELLED).first())
        if same is not None:
            errors.setdefault("phone", []).append(
                _("This phone number is already on the waiting list of this activity.")
                if same.status == RegistrationStatus.WAITLISTED
                else _("This phone number is already registered for this activity."))
    if errors:
        raise ValidationError(errors)
    taken = places_taken(current)
    if current.capacity is None or taken < current.capacity:
        status, position = RegistrationStatus.REGISTERED, None
    elif current.waiting_list:
        last = (Registration.objects.filter(activity=current, status=RegistrationStatus.WAITLISTED)
                .aggregate(m=Max("position"))["m"])
        status, position = RegistrationStatus.WAITLISTED, (last or 0) + 1
    else:
        raise ValidationError({"__all__": [_("The activity is full: all %(n)d places are taken.")
                                           % {"n": current.capacity}]})
    registration = Registration(
        activity=current, name=name, phone=e164, phone_index=index, resident=resident, status=status,
        position=position, source=RegistrationSource.STAFF if by is not None else RegistrationSource.ONLINE,
        registered_at=timezone.now(), created_by=by, request_key=request_key, request_fingerprint=fingerprint)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                registration.save()
            break
        except IntegrityError:
            if Registration.objects.filter(activity=current, code=registration.code).exists():
                registration.pk, registration.code = None, new_code()  # a rare clash of codes: draw again
                continue
            raise ValidationError({"phone": [_("This phone number is already registered for this activity.")]}) \
                from None
    else:
        raise RuntimeError("no free check-in code after five draws")
    audit_write(by=by, action="activity.registration.create", target=registration,
                detail={"activity": current.pk, "status": status, "source": registration.source})
    notices.tell(registration, current, "registered" if status == RegistrationStatus.REGISTERED else "waitlisted")
    return registration


def promote_waiting(activity: Activity, *, by) -> list[Registration]:
    """Give free places to the waiting list, first come first, and tell each person.

    Call with the activity's row locked (inside the service that freed the place).
    """
    if activity.status not in (ActivityStatus.PLANNED, ActivityStatus.OPEN, ActivityStatus.CLOSED):
        return []
    if activity.ends_at <= timezone.now():
        return []
    queue = Registration.objects.filter(activity=activity, status=RegistrationStatus.WAITLISTED) \
        .order_by("position", "id")
    if activity.capacity is not None:
        free = activity.capacity - places_taken(activity)
        if free <= 0:
            return []
        queue = queue[:free]
    promoted = []
    now = timezone.now()
    for registration in list(queue):
        Registration.objects.filter(pk=registration.pk, status=RegistrationStatus.WAITLISTED).update(
            status=RegistrationStatus.REGISTERED, position=None, promoted_at=now)
        registration.status, registration.position, registration.promoted_at = \
            RegistrationStatus.REGISTERED, None, now
        audit_write(by=by, action="activity.registration.promote", target=registration,
                    detail={"activity": activity.pk})
        notices.tell(registration, activity, "promoted")
        promoted.append(registration)
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, by) -> Registration:
    """Cancel a registration or take someone off the waiting list (staff). A freed place goes to
    the first on the waiting list."""
    current = _lock(registration.activity)
    if not can(by, Cap.ACTIVITY_EDIT, current.place):
        raise PermissionDenied()
    return _cancel(current, Registration.objects.select_for_update().get(pk=registration.pk), by=by)


@transaction.atomic
def registration_leave(*, activity: Activity, code: str) -> Registration:
    """The person themself cancels, or leaves the waiting list, with their code (no account)."""
    current = _lock(activity)
    registration = _by_code(current, code, lock=True)
    return _cancel(current, registration, by=None)


def _cancel(activity: Activity, registration: Registration, *, by) -> Registration:
    if registration.activity_id != activity.pk:
        raise ValueError("registration of another activity")
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError({"__all__": [_("This registration was already cancelled.")]})
    if registration.status == RegistrationStatus.CHECKED_IN:
        raise ValidationError({"__all__": [_("This person has already checked in; the registration stays.")]})
    was = registration.status
    registration.status, registration.position = RegistrationStatus.CANCELLED, None
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "position", "cancelled_at"])
    audit_write(by=by, action="activity.registration.cancel", target=registration,
                detail={"activity": activity.pk, "was": was, "by_code": by is None})
    if was == RegistrationStatus.REGISTERED:
        promote_waiting(activity, by=by)
    return registration


def normalize_code(code: str) -> str:
    return "".join(ch for ch in str(code or "") if ch.isdigit())


def _by_code(activity: Activity, code: str, *, lock: bool = False) -> Registration:
    digits = normalize_code(code)
    if len(digits) != CODE_DIGITS:
        raise ValidationError({"code": [_("Enter the %(n)d-digit code from your registration message.")
                                        % {"n": CODE_DIGITS}]})
    qs = Registration.objects.filter(activity=activity, code=digits)
    registration = (qs.select_for_update() if lock else qs).first()
    if registration is None or not hmac.compare_digest(registration.code, digits):
        raise ValidationError({"code": [_("No registration for this activity has this code. Check the digits.")]})
    return registration


def checkin_window_error(activity: Activity, now=None) -> str | None:
    """Why check-in is closed now, or None while it is open (30 minutes before the start to the end)."""
    now = now or timezone.now()
    if activity.status == ActivityStatus.CANCELLED:
        return _("This activity was cancelled.")
    if now < activity.checkin_opens_at:
        return _("Check-in opens at %(time)s, 30 minutes before the start.") % {"time": _fmt(activity.checkin_opens_at)}
    if now > activity.ends_at:
        return _("Check-in closed when the activity ended, at %(time)s.") % {"time": _fmt(activity.ends_at)}
    return None


def _check_in(activity: Activity, registration: Registration, *, by, via: str) -> Registration:
    problem = checkin_window_error(activity)
    if problem:
        raise ValidationError({"__all__": [problem]})
    if registration.status == RegistrationStatus.CHECKED_IN:
        raise ValidationError({"__all__": [_("Already checked in at %(time)s.")
                                           % {"time": _fmt(registration.checked_in_at)}]})
    if registration.status == RegistrationStatus.WAITLISTED:
        raise ValidationError({"__all__": [_("This registration is on the waiting list and has no place yet.")]})
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError({"__all__": [_("This registration was cancelled.")]})
    now = timezone.now()
    # Conditional: of two check-ins of one code at the same moment, only one changes the row.
    done = Registration.objects.filter(pk=registration.pk, status=RegistrationStatus.REGISTERED).update(
        status=RegistrationStatus.CHECKED_IN, checked_in_at=now, checked_in_by=by)
    if not done:
        raise ValidationError({"__all__": [_("Already checked in.")]})
    registration.status, registration.checked_in_at, registration.checked_in_by = \
        RegistrationStatus.CHECKED_IN, now, by
    audit_write(by=by, action="activity.checkin", target=registration, detail={"activity": activity.pk, "via": via})
    return registration


@transaction.atomic
def checkin_by_code(*, activity: Activity, code: str, by=None) -> Registration:
    """Check in with the one-time code (at the venue, from the QR page; or staff through the API).
    Refused outside the window, twice, for the waiting list and for a cancelled registration."""
    if by is not None and not can(by, Cap.ACTIVITY_EDIT, activity.place):
        raise PermissionDenied()
    problem = checkin_window_error(activity)
    if problem:
        raise ValidationError({"__all__": [problem]})
    registration = _by_code(activity, code)
    return _check_in(activity, registration, by=by, via="code")


@transaction.atomic
def checkin_by_list(*, registration: Registration, by) -> Registration:
    """The organizer ticks a registered person off the list."""
    activity = registration.activity
    if not can(by, Cap.ACTIVITY_EDIT, activity.place):
        raise PermissionDenied()
    return _check_in(activity, Registration.objects.get(pk=registration.pk), by=by, via="list")


def forget_registrations(*, before) -> int:
    """Erase names and phones of registrations for activities that ended before ``before`` (A6).

    The rows stay (check-ins keep counting toward attendance); what identified the person goes.
    """
    rows = Registration.objects.filter(activity__ends_at__lt=before).exclude(phone_index__startswith=FORGOTTEN)
    forgotten = 0
    for pk in rows.values_list("pk", flat=True).iterator():
        Registration.objects.filter(pk=pk).update(name="", phone="", phone_index=f"{FORGOTTEN}:{pk}", resident=None,
                                                  request_key="", request_fingerprint="")
        forgotten += 1
    return forgotten
