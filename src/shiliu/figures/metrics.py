"""The hotline's and the work orders' figures for a place and a period (issue 3, GB/T 33358).

Orders are counted by the day they were opened (a cohort): of the orders opened in the period,
how many were acknowledged on time, resolved, resolved on time, called back, actually solved
(解决率 — closing is not solving), satisfied, reopened. Rates are None when their base is 0.
"Returns per unit" is read live; "overdue now" is counted by the rollup each minute. Whole
months of a period are read from the monthly rows and the per-day series from the counts per
subtree, so a year costs about what a month does. Every figure names the drill-down that
lists the orders behind it (``shiliu.figures.drill``).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.access.scope import roots
from shiliu.figures.counts import COUNTS
from shiliu.figures.models import OrderDayStats, OrderMonthStats, OverdueCount, SubtreeDayCount
from shiliu.figures.rollup import next_month
from shiliu.places.models import Place, path_upper_bound
from shiliu.workorders.choices import EventKind
from shiliu.workorders.models import Category, OrderEvent

SEGMENT = 8
SUMS = COUNTS

# (key, label, numerator, denominator): each rate is numerator / denominator of the sums.
RATES = [
    ("ack_on_time_rate", _("On-time acknowledgement rate"), "ack_on_time", "ack_known"),
    ("resolution_rate", _("Resolution rate (办结率)"), "resolved", "accepted"),
    ("on_time_resolution_rate", _("On-time resolution rate (按时办结率)"), "resolved_on_time", "resolved"),
    ("callback_rate", _("Callback rate"), "callbacks", "resolved"),
    ("solved_rate", _("Actually-solved rate (解决率)"), "solved", "callbacks"),
    ("satisfaction_rate", _("Satisfaction rate"), "satisfied", "callbacks"),
    ("reopen_rate", _("Reopen rate (重办率)"), "reopened", "resolved"),
]


def figures_roots(user) -> list[Place]:
    return roots(user, Cap.FIGURES_VIEW)


def place_in_scope(user, place_id) -> Place:
    """The chosen place if the user sees figures there; their first root when none is chosen."""
    tops = figures_roots(user)
    if not tops:
        raise Http404()
    if place_id in (None, ""):
        return tops[0]
    try:
        place = Place.objects.get(pk=int(place_id))
    except (Place.DoesNotExist, ValueError, TypeError):
        raise Http404() from None
    if not any(place.path.startswith(t.path) for t in tops):
        raise Http404()
    return place


@dataclass
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def default(cls, today: date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(today.replace(day=1), today)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass
class Figures:
    place: Place
    period: Period
    totals: dict = field(default_factory=dict)
    rates: list = field(default_factory=list)
    by_category: list = field(default_factory=list)
    by_place: list = field(default_factory=list)
    by_day: list = field(default_factory=list)
    returns_by_unit: list = field(default_factory=list)
    overdue_now: int = 0
    calls: dict | None = None


def _parts(period: Period) -> tuple[list[tuple[date, date]], list[date]]:
    """The period as whole months (read from the monthly rows) and the days around them."""
    months: list[date] = []
    month = period.start if period.start.day == 1 else next_month(period.start)
    while next_month(month) - timedelta(days=1) <= period.end:
        months.append(month)
        month = next_month(month)
    if not months:
        return [(period.start, period.end)], []
    days = []
    if period.start < months[0]:
        days.append((period.start, months[0] - timedelta(days=1)))
    after = next_month(months[-1])
    if after <= period.end:
        days.append((after, period.end))
    return days, months


def _rows(place: Place, period: Period) -> list[QuerySet[Any]]:
    """The querysets whose sums are the period's figures: daily rows, and monthly rows for whole months."""
    days, months = _parts(period)
    upper = path_upper_bound(place.path)
    parts: list[QuerySet[Any]] = []
    if days:
        when = Q()
        for start, end in days:
            when |= Q(day__gte=start, day__lte=end)
        parts.append(OrderDayStats.objects.filter(when, place_path__gte=place.path, place_path__lt=upper))
    if months:
        parts.append(OrderMonthStats.objects.filter(place_path__gte=place.path, place_path__lt=upper,
                                                    month__in=months))
    return parts


