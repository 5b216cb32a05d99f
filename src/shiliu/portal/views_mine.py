"""My requests: the verified phone's orders, each with its public timeline and, once resolved,
the rating (the engine's resident callback: one rating per order)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from shiliu.access.rules import public
from shiliu.audit.services import audit_list_read
from shiliu.core import ratelimit
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.people.masking import mask_phone
from shiliu.portal import limits, selectors
from shiliu.portal.identity import resident_required, verified_phone
from shiliu.workorders.choices import Status
from shiliu.workorders.forms import ResidentRatingForm
from shiliu.workorders.models import WorkOrder
from shiliu.workorders.services import order_callback_by_resident
from shiliu.workorders.views_public import ANSWERED, public_steps


@require_GET
@public
@resident_required
def mine(request):
    phone = verified_phone(request)
    assert phone is not None  # resident_required
    language = get_language()
    orders = list(selectors.my_orders(phone)[:selectors.MINE_MAX])
    audit_list_read(by=None, action="portal.mine.list", model_label="workorders.WorkOrder",
                    ids=[o.pk for o in orders], category="request")
    rows = [{"order": o, "category": o.category.label(language), "waiting": o.status == Status.RESOLVED}
            for o in orders]
    return render(request, "portal/mine.html", {"rows": rows, "masked": mask_phone(phone), "resident_signed_in": True})


def _detail_page(request, order: WorkOrder, rating_form=None, status=200):
    language = get_language()
    return render(request, "workorders/track_status.html", {
        "order": order, "steps": public_steps(order, language),
        "category": order.category.label(language),
        "unit": order.unit.display_name(language) if order.unit and order.is_open else "",
        "reply": order.reply if order.status in ANSWERED else "",
        "rating_form": (rating_form or ResidentRatingForm()) if order.status == Status.RESOLVED else None,
        "action": reverse("portal:mine_detail", args=[order.tracking_code]), "code": "",
    }, status=status)


@require_http_methods(["GET", "POST"])
@public
@resident_required
def detail(request, tracking: str):
    phone = verified_phone(request)
    assert phone is not None  # resident_required
    order = selectors.my_order(phone, tracking)
    if order is None:
        raise Http404()
    if request.method == "GET":
        audit_list_read(by=None, action="portal.mine.view", model_label="workorders.WorkOrder", ids=[order.pk],
                        category="request")
        return _detail_page(request, order)
    try:
        ratelimit.hit(limits.RATE_PER_ADDRESS, request.client_address or "-")
    except ratelimit.RateLimited as e:
        return too_many_requests(request, e.retry_after)
    form = ResidentRatingForm(request.POST)
    if form.is_valid():
        try:
            order_callback_by_resident(tracking_code=order.tracking_code, solved=form.cleaned_data["solved"],
                                       satisfaction=form.cleaned_data["satisfaction"],
                                       comment=form.cleaned_data["comment"])
        except ValidationError as e:
            order.refresh_from_db()
            if order.status != Status.RESOLVED:
                messages.error(request, " ".join(e.messages))
                return _detail_page(request, order, status=409)
            add_service_errors(form, e)
        else:
            messages.success(request, _("Thank you. Your answer was recorded."))
            order.refresh_from_db()
            return _detail_page(request, order)
    order.refresh_from_db()
    return _detail_page(request, order, rating_form=form)
