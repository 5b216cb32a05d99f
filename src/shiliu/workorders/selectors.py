"""Scoped reads of work orders. An order is visible to a user who holds ``order.view`` over
its place or over the unit it is assigned to (both paths are columns on the order)."""

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from shiliu.access.policy import Cap
from shiliu.access.scope import can, roots, scope_q
from shiliu.workorders.choices import PUBLIC_EVENTS, EventKind, Status
from shiliu.workorders.models import OrderEvent, WorkOrder

DUE_SOON = timedelta(hours=24)


def _paths_q(user, cap: str, *fields: str) -> Q:
    q = Q(pk__in=[])
    for field in fields:
        q |= scope_q(user, cap, field)
    return q


def orders_visible(user, cap: str = Cap.ORDER_VIEW) -> QuerySet[WorkOrder]:
    return WorkOrder.objects.filter(_paths_q(user, cap, "place_path", "unit_path"))


def order_get(user, pk, cap: str = Cap.ORDER_VIEW) -> WorkOrder:
    """The order if the user may see it; 404 for "does not exist" and "not yours" alike."""
    try:
        return (orders_visible(user, cap).select_related("place", "unit", "category", "requester", "assignee",
                                                         "created_by").get(pk=pk))
    except (WorkOrder.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def _list(qs: QuerySet[WorkOrder]) -> QuerySet[WorkOrder]:
    return qs.select_related("place", "unit", "category").defer("description", "reply", "contact_phone")


def inbox(user) -> QuerySet[WorkOrder]:
    """Open orders assigned to the user's units (and below), the nearest deadline first."""
    return _list(WorkOrder.objects.filter(scope_q(user, Cap.ORDER_HANDLE, "unit_path"), is_open=True,
                                          status__in=[Status.DISPATCHED, Status.IN_PROGRESS])
                 ).order_by("due_at", "id")


def dispatch_queue(user) -> QuerySet[WorkOrder]:
    """Orders waiting for the dispatcher: new ones no rule routed, and returned ones."""
    return _list(WorkOrder.objects.filter(scope_q(user, Cap.ORDER_DISPATCH, "place_path"), is_open=True,
                                          status__in=[Status.NEW, Status.RETURNED])).order_by("created_at", "id")


def callback_queue(user) -> QuerySet[WorkOrder]:
    return _list(WorkOrder.objects.filter(scope_q(user, Cap.ORDER_CALLBACK, "place_path"),
                                          status=Status.RESOLVED)).order_by("resolved_at", "id")


def reopen_queue(user) -> QuerySet[WorkOrder]:
    """Reopen requests of units strictly below a place where the user supervises."""
    q = Q(pk__in=[])
    for root in roots(user, Cap.ORDER_SUPERVISE):
        q |= Q(unit_path__gt=root.path, unit_path__lt=root.path_upper)
    return _list(WorkOrder.objects.filter(q, status=Status.REOPEN_REQUESTED)).order_by("updated_at", "id")


def overdue_orders(user, now: datetime | None = None) -> QuerySet[WorkOrder]:
    now = now or timezone.now()
    return _list(orders_visible(user).filter(is_open=True, status__in=[Status.DISPATCHED, Status.IN_PROGRESS],
                                             due_at__lt=now)).order_by("due_at", "id")


def due_state(order: WorkOrder, now: datetime | None = None) -> str:
    """"overdue", "due_soon" or "" for the inbox's marks."""
    return due_state_of(order.status, order.due_at, now)


def due_state_of(status: str, due_at: datetime | None, now: datetime | None = None) -> str:
    """``due_state`` from the two columns it reads (for lists read as plain values)."""
    if due_at is None or status not in (Status.DISPATCHED, Status.IN_PROGRESS):
        return ""
    now = now or timezone.now()
    if due_at < now:
        return "overdue"
    if due_at - now <= DUE_SOON:
        return "due_soon"
    return ""


def timeline(order: WorkOrder, *, public: bool = False) -> QuerySet[OrderEvent]:
    events = order.events.select_related("actor", "unit").order_by("at", "id")
    if public:
        events = events.filter(kind__in=PUBLIC_EVENTS, internal=False)
    return events


def order_by_tracking_code(code: str) -> WorkOrder | None:
    code = (code or "").strip().upper()
    if not code or len(code) > 12:
        return None
    return WorkOrder.objects.select_related("category", "unit").filter(tracking_code=code).first()


def orders_by_phone_index(user, index: str, limit: int = 20) -> QuerySet[WorkOrder]:
    """Earlier orders of a caller's number, within the user's scope."""
    if not index:
        return WorkOrder.objects.none()
    return _list(orders_visible(user).filter(contact_phone_index=index)).order_by("-created_at")[:limit]


_CONTACT_EVENTS = (EventKind.REFERRED, EventKind.ROUTED, EventKind.DISPATCHED, EventKind.CATEGORY_CHANGED)


def contact_visible(order: WorkOrder, user, events=None) -> bool:
    """The intake side (order.view over the order's place) sees the contact. A unit that sees
    the order only because it is assigned there sees it when the order came by routing or
    dispatch (the resident agreed to be contacted about the order), but after a referral only
    when the resident's contact was shared with their consent. ``events``: the order's
    timeline if already loaded (oldest first)."""
    if can(user, Cap.ORDER_VIEW, order.place):
        return True
    if events is None:
        events = order.events.filter(kind__in=_CONTACT_EVENTS).order_by("at", "id").only("kind", "data")
    shared = True
    for event in events:
        if event.kind == EventKind.REFERRED:
            shared = bool(event.data.get("contact_shared"))
        elif event.kind in _CONTACT_EVENTS:
            shared = True
    return shared


def attachments_visible(order: WorkOrder, user, events=None):
    """The order's files the user may see. Whoever may see the contact sees every file; a
    department that received the order by referral without the resident's consent sees only
    the files added since that referral (intake files may name or show the resident)."""
    files = order.attachments.select_related("uploaded_by").order_by("id")
    if contact_visible(order, user, events):
        return files
    last = order.events.filter(kind=EventKind.REFERRED).order_by("-at", "-id").values_list("at", flat=True).first()
    return files.filter(uploaded_at__gt=last) if last else files.none()


def hide_intake_file_names(order: WorkOrder, user, events: list) -> list:
    """In a timeline shown to a department without the resident's consent, the names of the
    files added before the referral are blanked (in memory; the record keeps them)."""
    if contact_visible(order, user, events):
        return events
    referrals = [e.at for e in events if e.kind == EventKind.REFERRED]
    last = max(referrals) if referrals else None
    for event in events:
        if event.kind == EventKind.FILE and (last is None or event.at <= last):
            event.note = ""
    return events
