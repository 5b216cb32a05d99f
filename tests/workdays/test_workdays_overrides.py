"""The district's entries win over the State Council's calendar, and every process sees an
edit within seconds (shiliu.workdays.overrides)."""

from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from workdays_helpers import UNKNOWN, at, first_weekday

from shiliu.workdays import overrides
from shiliu.workdays.calendar import add_working_days, is_workday, year_known
from shiliu.workdays.models import CalendarDay, CalendarRevision
from shiliu.workdays.overrides import district_is_workday, district_year_entered
from shiliu.workdays.services import calendar_day_clear, calendar_day_set, calendar_year_confirm


def test_a_rest_entry_overrides_a_working_day_of_the_package(people):
    day = date(2026, 12, 1)  # an ordinary Tuesday
    assert is_workday(day)
    calendar_day_set(day=day, is_workday=False, name="台风停工", by=people.admin)
    assert not is_workday(day)
    assert not district_is_workday(day)


def test_a_working_entry_overrides_a_holiday_of_the_package(people):
    day = date(2026, 10, 5)  # National Day holiday
    assert not is_workday(day)
    calendar_day_set(day=day, is_workday=True, name="加班", by=people.admin)
    assert is_workday(day)


def test_clearing_the_entry_gives_the_decision_back_to_the_package(people):
    day = date(2026, 10, 5)
    calendar_day_set(day=day, is_workday=True, by=people.admin)
    assert calendar_day_clear(day=day, by=people.admin)
    assert not is_workday(day)


def test_entries_move_a_deadline(people):
    friday = date(2026, 11, 20)
    assert add_working_days(at(friday), 2).date() == date(2026, 11, 24)
    calendar_day_set(day=date(2026, 11, 23), is_workday=False, name="区定休息日", by=people.admin)
    assert add_working_days(at(friday), 2).date() == date(2026, 11, 25)


def test_an_entered_year_is_known_and_its_entries_count(people):
    assert not year_known(UNKNOWN) and not district_year_entered(UNKNOWN)
    national_day = date(UNKNOWN, 10, 1)
    calendar_day_set(day=national_day, is_workday=False, name="国庆节", by=people.admin)
    assert not is_workday(national_day)
    assert not year_known(UNKNOWN)  # entries alone do not make the year known
    calendar_year_confirm(year=UNKNOWN, by=people.admin)
    assert year_known(UNKNOWN) and district_year_entered(UNKNOWN)


def test_after_an_edit_this_process_reads_the_new_calendar_at_once(people):
    day = date(2026, 12, 2)
    assert district_is_workday(day)  # cached now
    calendar_day_set(day=day, is_workday=False, by=people.admin)
    assert not district_is_workday(day)
    calendar_day_set(day=day, is_workday=True, by=people.admin, version=1)
    assert district_is_workday(day)


def test_another_process_sees_an_edit_once_its_cached_token_expires(people, django_assert_num_queries):
    """An edit made elsewhere changes only the database: this process keeps its cached
    calendar until the token is rechecked (every few seconds), then reads the new one."""
    day = date(2026, 12, 3)
    assert district_is_workday(day)
    # What another process's edit leaves behind: a new row and a new token, nothing in our cache.
    CalendarDay.objects.create(date=day, is_workday=False, name="elsewhere")
    CalendarRevision.objects.update_or_create(pk=overrides.REVISION_ROW, defaults={"token": "other-process"})
    assert district_is_workday(day), "still within the recheck interval: the cached calendar holds"
    cache.delete(overrides.REVISION_KEY)  # the recheck interval has passed
    assert not district_is_workday(day)


def test_the_token_is_cached_for_the_recheck_interval(settings, people, monkeypatch):
    settings.SHILIU_CALENDAR_RECHECK_SECONDS = 7
    seen = {}
    real_set = cache.set

    def spy(key, value, timeout=None, **kwargs):
        if key == overrides.REVISION_KEY:
            seen["timeout"] = timeout
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", spy)
    district_is_workday(date(2026, 12, 4))
    assert seen["timeout"] == 7


def test_a_deadline_reads_the_database_once_then_not_at_all(people, django_assert_num_queries,
                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_set(day=date(2026, 11, 23), is_workday=False, by=people.admin)
    cache.clear()
    friday = date(2026, 11, 20)
    with django_assert_num_queries(2):  # the token, then the entries of 2026
        add_working_days(at(friday), 10)
    with django_assert_num_queries(0):
        add_working_days(at(friday), 10)
        add_working_days(at(friday), 3)


def test_a_rolled_back_edit_leaves_nothing_behind_in_the_cache(people):
    """The caller's transaction fails after the edit was read: the uncommitted calendar must
    not outlive it, here or in any process sharing the cache."""
    day = date(2026, 12, 7)
    with pytest.raises(RuntimeError), transaction.atomic():
        calendar_day_set(day=day, is_workday=False, by=people.admin)
        assert not district_is_workday(day)  # this transaction sees its own edit
        raise RuntimeError("the caller's transaction fails")
    assert cache.get(overrides.REVISION_KEY) is None
    assert district_is_workday(day)
    assert not CalendarDay.objects.filter(date=day).exists()


def test_a_failed_service_call_drops_the_cached_token(people):
    district_is_workday(date(2026, 12, 8))
    assert cache.get(overrides.REVISION_KEY) is not None
    with pytest.raises(ValidationError):
        calendar_day_set(day=date(2026, 12, 8), is_workday=False, name="x" * 41, by=people.admin)
    assert cache.get(overrides.REVISION_KEY) is None


def test_an_unknown_years_weekday_entry_shows_through_a_deadline(people):
    friday = first_weekday(UNKNOWN, 10, 4)
    monday = date.fromordinal(friday.toordinal() + 3)
    calendar_day_set(day=monday, is_workday=False, name="国庆节", by=people.admin)
    assert add_working_days(at(friday), 1).date() == date.fromordinal(monday.toordinal() + 1)
