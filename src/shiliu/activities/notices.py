"""Telling a registered person what happened: one SMS per event, through the notify outbox (H4)."""

from django.utils import timezone

from shiliu.activities.models import Activity, Registration
from shiliu.activities.qr import public_address

EVENTS = ("registered", "waitlisted", "promoted", "cancelled")


def _when(activity: Activity) -> str:
    return timezone.localtime(activity.starts_at).strftime("%Y-%m-%d %H:%M")


def spaced(code: str) -> str:
    """1234 5678: easier to read out and to type."""
    return f"{code[:4]} {code[4:]}" if len(code) == 8 else code


def leave_url(activity: Activity) -> str:
    return public_address("activities:leave", activity)


def tell(registration: Registration, activity: Activity, event: str) -> None:
    """Queue the SMS for ``event`` inside the caller's transaction; sent at most once per event.

    The parameters carry the activity and the code, never the person's name (the outbox keeps
    parameters in clear).
    """
    from shiliu.notify.services import send_sms

    if event not in EVENTS:
        raise ValueError(event)
    params = {
        "title": {"zh-hans": activity.title, "en": activity.title_en or activity.title},
        "starts": _when(activity),
        "venue": activity.venue,
        "code": spaced(registration.code),
        "leave_url": leave_url(activity),
    }
    # One key per event and registration: a retried transaction or task sends nothing twice.
    send_sms(key=f"activities.{event}:{registration.pk}", phone=registration.phone,
             template=f"activities.{event}", params=params)
