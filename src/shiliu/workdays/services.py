"""Every write to the working-day calendar goes through these functions.

Only a holder of ``calendar.edit`` (the district office) writes. Each write is atomic,
audited, serialised by a lock on the calendar's revision row, and changes the revision
token, so every process sees the change within seconds (shiliu.workdays.overrides).
"""

import functools
from collections.abc import Callable
from datetime import date
from typing import ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import holds
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.workdays.calendar import published_years
from shiliu.workdays.choices import MAX_YEAR, MIN_YEAR, NAME_MAX
from shiliu.workdays.models import CalendarDay, CalendarYear
from shiliu.workdays.overrides import forget, lock_calendar, revision_bump
from shiliu.workdays.selectors import package_day_name_zh, package_days

P = ParamSpec("P")
R = TypeVar("R")
NOTE_MAX = 200


def calendar_write(func: Callable[P, R]) -> Callable[P, R]:
    """Atomic; and should the transaction fail, no process keeps a token that was never
    committed (the next reader asks the database again)."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with transaction.atomic():
                return func(*args, **kwargs)
        except BaseException:
            forget()
            raise

    return wrapper


def require_editor(by) -> None:
    if not holds(by, Cap.CALENDAR_EDIT):
        raise PermissionDenied()


def year_error(year) -> str | None:
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        return _("Choose a year from %(first)s to %(last)s.") % {"first": MIN_YEAR, "last": MAX_YEAR}
    return None


def check_year(year) -> None:
    message = year_error(year)
    if message:
        raise ValidationError({"year": [message]})


def day_errors(*, day, is_workday, name) -> dict[str, list[str]]:
    """Every problem with a day's values, by field."""
    errors: dict[str, list[str]] = {}
    if not isinstance(day, date) or year_error(day.year):
        errors["date"] = [_("Choose a day from %(first)s to %(last)s.") % {"first": MIN_YEAR, "last": MAX_YEAR}]
    if not isinstance(is_workday, bool):
        errors["is_workday"] = [_("Choose working day or day of rest.")]
    if not isinstance(name, str) or len(name.strip()) > NAME_MAX:
        errors["name"] = [_("At most %(n)s characters.") % {"n": NAME_MAX}]
    return errors


def _put(*, day: date, is_workday: bool, name: str, by, version: int | None) -> tuple[CalendarDay, str]:
    """Create or change the entry; returns it and "created", "updated" or "unchanged"."""
    current = CalendarDay.objects.select_for_update().filter(date=day).first()
    if version is not None and version != (current.version if current else 0):
        raise StaleVersion()
    if current is None:
        entry = CalendarDay.objects.create(date=day, is_workday=is_workday, name=name, created_by=by)
        audit_write(by=by, action="workdays.day.set", target=entry,
                    detail={"date": day.isoformat(), "is_workday": is_workday, "name": name, "created": True})
        return entry, "created"
    if current.is_workday == is_workday and current.name == name:
        return current, "unchanged"
    before = {"is_workday": current.is_workday, "name": current.name}
    changed = CalendarDay.objects.filter(pk=current.pk, version=current.version).update(
        is_workday=is_workday, name=name, updated_at=timezone.now(), version=F("version") + 1)
    if not changed:
        raise StaleVersion()
    current.refresh_from_db()
    audit_write(by=by, action="workdays.day.set", target=current,
                detail={"date": day.isoformat(), "is_workday": is_workday, "name": name, "before": before})
    return current, "updated"


def _remove(*, entry: CalendarDay, by) -> None:
    audit_write(by=by, action="workdays.day.clear", target=entry,
                detail={"date": entry.date.isoformat(), "is_workday": entry.is_workday, "name": entry.name})
    entry.delete()


@calendar_write
def calendar_day_set(*, day: date, is_workday: bool, name: str = "", by, version: int | None = None) -> CalendarDay:
    """Make ``day`` a working day or a day of rest for the district, whatever the State
    Council's calendar says, with a name (国庆节, 调休上班, ...).

    ``version`` is the entry's version the caller saw, 0 for "no entry yet"; a different
    current version raises StaleVersion (None skips the check). Emits ``workdays.day.set``
    unless nothing changed.
    """
    require_editor(by)
    errors = day_errors(day=day, is_workday=is_workday, name=name)
    if errors:
        raise ValidationError(errors)
    lock_calendar()
    entry, outcome = _put(day=day, is_workday=is_workday, name=name.strip(), by=by, version=version)
    if outcome != "unchanged":
        revision_bump()
    return entry


