"""A long period reads whole months from the monthly rows and the days around them from the
daily rows; the series per day comes from the counts per subtree. Same figures either way."""

from datetime import date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shiliu.figures.metrics import Period, _parts, order_figures
from shiliu.figures.models import OrderDayStats, OrderMonthStats, SubtreeDayCount
from shiliu.figures.rollup import rollup_all
from shiliu.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


def test_a_period_is_cut_into_whole_months_and_the_days_around_them():
    assert _parts(Period(date(2026, 3, 5), date(2026, 3, 20))) == ([(date(2026, 3, 5), date(2026, 3, 20))], [])
    days, months = _parts(Period(date(2025, 11, 27), date(2026, 11, 27)))
    assert days == [(date(2025, 11, 27), date(2025, 11, 30)), (date(2026, 11, 1), date(2026, 11, 27))]
    assert months == [date(2025, 12, 1)] + [date(2026, m, 1) for m in range(1, 11)]
    assert _parts(Period(date(2026, 2, 1), date(2026, 2, 28))) == ([], [date(2026, 2, 1)])


def _opened_on(order, day: date) -> None:
    at = timezone.make_aware(datetime.combine(day, time(10)))
    WorkOrder.objects.filter(pk=order.pk).update(created_at=at, updated_at=at)


@pytest.fixture
def spread(wo):
    """Orders opened on five days over four months, in 大碶 (谢墅) and in 新碶 (大港)."""
    days = [date(2026, 1, 30), date(2026, 2, 3), date(2026, 2, 27), date(2026, 3, 15), date(2026, 4, 2)]
    for day in days:
        _opened_on(wo.open(), day)
    _opened_on(wo.open(by=wo.people.admin, place=wo.tree.dagang, category=wo.school), date(2026, 2, 10))
    rollup_all()
    return days


def _from_daily_rows(place, period: Period) -> int:
    return sum(OrderDayStats.objects.filter(place_path__startswith=place.path, day__gte=period.start,
                                            day__lte=period.end).values_list("created", flat=True))


def test_the_figures_of_a_long_period_match_the_daily_rows(wo, spread):
    period = Period(date(2026, 1, 15), date(2026, 4, 10))  # January and April in part, February and March whole
    assert OrderMonthStats.objects.filter(month=date(2026, 2, 1)).exists()
    district = order_figures(wo.people.admin, wo.tree.district, period)
    assert district.totals["created"] == _from_daily_rows(wo.tree.district, period) == 6
    assert {r["place"].pk: r["created"] for r in district.by_place} == {wo.tree.daqi.pk: 5, wo.tree.xinqi.pk: 1}
    assert {r["category"].pk: r["created"] for r in district.by_category} == {wo.insurance.pk: 5, wo.school.pk: 1}
    daqi = order_figures(wo.people.officer, wo.tree.daqi, Period(date(2026, 2, 1), date(2026, 3, 31)))
    assert daqi.totals["created"] == 3  # 3 Feb, 27 Feb, 15 Mar
    shorter = order_figures(wo.people.admin, wo.tree.district, Period(date(2026, 1, 31), date(2026, 4, 1)))
    assert shorter.totals["created"] == 4  # neither 30 January nor 2 April


def test_the_series_per_day_counts_the_whole_subtree(wo, spread):
    period = Period(date(2026, 1, 15), date(2026, 4, 10))
    series = {d["day"]: d["created"] for d in order_figures(wo.people.admin, wo.tree.district, period).by_day}
    assert len(series) == period.days
    assert {day: n for day, n in series.items() if n} == {**dict.fromkeys(spread, 1), date(2026, 2, 10): 1}
    # one row per day for each place with orders beneath: the district, the subdistrict, the community
    assert SubtreeDayCount.objects.filter(day=date(2026, 2, 3)).count() == len(wo.tree.xieshu.ancestor_ids())


def test_a_year_costs_no_more_statements_than_a_month(wo, spread):
    def statements(period: Period) -> int:
        with CaptureQueriesContext(connection) as ctx:
            order_figures(wo.people.admin, wo.tree.district, period)
        return len(ctx.captured_queries)

    month = statements(Period(date(2026, 2, 3), date(2026, 2, 20)))
    year = statements(Period(date(2025, 4, 11), date(2026, 4, 10)))
    assert year <= month + 3  # the monthly rows: once more for the totals, the categories, the places
