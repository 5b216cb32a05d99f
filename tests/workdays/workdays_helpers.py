"""Dates the calendar tests share."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from shiliu.workdays.calendar import published_years

# A year the State Council has not published in the installed package: the first after the
# newest one, so the tests keep their meaning when the package learns 2027.
UNKNOWN = max(published_years()) + 1


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def first_weekday(year: int, month: int, weekday: int) -> date:
    """The first Monday (0) ... Sunday (6) of a month."""
    day = date(year, month, 1)
    return day + timedelta(days=(weekday - day.weekday()) % 7)
