"""What activities hold about a resident's phone (shiliu.mydata's collector protocol).

Registrations are found by the phone's blind index. An erasure cancels a live registration for
an activity still to come (its place goes to the waiting list) and anonymises every registration
the way the retention job does (``registrations.forget_registrations``): the row stays so the
attendance still counts, what identified the person goes.
"""

from django.utils import timezone
from django.utils.translation import get_language

from shiliu.activities.choices import RegistrationStatus
from shiliu.activities.models import Registration
from shiliu.activities.registrations import FORGOTTEN, _cancel, _lock, phone_index
from shiliu.audit.services import audit_write
from shiliu.mydata import texts
from shiliu.mydata.collectors import Outcome, Section
from shiliu.people.masking import mask_phone

LABEL = "activities"
LIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


def _registrations(phone: str):
    return Registration.objects.filter(phone_index=phone_index(phone)).select_related("activity") \
        .order_by("-registered_at", "-id")


def holdings(phone: str) -> list[Section]:
    language = get_language()
    rows = [[
        (texts.ACTIVITY, r.activity.display_title(language)),
        (texts.WHEN, timezone.localtime(r.activity.starts_at).strftime("%Y-%m-%d %H:%M")),
        (texts.STATUS, r.get_status_display()),
        (texts.CONTACT_NAME, r.name),
        (texts.PHONE, mask_phone(r.phone)),
        (texts.REGISTERED_AT, timezone.localtime(r.registered_at).strftime("%Y-%m-%d")),
    ] for r in _registrations(phone)]
    return [Section(app=LABEL, title=texts.REGISTRATIONS, rows=rows)]


def erase(phone: str) -> Outcome:
    now = timezone.now()
    cancelled = anonymised = 0
    for registration in list(_registrations(phone)):
        if registration.status in LIVE and registration.activity.ends_at > now:
            activity = _lock(registration.activity)
            _cancel(activity, Registration.objects.select_for_update().get(pk=registration.pk), by=None)
            cancelled += 1
        Registration.objects.filter(pk=registration.pk).update(
            name="", phone="", phone_index=f"{FORGOTTEN}:{registration.pk}", resident=None, request_key="",
            request_fingerprint="")
        audit_write(by=None, action="activity.registration.erase", target=registration,
                    detail={"activity": registration.activity_id})
        anonymised += 1
    erased = []
    if cancelled:
        erased.append(texts.registrations_cancelled(cancelled))
    if anonymised:
        erased.append(texts.registrations_anonymised(anonymised))
    return Outcome(app=LABEL, title=texts.REGISTRATIONS, erased=erased)