def _grouped(parts: list[QuerySet], key, sums: dict[str, str]) -> list[dict]:
    """Sum ``sums`` ({name: field}) by ``key`` over every part; the largest "n" first."""
    merged: dict = {}
    for qs in parts:
        for row in qs.values(key).annotate(**{name: Sum(f) for name, f in sums.items()}).order_by():
            into = merged.setdefault(row[key], dict.fromkeys(sums, 0))
            for name in sums:
                into[name] += row[name] or 0
    return sorted(({key: k, **v} for k, v in merged.items()), key=lambda r: (-r["n"], str(r[key])))


def _rate(num: int, den: int) -> float | None:
    return round(100.0 * num / den, 1) if den else None


def order_figures(user, place: Place, period: Period) -> Figures:
    parts = _rows(place, period)
    totals = dict.fromkeys(SUMS, 0)
    for qs in parts:
        for k, v in qs.aggregate(**{k: Sum(k) for k in SUMS}).items():
            totals[k] += v or 0
    totals["accepted"] = totals["created"] - totals["cancelled"]
    result = Figures(place=place, period=period, totals=totals)
    result.rates = [{"key": key, "label": label, "value": _rate(totals[num], totals[den]),
                     "numerator": totals[num], "denominator": totals[den]} for key, label, num, den in RATES]

    names = {c.pk: c for c in Category.objects.all()}
    result.by_category = [
        {"category": names.get(r["category_id"]), "created": r["n"], "resolved": r["resolved"],
         "solved_rate": _rate(r["solved"], r["callbacks"])}
        for r in _grouped(parts, "category_id", {"n": "created", "resolved": "resolved", "solved": "solved",
                                                 "callbacks": "callbacks"})]

    width = len(place.path) + SEGMENT
    children = {c.path: c for c in Place.objects.filter(parent=place)}
    by_child = _grouped([qs.annotate(child=Substr("place_path", 1, width)) for qs in parts], "child",
                        {"n": "created", "resolved": "resolved", "on_time": "resolved_on_time"})
    result.by_place = [{"place": children.get(r["child"], place), "created": r["n"], "resolved": r["resolved"],
                        "on_time_rate": _rate(r["on_time"], r["resolved"])} for r in by_child]

    per_day = dict(SubtreeDayCount.objects.filter(place=place, day__gte=period.start, day__lte=period.end)
                   .values_list("day", "created"))
    result.by_day = [{"day": period.start + timedelta(days=i), "created": per_day.get(period.start +
                                                                                        timedelta(days=i), 0)}
                     for i in range(min(period.days, 400))]

    upper = path_upper_bound(place.path)
    start, end = _aware(period.start), _aware(period.end + timedelta(days=1))
    returns = (OrderEvent.objects.filter(kind=EventKind.RETURNED, at__gte=start, at__lt=end,
                                         order__place_path__gte=place.path, order__place_path__lt=upper)
               .values("unit_id", name=F("unit__name")).annotate(n=Count("id")).order_by("-n"))
    result.returns_by_unit = list(returns[:20])
    # Counted by the rollup each minute (the drill-down lists the orders live).
    result.overdue_now = (OverdueCount.objects.filter(place_path__gte=place.path, place_path__lt=upper)
                          .aggregate(n=Sum("n"))["n"] or 0)
    result.calls = _calls(user, place, period)
    return result


def _aware(day: date):
    from datetime import datetime, time

    return timezone.make_aware(datetime.combine(day, time.min))


def _calls(user, place: Place, period: Period) -> dict | None:
    try:
        from shiliu.hotline.stats import call_figures
    except ImportError:  # the hotline app is optional for the figures
        return None
    calls = dict(call_figures(user, period.start, period.end, place=place))
    rate = calls.get("answered_on_call_rate")
    # The hotline gives a fraction; the dashboard shows every rate in per cent.
    calls["answered_on_call_rate"] = None if rate is None else round(100.0 * rate, 1)
    return calls
