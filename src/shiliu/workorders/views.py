"""Work-order pages for staff: the inbox with its tabs, opening an order, the intake receipt.

The order's own page and its actions are in views_detail.py, the resident's tracking pages in
views_public.py, the configuration pages in views_config.py. Every view parses, authorises,
calls one selector or service and renders; no rule lives here.
"""

import secrets
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can, holds
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.people.masking import mask_phone
from shiliu.people.models import Resident
from shiliu.people.selectors import resident_search, residents_visible
from shiliu.workorders import selectors
from shiliu.workorders.attachments import attachment_add, check_upload
from shiliu.workorders.choices import Channel, EventKind, Status
from shiliu.workorders.forms import OrderCreateForm, OrderFilterForm
from shiliu.workorders.models import OrderEvent, OrderStep, WorkOrder
from shiliu.workorders.notices import tracking_link
from shiliu.workorders.services import order_open

PAGE_SIZE = 25
LIST_FIELDS = ("place", "unit", "category")
# The columns a list row reads (order_row and the inbox template): the rest of the order and of its
# place, unit and category stays in the database instead of being parsed 25 times per page.
ROW_COLUMNS = ("id", "created_at", "status", "urgency", "language", "due_at", "item_version_id",
               "place__name", "place__name_en", "unit__name", "unit__name_en", "category__name",
               "category__name_en")


def language_label(code: str) -> str:
    from shiliu.people.choices import Language

    return str(Language(code).label) if code in Language.values else code


# --- the inbox ----------------------------------------------------------------------------------

# (tab, label, capability that shows it)
TABS = [
    ("mine", gettext_lazy("My unit's inbox"), Cap.ORDER_HANDLE),
    ("dispatch", gettext_lazy("To dispatch"), Cap.ORDER_DISPATCH),
    ("callbacks", gettext_lazy("Callbacks due"), Cap.ORDER_CALLBACK),
    ("reopen", gettext_lazy("Reopen approvals"), Cap.ORDER_SUPERVISE),
    ("overdue", gettext_lazy("Overdue"), Cap.ORDER_VIEW),
    ("all", gettext_lazy("All in my area"), Cap.ORDER_VIEW),
]


def _tab_queryset(tab: str, user, now):
    if tab == "mine":
        return selectors.inbox(user)
    if tab == "dispatch":
        return selectors.dispatch_queue(user)
    if tab == "callbacks":
        return selectors.callback_queue(user)
    if tab == "reopen":
        return selectors.reopen_queue(user)
    if tab == "overdue":
        return selectors.overdue_orders(user, now=now)
    return (selectors.orders_visible(user).select_related(*LIST_FIELDS)
            .defer("description", "reply", "contact_phone").order_by("-created_at", "-id"))


def _filtered(qs, form: OrderFilterForm, now):
    data = form.cleaned_data
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("category"):
        qs = qs.filter(category=data["category"])
    if data.get("channel"):
        qs = qs.filter(channel=data["channel"])
    if data.get("place"):
        place = data["place"]
        qs = qs.filter(place_path__gte=place.path, place_path__lt=place.path_upper)
    if data.get("period"):
        qs = qs.filter(created_at__gte=now - timedelta(days=int(data["period"])))
    return qs


def _last_returns(orders: list[WorkOrder]) -> dict[int, OrderEvent]:
    """The latest return of each returned order on the page: one query."""
    returned = [o.pk for o in orders if o.status == Status.RETURNED]
    if not returned:
        return {}
    latest: dict[int, OrderEvent] = {}
    for event in (OrderEvent.objects.filter(order_id__in=returned, kind=EventKind.RETURNED)
                  .select_related("unit").order_by("order_id", "-id")):
        latest.setdefault(event.order_id, event)
    return latest


