"""Reads of calls, always scoped: a call is seen by users who hold ``hotline.take`` over the
hotline's place (D2). A caller's history joins three scopes — calls (hotline.take), work
orders (order.view) and residents (resident.view) — so each part shows only what the user
may see anyway, and the lookup itself is written to the audit trail (E1)."""

from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from shiliu.access.policy import Cap
from shiliu.access.scope import get_scoped_or_404, scope_q, scoped
from shiliu.accounts.models import User
from shiliu.audit.services import audit_read
from shiliu.hotline.choices import CallState
from shiliu.hotline.models import Call
from shiliu.hotline.phones import caller_index, typed_e164
from shiliu.people.models import Resident
from shiliu.people.selectors import residents_visible
from shiliu.workorders.models import WorkOrder
from shiliu.workorders.selectors import callback_queue, orders_by_phone_index, orders_visible

# A phone system that lost a call's "ended" leaves it ringing: after this it is no longer offered.
RINGING_SHOWN_FOR = timedelta(minutes=30)
# An answered call not yet logged stays on the operator's panel for the rest of the shift.
UNLOGGED_SHOWN_FOR = timedelta(hours=12)
HISTORY_LIMIT = 20
RESIDENTS_LIMIT = 5
CALLBACKS_SHOWN = 20


def calls_visible(user) -> QuerySet[Call]:
    return scoped(Call.objects.all(), user, Cap.HOTLINE_TAKE)


def call_get(user, pk) -> Call:
    """One call within the user's hotlines; 404 for "missing" and "not yours" alike."""
    return get_scoped_or_404(Call.objects.select_related("place", "operator", "category", "order", "logged_by"),
                             user, Cap.HOTLINE_TAKE, pk=pk)


def incoming_calls(user, now: datetime | None = None, limit: int = 20) -> QuerySet[Call]:
    """The operator's panel: ringing calls, answered calls not yet logged, and the user's own
    ended calls still to log — with how often the number called before and how many work
    orders it has, in one query (the panel is polled every two seconds)."""
    now = now or timezone.now()
    scope = scope_q(user, Cap.HOTLINE_TAKE, "place__path")
    earlier = (Call.objects.filter(scope, caller_index=OuterRef("caller_index")).exclude(caller_index="")
               .exclude(pk=OuterRef("pk")).order_by().values("caller_index").annotate(n=Count("pk")).values("n"))
    orders = (orders_visible(user).filter(contact_phone_index=OuterRef("caller_index"))
              .exclude(contact_phone_index="").order_by().values("contact_phone_index")
              .annotate(n=Count("pk")).values("n"))
    live = (Q(state=CallState.RINGING, started_at__gte=now - RINGING_SHOWN_FOR)
            | Q(state=CallState.ANSWERED, started_at__gte=now - UNLOGGED_SHOWN_FOR)
            | Q(state=CallState.ENDED, operator=user, started_at__gte=now - UNLOGGED_SHOWN_FOR))
    zero = Value(0, output_field=IntegerField())
    return (Call.objects.filter(scope).filter(live, outcome="")
            .annotate(earlier_calls=Coalesce(Subquery(earlier, output_field=IntegerField()), zero),
                      earlier_orders=Coalesce(Subquery(orders, output_field=IntegerField()), zero))
            .select_related("operator").order_by("started_at", "id")[:limit])


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def call_list(user, *, start: date | None = None, end: date | None = None, outcome: str = "",
              operator: User | None = None, state: str = "") -> QuerySet[Call]:
    """Call records for the records page, the API and the export: newest first; ``start`` and
    ``end`` are days, both included."""
    qs = calls_visible(user).select_related("place", "operator", "category", "order")
    if start:
        qs = qs.filter(started_at__gte=_day_start(start))
    if end:
        qs = qs.filter(started_at__lt=_day_start(end + timedelta(days=1)))
    if outcome == "none":
        qs = qs.filter(outcome="")
    elif outcome:
        qs = qs.filter(outcome=outcome)
    if state:
        qs = qs.filter(state=state)
    if operator is not None:
        qs = qs.filter(operator=operator)
    return qs.order_by("-started_at", "-id")


def operators_seen(user) -> QuerySet[User]:
    """The operators of the calls the user may see (the records page's filter)."""
    return User.objects.filter(pk__in=calls_visible(user).exclude(operator=None).values("operator")).order_by(
        "username")


class CallerHistory(NamedTuple):
    calls: list[Call]
    orders: list[WorkOrder]
    residents: list[Resident]


EMPTY_HISTORY = CallerHistory([], [], [])


def caller_history(user, phone: str, *, call: Call | None = None) -> CallerHistory:
    """A number's earlier calls and work orders and the residents recorded with it, each
    within the user's scope, newest first. The lookup is audited (category "contact").

    ``phone`` is the number as typed or as stored; a wrong one raises
    ValidationError({"phone": [...]}). ``call`` is the call being handled (left out of
    its own history, named in the audit record).
    """
    try:
        number = typed_e164(phone)
    except ValidationError as e:
        raise ValidationError({"phone": e.messages}) from None
    index = caller_index(number)
    calls_qs = (calls_visible(user).filter(caller_index=index).select_related("operator", "category", "order")
                .order_by("-started_at", "-id"))
    if call is not None:
        calls_qs = calls_qs.exclude(pk=call.pk)
    calls = list(calls_qs[:HISTORY_LIMIT])
    orders = list(orders_by_phone_index(user, index, limit=HISTORY_LIMIT))
    residents = list(residents_visible(user).filter(phone_index=index).order_by("-id")[:RESIDENTS_LIMIT])
    audit_read(by=user, action="hotline.caller_lookup", target=call,
               subject_id=residents[0].pk if len(residents) == 1 else None, category="contact",
               detail={"calls": [c.pk for c in calls], "orders": [o.pk for o in orders],
                       "residents": [r.pk for r in residents]})
    return CallerHistory(calls, orders, residents)


def callbacks_due(user, limit: int = CALLBACKS_SHOWN) -> list[WorkOrder]:
    """Resolved orders waiting for the hotline's callback, in the user's scope, oldest first."""
    return list(callback_queue(user)[:limit])
