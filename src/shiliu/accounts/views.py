import base64
import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from shiliu.access.rules import login_only, public
from shiliu.accounts.forms import LoginForm, OtpForm, PasswordChangeForm, ReauthForm
from shiliu.accounts.middleware import mark_reauthenticated
from shiliu.accounts.services import password_set
from shiliu.audit.services import audit_security
from shiliu.core import ratelimit
from shiliu.core.net import client_address


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        try:
            ratelimit.hit(ratelimit.LOGIN, client_address(request))
        except ratelimit.RateLimited as e:
            response = render(request, "errors/429.html", status=429)
            response["Retry-After"] = str(e.retry_after)
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)  # logs in; Django rotates the session id (C6)
        audit_security(action="login.success", by=form.get_user())
        return response


login_view = public(LoginView.as_view())


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


@require_http_methods(["GET", "POST"])
@login_only
def two_factor(request):
    """Set up TOTP (first time) or enter a code (each sign-in). Backup codes also work (C5)."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    setup_device = None
    if not confirmed:
        setup_device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="default", confirmed=False)
    form = OtpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().replace(" ", "")
        try:
            ratelimit.hit(ratelimit.LOGIN, f"otp:{user.pk}")
        except ratelimit.RateLimited:
            form.add_error("code", _("Too many tries. Wait a minute."))
        else:
            if setup_device is not None:
                # A backup code issued by the office also lets the user in before set-up.
                device = setup_device if setup_device.verify_token(code) else match_token(user, code)
                if device is setup_device:
                    device.confirmed = True
                    device.save(update_fields=["confirmed"])
                    audit_security(action="2fa.setup", by=user)
            else:
                device = match_token(user, code)
            if device is not None:
                otp_login(request, device)
                audit_security(action="2fa.success", by=user)
                return redirect(_safe_next(request))
            audit_security(action="2fa.failed", by=user)
            form.add_error("code", _("This code is not right. Codes change every 30 seconds."))
    context = {"form": form, "setup": setup_device is not None, "next": request.GET.get("next", "")}
    if setup_device is not None:
        context["qr"] = _qr_svg(setup_device.config_url)
        context["secret"] = base64.b32encode(setup_device.bin_key).decode()
    return render(request, "accounts/two_factor.html", context)


@require_http_methods(["GET", "POST"])
@login_only
def reauth(request):
    """Confirm the password again before revealing, exporting or changing 2FA (C7)."""
    form = ReauthForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ratelimit.hit(ratelimit.LOGIN, client_address(request))
        except ratelimit.RateLimited:
            return render(request, "errors/429.html", status=429)
        if request.user.check_password(form.cleaned_data["password"]):
            mark_reauthenticated(request)
            audit_security(action="reauth.success", by=request.user)
            return redirect(_safe_next(request))
        audit_security(action="reauth.failed", by=request.user)
        form.add_error("password", _("This password is not right."))
    return render(request, "accounts/reauth.html", {"form": form, "next": request.GET.get("next", "")})


@require_http_methods(["GET", "POST"])
@login_only
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_set(user=request.user, raw=form.cleaned_data["new_password1"], by=request.user)
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password was changed."))
        return redirect("core:home")
    return render(request, "accounts/password_change.html", {"form": form})