def order_row(order: WorkOrder, now, language: str | None) -> dict:
    return {
        "order": order,
        "category": order.category.label(language),
        "place": order.place.display_name(language),
        "unit": order.unit.display_name(language) if order.unit else "",
        "due_state": selectors.due_state(order, now),
        "language": language_label(order.language) if order.needs_interpreter else "",
        "status": order.get_status_display(),
        "due": timezone.localtime(order.due_at).strftime("%Y-%m-%d %H:%M") if order.due_at else "",
    }


def _running_steps(orders: list[WorkOrder]) -> dict[int, OrderStep]:
    """The running step of each service-item order on the page (one query, none without such orders)."""
    ids = [o.pk for o in orders if o.item_version_id is not None]
    if not ids:
        return {}
    return {s.order_id: s for s in OrderStep.objects.filter(order_id__in=ids, started_at__isnull=False,
                                                            done_at__isnull=True)}


@require_GET
@access_rule(Cap.ORDER_VIEW)
def inbox(request):
    """The tabs a user sees by capability; each lists only what the user's scope reaches."""
    user, now, language = request.user, timezone.now(), get_language()
    tabs = [(name, label) for name, label, cap in TABS if holds(user, cap)]
    names = [name for name, _label in tabs]
    tab = request.GET.get("tab") or names[0]
    if tab not in names:
        raise Http404()
    qs = _tab_queryset(tab, user, now)
    filters = OrderFilterForm(request.GET or None, user=user) if tab == "all" else None
    if filters is not None:
        filters.is_valid()  # a bad filter shows its message; the valid ones still apply
        qs = _filtered(qs, filters, now)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    # The page's ids first, over the narrow index range, then the 25 rows with their places and
    # category: one statement, joining 25 rows instead of every open order of the unit.
    orders = list(qs.model.objects.filter(pk__in=page.object_list.values("pk")).select_related(*LIST_FIELDS)
                  .only(*ROW_COLUMNS).order_by(*qs.query.order_by))
    returns = _last_returns(orders) if tab == "dispatch" else {}
    steps = _running_steps(orders)
    rows = []
    for o in orders:
        returned = returns.get(o.pk)
        step = steps.get(o.pk)
        rows.append(order_row(o, now, language) | {
            "returned": returned,
            "returned_unit": returned.unit.display_name(language) if returned and returned.unit else "",
            "step": f"{step.position}. {step.label(language)}" if step else ""})
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "workorders/inbox.html", {
        "tabs": tabs, "tab": tab, "rows": rows, "page": page, "filters": filters,
        "query": query.urlencode(),
        "can_create": holds(user, Cap.ORDER_CREATE), "can_configure": holds(user, Cap.ORDER_CONFIGURE),
    })


# --- opening an order ---------------------------------------------------------------------------

def _resident_option(resident: Resident) -> dict:
    phone = mask_phone(resident.phone)
    return {"id": resident.pk, "label": f"{resident.name} · {phone}" if phone else resident.name}


def _found_residents(request, form_data) -> tuple[list[dict], str]:
    """Residents matching the phone typed (a POST, never in the URL), plus the one chosen.
    Returns (options, message)."""
    user = request.user
    if not holds(user, Cap.RESIDENT_VIEW):
        return [], ""
    options: dict[int, dict] = {}
    message = ""
    chosen = (form_data.get("requester") or "").strip()
    if chosen.isdigit():
        resident = residents_visible(user).filter(pk=int(chosen)).first()
        if resident is not None:
            options[resident.pk] = _resident_option(resident)
    phone = (form_data.get("requester_phone") or "").strip()[:40]
    if phone and "find" in form_data:
        ratelimit.hit(ratelimit.SEARCH, str(user.pk))
        digits = phone.replace(" ", "").replace("-", "").lstrip("+")
        found = list(resident_search(user, phone)[:10]) if digits.isdigit() and len(digits) >= 7 else []
        for resident in found:
            options[resident.pk] = _resident_option(resident)
        audit_list_read(by=user, action="workorder.requester_search", model_label="people.resident",
                        ids=[r.pk for r in found])
        message = (_("No recorded resident has this number. Leave the requester empty, or record the resident "
                     "first.") if not found else _("Choose the resident below."))
    return list(options.values()), message