@calendar_write
def calendar_day_clear(*, day: date, by, version: int | None = None) -> bool:
    """Remove the district's entry for ``day``: the State Council's calendar (or the weekday
    rule) decides again. False when there was no entry. Emits ``workdays.day.clear``."""
    require_editor(by)
    errors = day_errors(day=day, is_workday=True, name="")
    if errors:
        raise ValidationError(errors)
    lock_calendar()
    entry = CalendarDay.objects.select_for_update().filter(date=day).first()
    if version is not None and version != (entry.version if entry else 0):
        raise StaleVersion()
    if entry is None:
        return False
    _remove(entry=entry, by=by)
    revision_bump()
    return True


@calendar_write
def calendar_year_confirm(*, year: int, by, note: str = "", copy_package: bool = False) -> CalendarYear:
    """Mark ``year`` as entered by the district office: deadlines may rely on it and no
    notice asks for it any more. With ``copy_package``, the State Council's holidays and
    adjusted working days of a published year become district entries (days that already
    have an entry keep it), so that they can be edited. Emits ``workdays.year.confirm``.
    """
    require_editor(by)
    errors: dict[str, list[str]] = {}
    if year_error(year):
        errors["year"] = [year_error(year) or ""]
    if not isinstance(note, str) or len(note.strip()) > NOTE_MAX:
        errors["note"] = [_("At most %(n)s characters.") % {"n": NOTE_MAX}]
    if copy_package and not errors and year not in published_years():
        errors["copy_package"] = [_("The State Council's calendar for %(year)s is not published yet: "
                                    "there is nothing to copy.") % {"year": year}]
    if errors:
        raise ValidationError(errors)
    lock_calendar()
    copied = 0
    if copy_package:
        have = set(CalendarDay.objects.filter(date__year=year).values_list("date", flat=True))
        new = [CalendarDay(date=day, is_workday=found.is_workday, name=package_day_name_zh(found), created_by=by)
               for day, found in package_days(year).items() if day not in have]
        CalendarDay.objects.bulk_create(new)
        copied = len(new)
    entered, created = CalendarYear.objects.update_or_create(
        year=year, defaults={"entered_by": by, "entered_at": timezone.now(), "note": note.strip()})
    audit_write(by=by, action="workdays.year.confirm", target=entered,
                detail={"year": year, "copied": copied, "again": not created})
    revision_bump()
    return entered


@calendar_write
def calendar_year_withdraw(*, year: int, by) -> bool:
    """Undo a confirmation: the year counts as unknown again (its entries stay). False when
    it was not confirmed. Emits ``workdays.year.withdraw``."""
    require_editor(by)
    check_year(year)
    lock_calendar()
    entered = CalendarYear.objects.filter(year=year).first()
    if entered is None:
        return False
    audit_write(by=by, action="workdays.year.withdraw", target=entered, detail={"year": year})
    entered.delete()
    revision_bump()
    return True


def replace_year(*, year: int, rows: list[tuple[date, bool, str]], by, confirm: bool) -> dict[str, int]:
    """The import's write: the year's entries become exactly ``rows``. Call inside
    ``calendar_write`` after checking every row (shiliu.workdays.transfer)."""
    lock_calendar()
    counts = {"created": 0, "updated": 0, "unchanged": 0, "removed": 0}
    wanted = {day for day, _workday, _name in rows}
    for entry in CalendarDay.objects.filter(date__year=year).exclude(date__in=wanted).order_by("date"):
        _remove(entry=entry, by=by)
        counts["removed"] += 1
    for day, is_workday, name in rows:
        _entry, outcome = _put(day=day, is_workday=is_workday, name=name, by=by, version=None)
        counts[outcome] += 1
    if confirm:
        CalendarYear.objects.update_or_create(
            year=year, defaults={"entered_by": by, "entered_at": timezone.now(), "note": _("Imported from a file")})
    revision_bump()
    return counts
