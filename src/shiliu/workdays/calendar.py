"""Working days and working hours: the clock every deadline runs on.

A day is a working day when the district's own entry for it says so; else, for a year the
State Council has published (the ``chinesecalendar`` package), when that calendar says so
(holidays off, adjusted working days 调休 on); else when it is Monday to Friday — and
``year_known`` tells callers that the district office must enter that year.

Working hours run from WORK_START to WORK_END on working days, in the server's time zone.
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import chinese_calendar
from django.utils import timezone

WORK_START = time(9, 0)
WORK_END = time(17, 0)
HOURS_PER_DAY = 8

DayRule = Callable[[date], bool]


def published_years() -> set[int]:
    return {d.year for d in chinese_calendar.constants.holidays}


def state_council_workday(day: date) -> bool:
    if day.year in published_years():
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def _district_rule() -> DayRule:
    """The district's entries over the State Council's calendar (shiliu.workdays.models)."""
    try:
        from shiliu.workdays.overrides import district_is_workday
    except ImportError:  # the override table is not installed yet
        return state_council_workday
    return district_is_workday


def is_workday(day: date, rule: DayRule | None = None) -> bool:
    return (rule or _district_rule())(day)


def year_known(year: int) -> bool:
    """Is this year's calendar published (package) or entered by the district office?"""
    if year in published_years():
        return True
    try:
        from shiliu.workdays.overrides import district_year_entered
    except ImportError:
        return False
    return district_year_entered(year)


def add_working_days(start: datetime, days: int, rule: DayRule | None = None) -> datetime:
    """The end of the ``days``-th working day after the day of ``start`` (12345 practice:
    an order opened on Friday with 2 working days is due at the end of Tuesday)."""
    rule = rule or _district_rule()
    local = timezone.localtime(start)
    day = local.date()
    counted = 0
    while counted < days:
        day += timedelta(days=1)
        if rule(day):
            counted += 1
    if days == 0:
        while not rule(day):
            day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, WORK_END))


def add_working_hours(start: datetime, hours: float, rule: DayRule | None = None) -> datetime:
    """``start`` plus ``hours`` of working time (outside working hours the clock stands still)."""
    rule = rule or _district_rule()
    local = timezone.localtime(start)
    remaining = timedelta(hours=hours)
    day = local.date()
    cursor = local.time()
    for _ in range(3660):  # ten years of days: a calendar with no working day is refused
        if rule(day):
            begin = max(cursor, WORK_START)
            if begin < WORK_END:
                available = datetime.combine(day, WORK_END) - datetime.combine(day, begin)
                if remaining <= available:
                    return timezone.make_aware(datetime.combine(day, begin) + remaining)
                remaining -= available
        day += timedelta(days=1)
        cursor = time(0, 0)
    raise ValueError("no working time within ten years: check the working-day calendar")
