"""The resident's tracking pages: no account, rate limited, and only the public side of an order.

Shown: status, category, dates, which unit has it (a return reads "<unit> returned it; it went
to <next unit>"), the reply once resolved, and the two callback questions while the order waits
for its rating. Never: the description, the contact, internal notes, any event's note, or the
names of staff.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from shiliu.access.rules import public
from shiliu.core import ratelimit
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.workorders import selectors
from shiliu.workorders.choices import EventKind, Status
from shiliu.workorders.forms import ResidentRatingForm, TrackForm
from shiliu.workorders.models import WorkOrder
from shiliu.workorders.services import order_callback_by_resident

ANSWERED = (Status.RESOLVED, Status.REOPEN_REQUESTED, Status.CLOSED)
ASSIGNING = (EventKind.ROUTED, EventKind.DISPATCHED, EventKind.REFERRED, EventKind.REOPENED)


def public_steps(order: WorkOrder, language: str | None) -> list[dict]:
    """The public timeline in the resident's words. A return is folded into the step that
    follows it, so the resident reads which unit declined and where the order went next."""
    steps: list[dict] = []
    pending_return = None

    def name(place) -> str:
        return place.display_name(language) if place is not None else _("the hotline")

    for event in selectors.timeline(order, public=True):
        kind, unit = event.kind, name(event.unit)
        if kind == EventKind.RETURNED:
            if pending_return is not None:
                steps.append({"at": pending_return.at, "text": _("%(unit)s returned it; the hotline is finding the "
                                                                 "right unit.") % {"unit": name(pending_return.unit)}})
            pending_return = event
            continue
        if kind in ASSIGNING and pending_return is not None:
            text = _("%(previous)s returned it; it went to %(unit)s.") % {"previous": name(pending_return.unit),
                                                                          "unit": unit}
            pending_return = None
        elif kind == EventKind.CREATED:
            text = _("Your request was received.")
        elif kind in (EventKind.ROUTED, EventKind.DISPATCHED):
            text = _("It was sent to %(unit)s.") % {"unit": unit}
        elif kind == EventKind.ACKNOWLEDGED:
            text = _("%(unit)s took it on.") % {"unit": unit}
        elif kind == EventKind.REFERRED:
            text = _("It was passed on to %(unit)s, which can solve it.") % {"unit": unit}
        elif kind == EventKind.RESOLVED:
            text = _("%(unit)s answered it.") % {"unit": unit}
        elif kind == EventKind.CALLBACK:
            text = _("Your rating was recorded.")
        elif kind == EventKind.REOPENED:
            text = _("It was reopened: %(unit)s handles it again.") % {"unit": unit}
        elif kind == EventKind.CLOSED:
            text = _("It was closed.")
        elif kind == EventKind.CANCELLED:
            text = _("It was cancelled.")
        else:
            continue
        steps.append({"at": event.at, "text": text})
    if pending_return is not None:
        steps.append({"at": pending_return.at, "text": _("%(unit)s returned it; the hotline is finding the right "
                                                         "unit.") % {"unit": name(pending_return.unit)}})
    return steps


def _status_page(request, order: WorkOrder, *, action: str, code_in_form: bool, rating_form=None):
    language = get_language()
    return render(request, "workorders/track_status.html", {
        "order": order, "steps": public_steps(order, language),
        "category": order.category.label(language),
        "unit": order.unit.display_name(language) if order.unit and order.is_open else "",
        "reply": order.reply if order.status in ANSWERED else "",
        "rating_form": (rating_form or ResidentRatingForm()) if order.status == Status.RESOLVED else None,
        "action": action, "code": order.tracking_code if code_in_form else "",
    })


def _limited(request) -> int | None:
    try:
        ratelimit.hit(ratelimit.TRACK, request.client_address or "-")
    except ratelimit.RateLimited as exc:
        return exc.retry_after
    return None


def _rate(request, order: WorkOrder, *, action: str, code_in_form: bool):
    form = ResidentRatingForm(request.POST)
    if form.is_valid():
        try:
            order_callback_by_resident(tracking_code=order.tracking_code, solved=form.cleaned_data["solved"],
                                       satisfaction=form.cleaned_data["satisfaction"],
                                       comment=form.cleaned_data["comment"])
        except ValidationError as e:
            order.refresh_from_db()
            if order.status != Status.RESOLVED:
                # Rated meanwhile (or never waiting): no form to show it beside, so say it on top.
                messages.error(request, " ".join(e.messages))
                return _status_page(request, order, action=action, code_in_form=code_in_form)
            add_service_errors(form, e)
        else:
            messages.success(request, _("Thank you. Your answer was recorded."))
            order.refresh_from_db()
            return _status_page(request, order, action=action, code_in_form=code_in_form)
    order.refresh_from_db()
    return _status_page(request, order, action=action, code_in_form=code_in_form, rating_form=form)


@require_http_methods(["GET", "POST"])
@public
def track(request):
    """Type the tracking code (POSTed: the code never lands in the address bar or a log)."""
    if request.method == "GET":
        return render(request, "workorders/track.html", {"form": TrackForm()})
    retry = _limited(request)
    if retry is not None:
        return too_many_requests(request, retry)
    form = TrackForm(request.POST)
    order = selectors.order_by_tracking_code(request.POST.get("code", "")) if form.is_valid() else None
    if order is None:
        if not form.errors:
            form.add_error("code", _("No request has this code. Check the letters and digits on your SMS or "
                                     "receipt."))
        return render(request, "workorders/track.html", {"form": form})
    if request.POST.get("step") == "rate":
        return _rate(request, order, action=request.path, code_in_form=True)
    return _status_page(request, order, action=request.path, code_in_form=True)


@require_http_methods(["GET", "POST"])
@public
def track_code(request, code: str):
    """The link in the resident's SMS: /orders/track/<code>/."""
    retry = _limited(request)
    if retry is not None:
        return too_many_requests(request, retry)
    order = selectors.order_by_tracking_code(code)
    if order is None:
        form = TrackForm({"code": code[:20]})
        form.is_valid()
        form.add_error("code", _("No request has this code. Check the letters and digits on your SMS or receipt."))
        return render(request, "workorders/track.html", {"form": form}, status=404)
    if request.method == "POST":
        return _rate(request, order, action=request.path, code_in_form=False)
    if code != order.tracking_code:
        return redirect("workorders:track_code", code=order.tracking_code)
    return _status_page(request, order, action=request.path, code_in_form=False)
