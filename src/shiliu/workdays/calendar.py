"""Working days and working hours: the clock every deadline runs on.

A day is a working day when the district's own entry for it says so; else, for a year the
State Council has published (the ``chinesecalendar`` package), when that calendar says so
(holidays off, adjusted working days 调休 on); else when it is Monday to Friday — and
``year_known`` tells callers that the district office must enter that year.

Working hours run from WORK_START to WORK_END on working days, in the server's time zone.

A computation with the district's calendar that reaches a year nobody knows logs a warning,
once per year and process, so that the operators hear of it before the district office does.
"""

import functools
import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import chinese_calendar
from django.utils import timezone

WORK_START = time(9, 0)
WORK_END = time(17, 0)
HOURS_PER_DAY = 8
SEARCH_DAYS = 3660  # ten years without a working day: a broken calendar is refused, not looped on

DayRule = Callable[[date], bool]

logger = logging.getLogger(__name__)
_warned_years: set[int] = set()


@functools.cache
def _published() -> frozenset[int]:
    return frozenset(d.year for d in chinese_calendar.constants.holidays)


def published_years() -> set[int]:
    """The years whose holidays the State Council has published (as the package knows them)."""
    return set(_published())


def state_council_workday(day: date) -> bool:
    if day.year in _published():
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def _district_rule() -> DayRule:
    """The district's entries over the State Council's calendar (shiliu.workdays.overrides),
    read once for the whole computation."""
    try:
        from shiliu.workdays.overrides import district_rule
    except ImportError:  # the override table is not installed yet
        return state_council_workday
    return district_rule()


def _warn_unknown_years(first: int, last: int) -> None:
    """Log once per process for each year in first..last that is neither published nor entered."""
    for year in range(first, last + 1):
        if year in _published() or year in _warned_years:
            continue
        if not year_known(year):
            _warned_years.add(year)
            logger.warning("A deadline runs into %s, whose holiday calendar is neither published nor entered: "
                           "it counts Monday to Friday until the district office enters the year.", year)


def is_workday(day: date, rule: DayRule | None = None) -> bool:
    return (rule or _district_rule())(day)


def year_known(year: int) -> bool:
    """Is this year's calendar published (package) or entered by the district office?"""
    if year in _published():
        return True
    try:
        from shiliu.workdays.overrides import district_year_entered
    except ImportError:
        return False
    return district_year_entered(year)


def add_working_days(start: datetime, days: int, rule: DayRule | None = None) -> datetime:
    """The end of the ``days``-th working day after the day of ``start`` (12345 practice:
    an order opened on Friday with 2 working days is due at the end of Tuesday)."""
    if days < 0:
        raise ValueError("a deadline cannot lie before its start")
    district = rule is None
    rule = rule or _district_rule()
    local = timezone.localtime(start)
    day = local.date()
    counted = idle = 0
    while counted < days or (days == 0 and not rule(day)):
        day += timedelta(days=1)
        if days and rule(day):
            counted, idle = counted + 1, 0
        else:
            idle += 1
        if idle > SEARCH_DAYS:
            raise ValueError("no working day within ten years: check the working-day calendar")
    if district:
        _warn_unknown_years(local.year, day.year)
    return timezone.make_aware(datetime.combine(day, WORK_END))


def add_working_hours(start: datetime, hours: float, rule: DayRule | None = None) -> datetime:
    """``start`` plus ``hours`` of working time (outside working hours the clock stands still)."""
    if hours < 0:
        raise ValueError("a deadline cannot lie before its start")
    district = rule is None
    rule = rule or _district_rule()
    local = timezone.localtime(start)
    remaining = timedelta(hours=hours)
    day = local.date()
    cursor = local.time()
    idle = 0
    while idle <= SEARCH_DAYS:
        idle += 1
        if rule(day):
            idle = 0
            begin = max(cursor, WORK_START)
            if begin < WORK_END:
                available = datetime.combine(day, WORK_END) - datetime.combine(day, begin)
                if remaining <= available:
                    if district:
                        _warn_unknown_years(local.year, day.year)
                    return timezone.make_aware(datetime.combine(day, begin) + remaining)
                remaining -= available
        day += timedelta(days=1)
        cursor = time(0, 0)
    raise ValueError("no working time within ten years: check the working-day calendar")


def unknown_years_notice(today: date) -> list[int]:
    """This year and the next, where neither the State Council's calendar (as the package has
    it) nor the district office knows them: deadlines there count Monday to Friday."""
    return [year for year in (today.year, today.year + 1) if not year_known(year)]
