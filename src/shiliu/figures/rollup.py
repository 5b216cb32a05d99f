"""Rolling work orders up into OrderDayStats (see models.py for why).

A day's rows are recomputed whole from the orders opened that day (a few thousand at most),
so the rollup is idempotent: running it twice, or two workers at once, gives the same rows.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from shiliu.figures.counts import COUNTS
from shiliu.figures.models import OrderDayStats, OrderMonthStats, OverdueCount, RollupMark, SubtreeDayCount
from shiliu.places.models import Place
from shiliu.workorders.choices import SATISFIED, Solved, Status
from shiliu.workorders.models import Callback, WorkOrder

MARK = "orders"
# Changes committed a little after their updated_at was taken must not be missed.
OVERLAP = timedelta(minutes=2)


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _latest_callback(field: str):
    return Subquery(Callback.objects.filter(order=OuterRef("pk")).order_by("-round").values(field)[:1])


def rollup_day(day: date) -> int:
    """Recompute one day's rows. Returns how many rows it wrote."""
    start, end = _bounds(day)
    rows = (WorkOrder.objects.filter(created_at__gte=start, created_at__lt=end)
            .annotate(last_solved=_latest_callback("solved"), last_satisfaction=_latest_callback("satisfaction"),
                      rated=Exists(Callback.objects.filter(order=OuterRef("pk"))))
            .values("place_id", "place_path", "category_id")
            .annotate(created=Count("id"),
                      cancelled=Count("id", filter=Q(status=Status.CANCELLED)),
                      dispatched=Count("id", filter=Q(dispatched_at__isnull=False)),
                      ack_known=Count("id", filter=Q(ack_on_time__isnull=False)),
                      ack_in_time=Count("id", filter=Q(ack_on_time=True)),
                      resolved=Count("id", filter=Q(resolved_on_time__isnull=False)),
                      resolved_in_time=Count("id", filter=Q(resolved_on_time=True)),
                      closed=Count("id", filter=Q(status=Status.CLOSED)),
                      rated_n=Count("id", filter=Q(rated=True)),
                      solved=Count("id", filter=Q(last_solved=Solved.YES)),
                      partly_solved=Count("id", filter=Q(last_solved=Solved.PARTLY)),
                      satisfied=Count("id", filter=Q(last_satisfaction__in=list(SATISFIED))),
                      reopened=Count("id", filter=Q(reopens__gt=0)),
                      returned=Sum("returns"))
            .order_by())
    stats = [OrderDayStats(day=day, place_id=r["place_id"], place_path=r["place_path"], category_id=r["category_id"],
                           created=r["created"], cancelled=r["cancelled"],
                           dispatched=r["dispatched"], ack_known=r["ack_known"], ack_on_time=r["ack_in_time"],
                           resolved=r["resolved"], resolved_on_time=r["resolved_in_time"], closed=r["closed"],
                           callbacks=r["rated_n"], solved=r["solved"], partly_solved=r["partly_solved"],
                           satisfied=r["satisfied"], reopened=r["reopened"], returned=r["returned"] or 0)
             for r in rows]
    subtree: dict[int, int] = {}
    for row in stats:
        for place_id in Place(path=row.place_path).ancestor_ids():  # the place itself and each above it
            subtree[place_id] = subtree.get(place_id, 0) + row.created
    with transaction.atomic():
        OrderDayStats.objects.filter(day=day).delete()
        OrderDayStats.objects.bulk_create(stats, batch_size=1000)
        SubtreeDayCount.objects.filter(day=day).delete()
        SubtreeDayCount.objects.bulk_create([SubtreeDayCount(day=day, place_id=p, created=n)
                                             for p, n in subtree.items() if n], batch_size=1000)
    return len(stats)


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def rollup_month(month: date) -> int:
    """Recompute one month's rows from its daily rows. Returns how many rows it wrote."""
    sums = COUNTS
    rows = (OrderDayStats.objects.filter(day__gte=month, day__lt=next_month(month))
            .values("place_id", "place_path", "category_id").annotate(**{f"s_{k}": Sum(k) for k in sums}).order_by())
    stats = [OrderMonthStats(month=month, place_id=r["place_id"], place_path=r["place_path"],
                             category_id=r["category_id"], **{k: r[f"s_{k}"] or 0 for k in sums})  # type: ignore[literal-required]
             for r in rows]
    with transaction.atomic():
        OrderMonthStats.objects.filter(month=month).delete()
        OrderMonthStats.objects.bulk_create(stats, batch_size=1000)
    return len(stats)


