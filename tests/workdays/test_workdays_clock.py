"""Deadlines in working days and working hours on the State Council's calendar (2026)."""

import logging
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from workdays_helpers import UNKNOWN, at, first_weekday

from shiliu.workdays import calendar
from shiliu.workdays.calendar import (
    add_working_days,
    add_working_hours,
    is_workday,
    state_council_workday,
    unknown_years_notice,
    year_known,
)

pytestmark = pytest.mark.django_db


def local(value: datetime) -> tuple:
    value = timezone.localtime(value)
    return (value.date(), value.hour, value.minute)


def test_national_day_2026_is_a_week_of_rest_and_the_saturday_after_is_worked():
    for day in range(1, 8):
        assert not is_workday(date(2026, 10, day)), f"2026-10-0{day}"
    assert date(2026, 10, 10).weekday() == 5 and is_workday(date(2026, 10, 10))  # 调休 Saturday
    assert is_workday(date(2026, 10, 9))


def test_spring_festival_2026_and_its_adjusted_saturdays():
    assert all(not is_workday(date(2026, 2, d)) for d in range(15, 24))
    assert is_workday(date(2026, 2, 14)) and date(2026, 2, 14).weekday() == 5
    assert is_workday(date(2026, 2, 28)) and date(2026, 2, 28).weekday() == 5
    assert not is_workday(date(2026, 2, 7))  # an ordinary Saturday


def test_friday_plus_two_working_days_is_tuesday_at_five():
    friday = date(2026, 11, 20)
    assert friday.weekday() == 4
    assert local(add_working_days(at(friday, 10), 2)) == (date(2026, 11, 24), 17, 0)
    # the day of the start never counts, whatever the hour
    assert local(add_working_days(at(friday, 18, 30), 2)) == (date(2026, 11, 24), 17, 0)


def test_working_days_skip_the_national_day_week_and_count_the_adjusted_saturday():
    # Opened on Wednesday 30 September: 1–7 October are holidays, Thursday the 8th is day one,
    # Friday the 9th day two and Saturday the 10th (调休) day three.
    assert local(add_working_days(at(date(2026, 9, 30)), 3)) == (date(2026, 10, 10), 17, 0)


def test_zero_working_days_ends_today_or_on_the_next_working_day():
    assert local(add_working_days(at(date(2026, 11, 24)), 0)) == (date(2026, 11, 24), 17, 0)
    assert local(add_working_days(at(date(2026, 10, 3)), 0)) == (date(2026, 10, 8), 17, 0)


def test_working_hours_run_nine_to_five_without_lunch():
    tuesday = date(2026, 11, 24)
    assert local(add_working_hours(at(tuesday, 9), 8)) == (tuesday, 17, 0)
    assert local(add_working_hours(at(tuesday, 10, 30), 4)) == (tuesday, 14, 30)
    assert local(add_working_hours(at(tuesday, 7), 1)) == (tuesday, 10, 0)  # the clock starts at nine
    assert local(add_working_hours(at(tuesday, 15), 4)) == (date(2026, 11, 25), 11, 0)  # two today, two tomorrow
    assert local(add_working_hours(at(tuesday, 20), 2)) == (date(2026, 11, 25), 11, 0)  # after hours: from nine


def test_working_hours_stand_still_over_a_weekend_and_a_holiday():
    friday = date(2026, 11, 20)
    assert local(add_working_hours(at(friday, 16), 4)) == (date(2026, 11, 23), 12, 0)
    # Wednesday 30 September 15:00 + 4 h: two hours that day, then the clock waits until 8 October.
    assert local(add_working_hours(at(date(2026, 9, 30), 15), 4)) == (date(2026, 10, 8), 11, 0)
    # Saturday 10 October is an adjusted working day: the hours run on it.
    assert local(add_working_hours(at(date(2026, 10, 9), 16), 2)) == (date(2026, 10, 10), 10, 0)


def test_an_unknown_year_counts_monday_to_friday_and_is_not_known():
    assert not year_known(UNKNOWN)
    assert year_known(2026)
    day = date(UNKNOWN, 10, 1)
    assert is_workday(day) == (day.weekday() < 5)  # National Day of an unknown year: not yet a holiday
    friday = first_weekday(UNKNOWN, 10, 4)
    assert local(add_working_days(at(friday), 2)) == (friday + timedelta(days=4), 17, 0)  # Tuesday
    assert state_council_workday(first_weekday(UNKNOWN, 10, 5)) is False


def test_a_deadline_into_an_unknown_year_warns_once_per_process(caplog, monkeypatch):
    monkeypatch.setattr(calendar, "_warned_years", set())
    start = at(date(UNKNOWN, 3, 2))
    with caplog.at_level(logging.WARNING, logger="shiliu.workdays.calendar"):
        add_working_days(start, 5)
        add_working_hours(start, 20)
        add_working_days(at(date(2026, 11, 24)), 2)  # a known year: no warning
    warnings = [r for r in caplog.records if r.name == "shiliu.workdays.calendar"]
    assert len(warnings) == 1
    assert str(UNKNOWN) in warnings[0].getMessage()


def test_a_deadline_within_known_years_does_not_warn(caplog, monkeypatch):
    monkeypatch.setattr(calendar, "_warned_years", set())
    with caplog.at_level(logging.WARNING, logger="shiliu.workdays.calendar"):
        add_working_days(at(date(2026, 3, 2)), 10)
    assert not [r for r in caplog.records if r.name == "shiliu.workdays.calendar"]


def test_unknown_years_notice_names_this_year_or_the_next_when_unknown():
    assert unknown_years_notice(date(UNKNOWN - 1, 11, 27)) == [UNKNOWN]
    assert unknown_years_notice(date(UNKNOWN, 1, 5)) == [UNKNOWN, UNKNOWN + 1]
    assert unknown_years_notice(date(2025, 6, 1)) == []  # 2025 and 2026 are both published


def test_a_calendar_without_working_days_is_refused_not_looped_on():
    with pytest.raises(ValueError):
        add_working_days(at(date(2026, 11, 24)), 1, rule=lambda day: False)
    with pytest.raises(ValueError):
        add_working_hours(at(date(2026, 11, 24)), 1, rule=lambda day: False)


def test_a_negative_duration_is_refused():
    with pytest.raises(ValueError):
        add_working_days(at(date(2026, 11, 24)), -1)
    with pytest.raises(ValueError):
        add_working_hours(at(date(2026, 11, 24)), -0.5)
