"""Lockout after repeated failed logins, per account and per address (SECURITY.md C4)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from shiliu.accounts.models import LoginAttempt


def _window_start():
    return timezone.now() - timedelta(minutes=settings.SHILIU_LOCKOUT_MINUTES)


def is_locked(username: str, address: str) -> bool:
    since = _window_start()
    last_success = (
        LoginAttempt.objects.filter(username__iexact=username, succeeded=True, at__gte=since)
        .order_by("-at").values_list("at", flat=True).first()
    )
    user_failures = LoginAttempt.objects.filter(username__iexact=username, succeeded=False,
                                                at__gte=last_success or since).count()
    if user_failures >= settings.SHILIU_LOCKOUT_FAILURES:
        return True
    address_failures = LoginAttempt.objects.filter(address=address, succeeded=False, at__gte=since).count()
    return address_failures >= settings.SHILIU_LOCKOUT_ADDRESS_FAILURES


def record_attempt(username: str, address: str, *, succeeded: bool) -> None:
    LoginAttempt.objects.create(username=username[:150], address=address, succeeded=succeeded)
