"""Asking online: a verified resident describes the problem, adds files, consents, and gets a
tracking code. The order is opened by portal.services.request_open (one write path with the API)."""

import secrets

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from shiliu.access.rules import public
from shiliu.core import ratelimit
from shiliu.core.forms import add_service_errors
from shiliu.portal import limits, services
from shiliu.portal.forms import AskForm
from shiliu.portal.identity import phone_index, resident_required, verified_phone
from shiliu.workorders.attachments import ACCEPT

DONE = "portal_last_tracking"


def _form(request, data=None, files=None, initial=None) -> AskForm:
    language = get_language()
    places = [(str(p.pk), p.display_name(language)) for p in services.ask_places()]
    return AskForm(data, files, initial=initial, services=services.service_choices(language), places=places)


def _page(request, form, status=200):
    form.fields["attachments"].widget.attrs["accept"] = ACCEPT
    return render(request, "portal/ask.html", {"form": form, "consent_version": services.CONSENT_VERSION,
                                               "resident_signed_in": True}, status=status)


@require_http_methods(["GET", "POST"])
@public
@resident_required
def ask(request):
    if request.method == "GET":
        form = _form(request, initial={"form_key": secrets.token_urlsafe(24)})
        # a guide item's page links here with ?service=i<item id>: preselect it when it is one of the choices
        wanted = request.GET.get("service", "")
        if any(value == wanted for value, _label in form.fields["service"].choices):  # type: ignore[attr-defined]
            form.initial["service"] = wanted
        return _page(request, form)
    phone = verified_phone(request)
    assert phone is not None  # resident_required
    form = _form(request, request.POST, request.FILES)
    if form.is_bot():
        return _page(request, form, status=400)
    if not form.is_valid():
        return _page(request, form)
    try:
        limits.hit_both(limits.ASK_PER_ADDRESS, limits.ASK_PER_PHONE, address=request.client_address,
                        index=phone_index(phone))
    except ratelimit.RateLimited as e:
        return limits.refused(request, e.retry_after, form, lambda: _page(request, form))
    data = form.cleaned_data
    try:
        order, _created = services.request_open(
            phone=phone, service=data["service"], description=data["description"], place_id=data["place"],
            uploads=data["attachments"], consent=data["consent"], form_key=data["form_key"])
    except ValidationError as e:
        add_service_errors(form, e)
        return _page(request, form)
    request.session[DONE] = order.tracking_code
    return redirect("portal:ask_done")


@require_GET
@public
@resident_required
def done(request):
    tracking = request.session.get(DONE)
    if not tracking:
        return redirect("portal:mine")
    return render(request, "portal/ask_done.html", {"tracking": tracking, "resident_signed_in": True})
