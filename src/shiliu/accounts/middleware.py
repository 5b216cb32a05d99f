"""Session rules for staff (SECURITY.md C5, C6, C2 rotation)."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

# Paths a signed-in user may reach before finishing the second factor or a password change.
_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz", "/api/")


class SessionPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith("/api/"):
            response = self._enforce(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _enforce(self, request, user):
        now = time.time()
        last_seen = request.session.get("last_seen")
        if last_seen is not None and now - last_seen > settings.SHILIU_IDLE_MINUTES * 60:
            logout(request)
            messages.info(request, _("You were signed out after a period of inactivity."))
            return redirect(settings.LOGIN_URL)
        request.session["last_seen"] = now
        if request.path.startswith(_EXEMPT_PREFIXES):
            return None
        if user.requires_2fa and not user.is_verified():
            return redirect("accounts:two_factor")
        max_age = settings.SHILIU_PASSWORD_MAX_AGE_DAYS
        changed = user.password_changed_at
        if max_age and changed is not None and timezone.now() - changed > timedelta(days=max_age):
            messages.warning(request, _("Your password is older than %(days)d days: choose a new one.")
                             % {"days": max_age})
            return redirect("accounts:password_change")
        return None


def mark_reauthenticated(request) -> None:
    request.session["reauth_at"] = time.time()


def recently_reauthenticated(request) -> bool:
    at = request.session.get("reauth_at")
    return at is not None and time.time() - at < settings.SHILIU_REAUTH_MINUTES * 60
