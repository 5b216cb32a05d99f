"""Session rules for staff (SECURITY.md C5, C6, C7, C2 rotation)."""

import functools
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from shiliu.accounts.passwords import password_expired

# Session keys written at sign-in.
SIGNED_IN_AT = "signed_in_at"
LAST_SEEN = "last_seen"
OTP_REQUIRED = "otp_required"  # the user has a second factor, so this session must use it
REAUTH_AT = "reauth_at"
LAST_SEEN_RESOLUTION = 60  # seconds

_ALWAYS_OPEN = ("/static/", "/i18n/", "/healthz")


def _paths(*names: str) -> set[str]:
    return {reverse(name) for name in names}


class SessionPolicyMiddleware:
    """Ends idle and too-old sessions, then holds a signed-in user at the second factor
    and at the password change until they are done. Only the pages needed to get
    through are open before that; everything else redirects (pages) or, for the API,
    the session stops authenticating (shiliu.api.auth.StaffSession)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(_ALWAYS_OPEN):
            response = self._enforce(request, user)
            if response is not None:
                return response
        return self.get_response(request)

    def _enforce(self, request, user):
        is_api = request.path.startswith("/api/")
        now = time.time()
        session = request.session
        last_seen = session.get(LAST_SEEN)
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        idle = last_seen is not None and now - last_seen > settings.SHILIU_IDLE_MINUTES * 60
        # SESSION_COOKIE_AGE alone is not absolute: each save of the session pushes it on.
        too_old = now - signed_in_at > settings.SESSION_COOKIE_AGE
        if idle or too_old:
            logout(request)
            if is_api:
                return None  # the API now sees an anonymous request and answers 401
            # MessageMiddleware runs after this one: the login page says why from ``ended``.
            query = {"ended": "idle" if idle else "expired"}
            if request.method == "GET":
                query["next"] = request.get_full_path()
            return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode(query)}")
        # Written at most once a minute: the idle limit keeps its meaning within a minute, and
        # most requests then read the session without writing it back.
        if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION:
            session[LAST_SEEN] = now
        if is_api:
            return None
        if second_factor_pending(request, user):
            if request.path in _paths("accounts:login", "accounts:logout", "accounts:two_factor"):
                return None
            target = reverse("accounts:two_factor")
            if request.method == "GET":  # back to the page afterwards; a form is sent again by hand
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        if password_expired(user):
            if request.path in _paths("accounts:login", "accounts:logout", "accounts:password_change"):
                return None
            return redirect("accounts:password_change")  # the page says why
        return None


def second_factor_pending(request, user) -> bool:
    """The user must still enter a code: their role needs one (C5) or they set one up."""
    needed = user.requires_2fa or request.session.get(OTP_REQUIRED, False)
    return needed and not user.is_verified()


def mark_reauthenticated(request) -> None:
    request.session[REAUTH_AT] = time.time()


def recently_reauthenticated(request) -> bool:
    at = request.session.get(REAUTH_AT)
    return at is not None and time.time() - at < settings.SHILIU_REAUTH_MINUTES * 60


def reauth_required(view):
    """The user confirmed their password in the last SHILIU_REAUTH_MINUTES (C7).

    Otherwise nothing happens and they are sent to confirm it, then back to the page
    named by the form's ``next`` field (the page the form was on).
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not recently_reauthenticated(request):
            back = request.POST.get("next") or request.GET.get("next") or ""
            query = urlencode({"next": back}) if back.startswith("/") and not back.startswith("//") else ""
            messages.info(request, _("Confirm your password first, then try again."))
            return redirect(reverse("accounts:reauth") + (f"?{query}" if query else ""))
        return view(request, *args, **kwargs)

    return wrapped
