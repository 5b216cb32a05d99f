"""Signing up for a published activity with the verified phone (activities.registrations does the
work: capacity, waiting list, one registration per phone, the check-in code by SMS)."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from shiliu.access.rules import public
from shiliu.activities import selectors
from shiliu.activities.choices import RegistrationStatus
from shiliu.activities.notices import spaced
from shiliu.activities.registrations import registration_create, waiting_rank
from shiliu.core import ratelimit
from shiliu.core.forms import add_service_errors
from shiliu.portal import limits
from shiliu.portal.forms import SignUpForm
from shiliu.portal.identity import phone_index, resident_required, verified_phone
from shiliu.portal.views import link


@require_GET
@public
def activity_list(request):
    """Activities the public may sign up for now."""
    now = timezone.now()
    language = get_language()
    rows = [{"activity": a, "title": a.display_title(language), "place": a.place.display_name(language)}
            for a in selectors.public_activities().filter(ends_at__gt=now)[:100]
            if selectors.open_to_the_public(a, now)]
    return render(request, "portal/activities.html", {"rows": rows, "calendar": link("activities:public_list"),
                                                      "resident_signed_in": verified_phone(request) is not None})


def _page(request, activity, form, *, registration=None, status=200):
    language = get_language()
    return render(request, "portal/sign_up.html", {
        "activity": activity, "title": activity.display_title(language),
        "place": activity.place.display_name(language), "form": form, "registration": registration,
        "rank": waiting_rank(registration) if registration is not None else None,
        "code": spaced(registration.code) if registration is not None else "",
        "open": selectors.open_to_the_public(activity), "resident_signed_in": True,
        "waitlisted": registration is not None and registration.status == RegistrationStatus.WAITLISTED,
    }, status=status)


@require_http_methods(["GET", "POST"])
@public
@resident_required
def sign_up(request, pk: int):
    activity = selectors.public_activity_get(pk)
    if request.method == "GET":
        return _page(request, activity, SignUpForm())
    phone = verified_phone(request)
    assert phone is not None  # resident_required
    form = SignUpForm(request.POST)
    if form.is_bot():
        return _page(request, activity, form, status=400)
    if not form.is_valid():
        return _page(request, activity, form)
    try:
        limits.hit_both(limits.SIGN_UP_PER_ADDRESS, limits.SIGN_UP_PER_PHONE, address=request.client_address,
                        index=phone_index(phone))
    except ratelimit.RateLimited as e:
        return limits.refused(request, e.retry_after, form, lambda: _page(request, activity, form))
    try:
        registration, _created = registration_create(activity=activity, name=form.cleaned_data["name"],
                                                     phone=phone, by=None)
    except ValidationError as e:
        add_service_errors(form, e, field_map={"phone": "__all__"})
        return _page(request, activity, form)
    return _page(request, selectors.public_activity_get(pk), SignUpForm(), registration=registration)
