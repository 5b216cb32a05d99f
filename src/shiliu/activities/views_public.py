"""The public check-in page a venue's QR code opens: no account needed, rate limited (F6).

Someone holding a registration's one-time code checks in with it, or frees their place /
leaves the waiting list. Nothing here shows who is registered.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from shiliu.access.rules import public
from shiliu.activities.forms import CodeForm
from shiliu.activities.registrations import checkin_by_code, checkin_window_error, registration_leave
from shiliu.activities.selectors import activity_by_token
from shiliu.core import ratelimit
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.core.net import client_address


def _context(activity, form, **extra) -> dict:
    language = get_language()
    return {"activity": activity, "title": activity.display_title(language), "form": form,
            "starts": timezone.localtime(activity.starts_at), "ends": timezone.localtime(activity.ends_at), **extra}


def _limited(request, activity):
    try:
        ratelimit.hit(ratelimit.CHECKIN, f"{client_address(request)}:{activity.pk}")
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    return None


@require_http_methods(["GET", "POST"])
@public
def checkin(request, token: str):
    activity = activity_by_token(token)
    closed = checkin_window_error(activity)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        refused = _limited(request, activity)
        if refused:
            return refused
        if form.is_valid():
            try:
                registration = checkin_by_code(activity=activity, code=form.cleaned_data["code"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return render(request, "activities/public_checked_in.html", _context(
                    activity, form, at=timezone.localtime(registration.checked_in_at)))
        return render(request, "activities/public_checkin.html", _context(activity, form, closed=closed),
                      status=422)
    return render(request, "activities/public_checkin.html", _context(activity, form, closed=closed))


@require_http_methods(["GET", "POST"])
@public
def leave(request, token: str):
    """Free a place or leave the waiting list with one's code."""
    activity = activity_by_token(token)
    form = CodeForm(request.POST or None)
    if request.method == "POST":
        refused = _limited(request, activity)
        if refused:
            return refused
        if form.is_valid():
            try:
                registration_leave(activity=activity, code=form.cleaned_data["code"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return render(request, "activities/public_left.html", _context(activity, form))
        return render(request, "activities/public_leave.html", _context(activity, form), status=422)
    return render(request, "activities/public_leave.html", _context(activity, form))
