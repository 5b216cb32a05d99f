"""Writes to the calendar: only the district office, every field checked at once, stale
versions refused, everything audited."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from workdays_helpers import UNKNOWN

from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion
from shiliu.workdays.models import CalendarDay, CalendarYear
from shiliu.workdays.services import (
    calendar_day_clear,
    calendar_day_set,
    calendar_year_confirm,
    calendar_year_withdraw,
)


def test_setting_a_day_creates_an_entry_and_audits_it(people):
    entry = calendar_day_set(day=date(2026, 12, 31), is_workday=False, name=" 跨年休息 ", by=people.admin,
                             version=0)
    assert (entry.is_workday, entry.name, entry.version, entry.created_by) == (False, "跨年休息", 1, people.admin)
    record = AuditEvent.objects.get(action="workdays.day.set")
    assert record.actor == people.admin
    assert record.detail == {"date": "2026-12-31", "is_workday": False, "name": "跨年休息", "created": True}


def test_changing_a_day_bumps_its_version_and_records_what_it_was(people):
    calendar_day_set(day=date(2026, 12, 31), is_workday=False, name="跨年休息", by=people.admin)
    entry = calendar_day_set(day=date(2026, 12, 31), is_workday=True, name="", by=people.admin, version=1)
    assert entry.version == 2 and entry.is_workday
    record = AuditEvent.objects.filter(action="workdays.day.set").order_by("-id").first()
    assert record.detail["before"] == {"is_workday": False, "name": "跨年休息"}


def test_setting_the_same_values_again_changes_and_audits_nothing(people):
    calendar_day_set(day=date(2026, 12, 31), is_workday=False, by=people.admin)
    entry = calendar_day_set(day=date(2026, 12, 31), is_workday=False, by=people.admin)
    assert entry.version == 1
    assert AuditEvent.objects.filter(action="workdays.day.set").count() == 1


def test_a_stale_version_is_refused_and_nothing_changes(people):
    calendar_day_set(day=date(2026, 12, 31), is_workday=False, by=people.admin)
    calendar_day_set(day=date(2026, 12, 31), is_workday=True, by=people.admin, version=1)  # someone else
    with pytest.raises(StaleVersion):
        calendar_day_set(day=date(2026, 12, 31), is_workday=False, name="mine", by=people.admin, version=1)
    with pytest.raises(StaleVersion):  # "no entry yet" when there is one
        calendar_day_set(day=date(2026, 12, 31), is_workday=False, by=people.admin, version=0)
    with pytest.raises(StaleVersion):
        calendar_day_clear(day=date(2026, 12, 31), by=people.admin, version=1)
    assert CalendarDay.objects.get(date=date(2026, 12, 31)).is_workday


def test_every_bad_field_is_reported_at_once(people):
    with pytest.raises(ValidationError) as caught:
        calendar_day_set(day=date(1999, 12, 31), is_workday="yes", name="x" * 41, by=people.admin)
    assert set(caught.value.message_dict) == {"date", "is_workday", "name"}
    with pytest.raises(ValidationError) as caught:
        calendar_day_set(day=date(2101, 1, 1), is_workday=True, by=people.admin)
    assert set(caught.value.message_dict) == {"date"}
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize("persona", ["officer", "worker", "operator", "liaison", "auditor", "nobody"])
def test_only_the_district_office_writes_the_calendar(people, persona):
    user = getattr(people, persona)
    with pytest.raises(PermissionDenied):
        calendar_day_set(day=date(2026, 12, 31), is_workday=False, by=user)
    with pytest.raises(PermissionDenied):
        calendar_day_clear(day=date(2026, 12, 31), by=user)
    with pytest.raises(PermissionDenied):
        calendar_year_confirm(year=UNKNOWN, by=user)
    with pytest.raises(PermissionDenied):
        calendar_year_withdraw(year=UNKNOWN, by=user)
    assert not CalendarDay.objects.exists() and not CalendarYear.objects.exists()


def test_clearing_a_day_without_entry_says_so(people):
    assert calendar_day_clear(day=date(2026, 12, 31), by=people.admin) is False
    calendar_day_set(day=date(2026, 12, 31), is_workday=False, by=people.admin)
    assert calendar_day_clear(day=date(2026, 12, 31), by=people.admin, version=1) is True
    assert not CalendarDay.objects.exists()
    assert AuditEvent.objects.filter(action="workdays.day.clear").count() == 1


def test_confirming_a_year_marks_it_and_can_be_withdrawn(people):
    entered = calendar_year_confirm(year=UNKNOWN, by=people.admin, note="国办发明电〔2026〕1号")
    assert (entered.year, entered.entered_by, entered.note) == (UNKNOWN, people.admin, "国办发明电〔2026〕1号")
    assert AuditEvent.objects.get(action="workdays.year.confirm").detail["copied"] == 0
    again = calendar_year_confirm(year=UNKNOWN, by=people.admin, note="checked")
    assert again.pk == entered.pk and again.note == "checked"
    assert calendar_year_withdraw(year=UNKNOWN, by=people.admin) is True
    assert calendar_year_withdraw(year=UNKNOWN, by=people.admin) is False
    assert not CalendarYear.objects.exists()
    assert AuditEvent.objects.filter(action="workdays.year.withdraw").count() == 1


def test_confirming_a_published_year_can_copy_its_days_into_editable_entries(people):
    calendar_day_set(day=date(2026, 10, 8), is_workday=False, name="区定休息日", by=people.admin)
    calendar_day_set(day=date(2026, 10, 1), is_workday=True, name="值班", by=people.admin)
    calendar_year_confirm(year=2026, by=people.admin, copy_package=True)
    national_day = CalendarDay.objects.get(date=date(2026, 10, 2))
    assert (national_day.is_workday, national_day.name) == (False, "国庆节")
    saturday = CalendarDay.objects.get(date=date(2026, 10, 10))
    assert (saturday.is_workday, saturday.name) == (True, "调休上班（国庆节）")
    assert CalendarDay.objects.get(date=date(2026, 10, 1)).name == "值班"  # an existing entry is kept
    spring = CalendarDay.objects.filter(date__range=(date(2026, 2, 15), date(2026, 2, 23)))
    assert {d.name for d in spring} == {"春节"}
    copied = AuditEvent.objects.get(action="workdays.year.confirm").detail["copied"]
    assert copied == CalendarDay.objects.count() - 2


def test_copying_an_unpublished_year_is_refused(people):
    with pytest.raises(ValidationError) as caught:
        calendar_year_confirm(year=UNKNOWN, by=people.admin, copy_package=True)
    assert set(caught.value.message_dict) == {"copy_package"}
    assert not CalendarYear.objects.exists()


def test_a_year_out_of_range_and_a_long_note_are_refused_together(people):
    with pytest.raises(ValidationError) as caught:
        calendar_year_confirm(year=1999, by=people.admin, note="x" * 201)
    assert set(caught.value.message_dict) == {"year", "note"}
    with pytest.raises(ValidationError):
        calendar_year_withdraw(year=2101, by=people.admin)