def _requester(user, pk) -> Resident | None:
    if pk is None:
        return None
    return residents_visible(user).filter(pk=pk).first()


def _create_page(request, form, **extra):
    return render(request, "workorders/create.html",
                  {"form": form, "can_find": holds(request.user, Cap.RESIDENT_VIEW), **extra})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.ORDER_CREATE)
def order_create(request):
    """Open an order: any channel, a place in the user's area, files checked before anything is saved."""
    user = request.user
    if request.method == "GET":
        initial = {"idempotency_key": secrets.token_urlsafe(16),
                   "channel": Channel.HOTLINE if holds(user, Cap.HOTLINE_TAKE) else Channel.WINDOW}
        form = OrderCreateForm(initial=initial, user=user)
        return _create_page(request, form)
    try:
        residents, found_message = _found_residents(request, request.POST)
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    form = OrderCreateForm(request.POST, request.FILES, user=user, residents=residents)
    if "find" in request.POST or not form.is_valid():
        return _create_page(request, form, found_message=found_message)
    data = form.cleaned_data
    checked, file_errors = [], []
    for upload in data["attachments"]:
        try:
            checked.append(check_upload(upload, field="attachments"))
        except ValidationError as e:
            file_errors.extend(e.message_dict["attachments"])
    requester = _requester(user, data["requester"])
    if data["requester"] is not None and requester is None:
        form.add_error("requester", _("Choose a resident you may see."))
    if file_errors:
        form.add_error("attachments", file_errors)
    if form.errors:
        return _create_page(request, form)
    try:
        with transaction.atomic():
            order, created = order_open(
                by=user, channel=data["channel"], category=data["category"], description=data["description"],
                place=data["place"], urgency=data["urgency"], language=data["language"], requester=requester,
                contact_name=data["contact_name"], contact_phone=data["contact_phone"],
                contact_consent=data["contact_consent"], idempotency_key=data["idempotency_key"])
            if created:
                for item in checked:
                    attachment_add(by=user, order=order, upload=None, checked=item)
    except (ValidationError, StaleVersion) as e:
        add_service_errors(form, e, field_map={"idempotency_key": "__all__"})
        if isinstance(e, ValidationError) and "idempotency_key" in getattr(e, "error_dict", {}):
            # The form was sent once already with other content: a new key lets it open a new order.
            form.data = form.data.copy()
            form.data["idempotency_key"] = secrets.token_urlsafe(16)
        return _create_page(request, form)
    if created:
        messages.success(request, _("Work order %(number)s was opened. The resident's tracking code is %(code)s.")
                         % {"number": order.number, "code": order.tracking_code})
    else:
        messages.info(request, _("This request was already sent; here is the order it opened."))
    return redirect("workorders:detail", pk=order.pk)


# --- the intake receipt -------------------------------------------------------------------------

@require_GET
@access_rule(Cap.ORDER_VIEW)
def receipt(request, pk: int):
    """A printable intake receipt (受理回执) for the resident: the number, the tracking code and
    link, what was asked and the promised deadline. The phone is masked."""
    user = request.user
    order = selectors.order_get(user, pk)
    if not can(user, Cap.ORDER_VIEW, order.place):
        raise PermissionDenied()  # the receipt is the intake side's paper, not the unit's
    has_contact = bool(order.contact_name or order.contact_phone or order.requester_id)
    if has_contact:
        audit_read(by=user, action="workorder.receipt", target=order, subject_id=order.requester_id,
                   category="contact")
    language = get_language()
    return render(request, "workorders/receipt.html", {
        "order": order, "phone_masked": mask_phone(order.contact_phone), "track_url": tracking_link(order),
        "category": order.category.label(language), "place": order.place.display_name(language),
        "unit": order.unit.display_name(language) if order.unit else "",
    })
