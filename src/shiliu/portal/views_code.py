"""Proving a phone number with a one-time code, and signing out of the portal.

The number is typed into a form (POST), kept in the session while the code is on its way,
and never appears in a URL, a log or a cached page.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from shiliu.access.rules import public
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.people.masking import mask_phone
from shiliu.portal import identity, otp
from shiliu.portal.forms import CodeForm, PhoneForm

PENDING = "portal_pending_phone"


def safe_next(request, default: str = "portal:mine") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                                   require_https=request.is_secure()):
        return target
    from django.urls import reverse

    return reverse(default)


def _page(request, *, phone_form=None, code_form=None, status=200):
    pending = request.session.get(PENDING)
    response = render(request, "portal/code.html", {
        "phone_form": phone_form or PhoneForm(),
        "code_form": code_form or (CodeForm() if pending else None),
        "masked": mask_phone(pending) if pending else "",
        "next": safe_next(request),
    }, status=status)
    patch_cache_control(response, no_store=True, private=True)
    return response


@require_http_methods(["GET", "POST"])
@public
def code(request):
    """Step 1: the number (a code is sent). Step 2: the code (the number is verified)."""
    if request.method == "GET":
        return _page(request)
    if request.POST.get("step") == "verify":
        return _verify(request)
    form = PhoneForm(request.POST)
    if not form.is_valid() or form.is_bot():
        return _page(request, phone_form=form, status=400)
    try:
        row_phone = otp.clean_number(form.cleaned_data["phone"])
        otp.code_send(phone=row_phone, address=request.client_address or "-", language=get_language() or "zh-hans")
    except ValidationError as e:
        add_service_errors(form, e)
        return _page(request, phone_form=form)
    except otp.TooManyCodes as e:
        return too_many_requests(request, e.retry_after)
    request.session[PENDING] = row_phone
    messages.success(request, _("A code was sent to %(phone)s. It is valid for 5 minutes.")
                     % {"phone": mask_phone(row_phone)})
    return _page(request)


def _verify(request):
    pending = request.session.get(PENDING)
    form = CodeForm(request.POST)
    if not pending:
        messages.error(request, _("Enter your number first: we send the code to it."))
        return _page(request)
    if not form.is_valid() or form.is_bot():
        return _page(request, code_form=form, status=400)
    try:
        phone = otp.code_verify(phone=pending, code=form.cleaned_data["code"], address=request.client_address or "-")
    except ValidationError as e:
        add_service_errors(form, e, field_map={"phone": "code"})
        return _page(request, code_form=form)
    except otp.TooManyCodes as e:
        return too_many_requests(request, e.retry_after)
    target = safe_next(request)
    request.session.pop(PENDING, None)
    identity.sign_in(request, phone)
    messages.success(request, _("Your number is verified."))
    return redirect(target)


@require_POST
@public
def sign_out(request):
    """Leave the portal on this browser; with ``everywhere``, also revoke every API token of the
    verified phone (apps on other devices). Pages open in other browsers cannot be found by the
    phone, so they stay signed in until their idle or absolute limit ends them — the page says so."""
    phone = identity.verified_phone(request)
    everywhere = bool(request.POST.get("everywhere")) and phone is not None
    if everywhere:
        assert phone is not None
        identity.tokens_revoke_all(phone)
    identity.sign_out(request)
    request.session.pop(PENDING, None)
    # Where to go afterwards: a path on this site (the employers' desk sends its contact to the job
    # listing), else the portal's home.
    back = request.POST.get("next", "")
    if not (back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})):
        back = ""
    if everywhere:
        messages.success(request, _("You have left your requests here, and every app signed in with your number "
                                    "is signed out. Other browsers where you entered a code stay signed in until "
                                    "30 minutes without use (4 hours at most)."))
    elif back:
        messages.success(request, _("You have signed out. Sign in with a new code to come back."))
    else:
        messages.success(request, _("You have left your requests. Sign in with a new code to see them again."))
    return redirect(back or "portal:home")