def rollup_overdue(now: datetime | None = None) -> int:
    """Count the open orders past their deadline per place. Returns the places counted."""
    now = now or timezone.now()
    rows = (WorkOrder.objects.filter(is_open=True, status__in=[Status.DISPATCHED, Status.IN_PROGRESS], due_at__lt=now)
            .values("place_id", "place_path").annotate(n=Count("id")).order_by())
    counts = [OverdueCount(place_id=r["place_id"], place_path=r["place_path"], n=r["n"]) for r in rows]
    with transaction.atomic():
        OverdueCount.objects.all().delete()
        OverdueCount.objects.bulk_create(counts, batch_size=1000)
    return len(counts)


def changed_days(since: datetime) -> list[date]:
    days = (WorkOrder.objects.filter(updated_at__gte=since)
            .annotate(day=TruncDate("created_at", tzinfo=timezone.get_current_timezone()))
            .values_list("day", flat=True).distinct().order_by())
    return sorted(set(days))


def rollup_changes(now: datetime | None = None) -> int:
    """Recompute the days whose orders changed since the last run. Returns days recomputed."""
    now = now or timezone.now()
    mark = RollupMark.objects.filter(name=MARK).first()
    if mark is None:
        return rollup_all(now=now)
    days = changed_days(mark.at - OVERLAP)
    for day in days:
        rollup_day(day)
    for month in sorted({month_of(day) for day in days}):
        rollup_month(month)
    rollup_overdue(now)
    RollupMark.objects.filter(name=MARK).update(at=now)
    return len(days)


def rollup_all(now: datetime | None = None) -> int:
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    days = sorted(set(WorkOrder.objects.annotate(day=TruncDate("created_at", tzinfo=tz))
                      .values_list("day", flat=True).distinct().order_by()))
    for day in days:
        rollup_day(day)
    OrderDayStats.objects.exclude(day__in=days).delete()
    SubtreeDayCount.objects.exclude(day__in=days).delete()
    months = sorted({month_of(day) for day in days})
    for month in months:
        rollup_month(month)
    OrderMonthStats.objects.exclude(month__in=months).delete()
    rollup_overdue(now)
    RollupMark.objects.update_or_create(name=MARK, defaults={"at": now})
    return len(days)


def rewrite_paths(sender, *, old_path: str, new_path: str, **kwargs) -> None:
    """A subtree of places moved: its rows follow (see shiliu.places.signals)."""
    from django.db.models import Value
    from django.db.models.functions import Concat, Substr

    from shiliu.places.models import path_upper_bound

    for model in (OrderDayStats, OrderMonthStats, OverdueCount):
        model.objects.filter(place_path__gte=old_path, place_path__lt=path_upper_bound(old_path)).update(
            place_path=Concat(Value(new_path), Substr("place_path", len(old_path) + 1)))
    # The counts per subtree belong to the places above, which changed: recount them from the daily rows.
    subtree: dict[tuple[date, int], int] = {}
    for day, path, created in (OrderDayStats.objects.values_list("day", "place_path").annotate(n=Sum("created"))
                               .order_by()):
        for place_id in Place(path=path).ancestor_ids():
            subtree[day, place_id] = subtree.get((day, place_id), 0) + (created or 0)
    SubtreeDayCount.objects.all().delete()
    SubtreeDayCount.objects.bulk_create([SubtreeDayCount(day=d, place_id=p, created=n)
                                         for (d, p), n in subtree.items() if n], batch_size=1000)

