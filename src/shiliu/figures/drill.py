"""The orders behind a number of the dashboard: the same definitions as the rollup, as filters."""

from datetime import datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shiliu.figures.metrics import Period
from shiliu.places.models import Place, path_upper_bound
from shiliu.workorders.choices import SATISFIED, Solved, Status
from shiliu.workorders.models import Callback, WorkOrder

_LAST_SOLVED = Subquery(Callback.objects.filter(order=OuterRef("pk")).order_by("-round").values("solved")[:1])
_LAST_SATISFACTION = Subquery(Callback.objects.filter(order=OuterRef("pk")).order_by("-round")
                              .values("satisfaction")[:1])

# key -> (label, filter on the cohort, annotations it needs)
METRICS: dict[str, tuple] = {
    "created": (_("Orders opened"), Q(), ()),
    "accepted": (_("Orders opened, not cancelled"), ~Q(status=Status.CANCELLED), ()),
    "ack_on_time": (_("Acknowledged on time"), Q(ack_on_time=True), ()),
    "ack_late": (_("Acknowledged late"), Q(ack_on_time=False), ()),
    "resolved": (_("Resolved"), Q(resolved_on_time__isnull=False), ()),
    "resolved_on_time": (_("Resolved on time"), Q(resolved_on_time=True), ()),
    "resolved_late": (_("Resolved late"), Q(resolved_on_time=False), ()),
    "unresolved": (_("Not resolved yet"), Q(resolved_on_time__isnull=True) & ~Q(status=Status.CANCELLED), ()),
    "callbacks": (_("Called back"), Q(rated=True), ("rated",)),
    "solved": (_("Actually solved"), Q(last_solved=Solved.YES), ("last_solved",)),
    "not_solved": (_("Not or partly solved"), Q(rated=True) & ~Q(last_solved=Solved.YES), ("rated", "last_solved")),
    "satisfied": (_("Satisfied"), Q(last_satisfaction__in=list(SATISFIED)), ("last_satisfaction",)),
    "dissatisfied": (_("Dissatisfied"), Q(rated=True) & ~Q(last_satisfaction__in=list(SATISFIED)),
                     ("rated", "last_satisfaction")),
    "reopened": (_("Reopened (重办)"), Q(reopens__gt=0), ()),
    "returned": (_("Returned at least once"), Q(returns__gt=0), ()),
    "cancelled": (_("Cancelled"), Q(status=Status.CANCELLED), ()),
}
# A rate drills down to its numerator.
RATE_TARGET = {"ack_on_time_rate": "ack_on_time", "resolution_rate": "resolved",
               "on_time_resolution_rate": "resolved_on_time", "callback_rate": "callbacks",
               "solved_rate": "solved", "satisfaction_rate": "satisfied", "reopen_rate": "reopened"}


def _annotate(qs: QuerySet[WorkOrder], needs) -> QuerySet[WorkOrder]:
    if "rated" in needs:
        qs = qs.annotate(rated=Exists(Callback.objects.filter(order=OuterRef("pk"))))
    if "last_solved" in needs:
        qs = qs.annotate(last_solved=_LAST_SOLVED)
    if "last_satisfaction" in needs:
        qs = qs.annotate(last_satisfaction=_LAST_SATISFACTION)
    return qs


def drill(place: Place, period: Period, metric: str, *, category_id: int | None = None,
          child: Place | None = None) -> QuerySet[WorkOrder]:
    """Orders opened in the period under ``place`` (or its ``child``) that make up ``metric``."""
    if metric == "overdue_now":
        qs = WorkOrder.objects.filter(is_open=True, status__in=[Status.DISPATCHED, Status.IN_PROGRESS],
                                      due_at__lt=timezone.now())
        within = child or place
        qs = qs.filter(place_path__gte=within.path, place_path__lt=path_upper_bound(within.path))
        return qs.select_related("place", "unit", "category").order_by("due_at", "id")
    metric = RATE_TARGET.get(metric, metric)
    _label, condition, needs = METRICS[metric]
    within = child or place
    start = timezone.make_aware(datetime.combine(period.start, time.min))
    end = timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time.min))
    qs = WorkOrder.objects.filter(place_path__gte=within.path, place_path__lt=path_upper_bound(within.path),
                                  created_at__gte=start, created_at__lt=end)
    if category_id:
        qs = qs.filter(category_id=category_id)
    return (_annotate(qs, needs).filter(condition).select_related("place", "unit", "category")
            .defer("description", "reply", "contact_phone").order_by("-created_at", "-id"))


def label(metric: str) -> str:
    if metric == "overdue_now":
        return str(_("Overdue now"))
    return str(METRICS[RATE_TARGET.get(metric, metric)][0])


def known(metric: str) -> bool:
    return metric == "overdue_now" or metric in METRICS or metric in RATE_TARGET
