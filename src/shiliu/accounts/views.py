"""Signing in and out, the second factor, re-authentication and password change."""

import base64
import io
import time
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from shiliu.access.rules import login_only, public
from shiliu.accounts.forms import LoginForm, OtpForm, PasswordChangeForm, ReauthForm
from shiliu.accounts.middleware import (
    LAST_SEEN,
    OTP_REQUIRED,
    SIGNED_IN_AT,
    mark_reauthenticated,
    recently_reauthenticated,
    second_factor_pending,
)
from shiliu.accounts.passwords import password_expired
from shiliu.accounts.services import password_recheck, password_recheck_error, password_set, totp_confirm
from shiliu.audit.services import audit_security
from shiliu.core import ratelimit
from shiliu.core.net import client_address

SETUP_KEY = "otp_setup_key"  # the authenticator key being set up, until the user proves they hold it


def _too_many(request, retry_after: int):
    """429 with Retry-After (F6)."""
    response = render(request, "errors/429.html", status=429)
    response["Retry-After"] = str(retry_after)
    return response


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ended"] = {
            "idle": _("You were signed out after a period of inactivity."),
            "expired": _("Your session has ended. Please sign in again."),
        }.get(self.request.GET.get("ended", ""))
        return context

    def post(self, request, *args, **kwargs):
        try:
            ratelimit.hit(ratelimit.LOGIN, client_address(request))
        except ratelimit.RateLimited as e:
            return _too_many(request, e.retry_after)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        response = super().form_valid(form)  # logs in; Django gives the session a new id (C6)
        now = time.time()
        self.request.session[SIGNED_IN_AT] = now
        self.request.session[LAST_SEEN] = now
        # Whoever has a second factor uses it, whether or not the role demands one (C5).
        self.request.session[OTP_REQUIRED] = user.requires_2fa or user_has_device(user)
        audit_security(action="login.success", by=user)
        return response


login_view = public(never_cache(LoginView.as_view()))


@require_POST
@public
def logout_view(request):
    if request.user.is_authenticated:
        audit_security(action="logout", by=request.user)
    logout(request)
    return redirect(settings.LOGIN_URL)


def _safe_next(request, default="core:home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return redirect(default).url


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _verify_setup_code(key_hex: str, code: str) -> int | None:
    """The time step the code belongs to, if it comes from ``key_hex`` (one step of drift allowed)."""
    try:
        token = int(code)
    except ValueError:
        return None
    totp = TOTP(bytes.fromhex(key_hex))
    return totp.t() if totp.verify(token, tolerance=1) else None


@require_http_methods(["GET", "POST"])
@never_cache
@login_only
def two_factor(request):
    """Set up an authenticator app or enter a code (each sign-in).

    At sign-in, set-up is offered only to a user with no second factor of any kind; one with
    backup codes only enters one, then sets an app up from My account. Backup codes work
    in both cases (C5). The key being set up lives in the session until the user enters a
    code made from it, so a GET writes nothing to the database.
    """
    user = request.user
    signing_in = second_factor_pending(request, user)
    has_app = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    # Signing in, a factor the user already holds comes first: set-up is only for someone with
    # none at all, else the password alone would be enough to enrol a new key (C5).
    setup = not user_has_device(user) if signing_in else not has_app
    if setup and not signing_in and not recently_reauthenticated(request):
        # Adding a factor outside the sign-in is a change to 2FA: password first (C7).
        return redirect(reverse("accounts:reauth") + "?" + urlencode({"next": request.get_full_path()}))
    if setup and SETUP_KEY not in request.session:
        request.session[SETUP_KEY] = random_hex(20)
    key_hex = request.session.get(SETUP_KEY) if setup else None
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().replace(" ", "")
        try:
            ratelimit.hit(ratelimit.LOGIN, f"otp:{user.pk}")
        except ratelimit.RateLimited as e:
            response = _too_many(request, e.retry_after)
            audit_security(action="2fa.failed", by=user, detail={"rate_limited": True})
            return response
        device = None
        step = _verify_setup_code(key_hex, code) if key_hex else None
        if step is not None:
            device = totp_confirm(user=user, key_hex=key_hex, last_t=step)
            del request.session[SETUP_KEY]
        else:
            device = match_token(user, code)
        if device is not None:
            request.session.cycle_key()
            otp_login(request, device)
            request.session[OTP_REQUIRED] = True
            audit_security(action="2fa.success", by=user)
            return redirect(_safe_next(request))
        audit_security(action="2fa.failed", by=user)
        form.add_error("code", _("This code is not right. Codes change every 30 seconds."))
    context = {"form": form, "setup": setup, "next": request.GET.get("next", ""),
               "backup_codes_only": not setup and not has_app}
    if setup:
        unsaved = TOTPDevice(user=user, name="default", key=key_hex)
        context["qr"] = _qr_svg(unsaved.config_url)
        context["secret"] = base64.b32encode(unsaved.bin_key).decode()
    return render(request, "accounts/two_factor.html", context)


@require_http_methods(["GET", "POST"])
@never_cache
@login_only
def reauth(request):
    """Confirm the password again before revealing, exporting or changing 2FA (C7).

    A wrong password counts towards the lockout like a failed sign-in (C4), and none is
    accepted while the account is locked (shiliu.accounts.services.password_recheck).
    """
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = client_address(request)
        try:
            ratelimit.hit(ratelimit.LOGIN, address)
        except ratelimit.RateLimited as e:
            return _too_many(request, e.retry_after)
        if password_recheck(user=request.user, password=form.cleaned_data["password"], address=address,
                            via="reauth"):
            mark_reauthenticated(request)
            audit_security(action="reauth.success", by=request.user)
            return redirect(_safe_next(request))
        form.add_error("password", password_recheck_error(user=request.user, address=address))
    return render(request, "accounts/reauth.html", {"form": form, "next": request.GET.get("next", "")})


@require_http_methods(["GET", "POST"])
@never_cache
@login_only
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None, address=client_address(request))
    if request.method == "POST" and form.is_valid():
        revoked = password_set(user=request.user, raw=form.cleaned_data["new_password1"], by=request.user)
        update_session_auth_hash(request, request.user)  # this session goes on; the others end
        messages.success(request, _("Your password was changed."))
        if revoked:
            messages.info(request, _("Your API tokens were revoked with the old password. Create new ones "
                                     "under “My account” where you need them."))
        return redirect("core:home")
    user = request.user
    if user.password_changed_at is None:
        reason = _("Choose your own password before you go on.")
    elif password_expired(user):
        reason = _("Your password is older than %(days)d days: choose a new one.") % {
            "days": settings.SHILIU_PASSWORD_MAX_AGE_DAYS}
    else:
        reason = ""
    return render(request, "accounts/password_change.html", {"form": form, "reason": reason})
