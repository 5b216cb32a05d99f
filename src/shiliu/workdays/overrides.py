"""The district's entries over the State Council's calendar, cached for deadline arithmetic.

shiliu.workdays.calendar asks ``district_is_workday(day)`` and ``district_year_entered(year)``;
a deadline computation asks ``district_rule()`` once and then calls the rule for every day.

Caching. The district's entries for a year, and the set of entered years, are kept in
Django's cache under the calendar's current *revision token*. The token lives in the
database (``CalendarRevision``, changed by every write in shiliu.workdays.services) and is
itself cached for ``SHILIU_CALENDAR_RECHECK_SECONDS`` (default 5). So:

- with the default per-process cache (local memory), each web worker and task worker reads
  the token from the database at most once every few seconds and agrees with the others
  within that time; a cache-key bump alone would never reach the other processes;
- with a shared cache (Redis), a write drops the cached token at once for everybody;
- a computation costs one cache read for the token and one per year it touches, and a
  database query only when the token expired or a year is not cached yet.
"""

import threading
import uuid
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from shiliu.workdays.calendar import DayRule, state_council_workday
from shiliu.workdays.models import CalendarDay, CalendarRevision, CalendarYear

REVISION_KEY = "workdays:revision"
REVISION_ROW = 1
DATA_TIMEOUT = 24 * 3600  # entries of a token no longer current simply expire
NO_REVISION = "none"  # before the first change ever

# The token this thread's open transaction has written and not yet committed. It is never
# put in the shared cache: should the transaction be rolled back, no reader may keep it.
_local = threading.local()


@dataclass(frozen=True)
class Entry:
    is_workday: bool
    name: str
    version: int


def recheck_seconds() -> int:
    return int(getattr(settings, "SHILIU_CALENDAR_RECHECK_SECONDS", 5))


def current_revision() -> str:
    """The calendar's revision token, read from the database at most every few seconds."""
    token = cache.get(REVISION_KEY)
    if token is None:
        token = CalendarRevision.objects.filter(pk=REVISION_ROW).values_list("token", flat=True).first()
        token = token or NO_REVISION
        if not (connection.in_atomic_block and token == getattr(_local, "pending", None)):
            cache.set(REVISION_KEY, token, timeout=recheck_seconds())
    return token


class Snapshot:
    """The district's entries as of one revision: take one per computation, not per day."""

    def __init__(self, token: str | None = None):
        self.token = token or current_revision()
        self._years: dict[int, dict[date, Entry]] = {}
        self._entered: frozenset[int] | None = None

    def entries(self, year: int) -> dict[date, Entry]:
        found = self._years.get(year)
        if found is None:
            key = f"workdays:{self.token}:year:{year}"
            found = cache.get(key)
            if found is None:
                rows = CalendarDay.objects.filter(date__gte=date(year, 1, 1), date__lte=date(year, 12, 31))
                found = {d: Entry(w, n, v) for d, w, n, v in rows.values_list("date", "is_workday", "name", "version")}
                cache.set(key, found, timeout=DATA_TIMEOUT)
            self._years[year] = found
        return found

    def entry(self, day: date) -> Entry | None:
        return self.entries(day.year).get(day)

    def is_workday(self, day: date) -> bool:
        entry = self.entries(day.year).get(day)
        return entry.is_workday if entry is not None else state_council_workday(day)

    def entered_years(self) -> frozenset[int]:
        if self._entered is None:
            key = f"workdays:{self.token}:entered"
            found = cache.get(key)
            if found is None:
                found = frozenset(CalendarYear.objects.values_list("year", flat=True))
                cache.set(key, found, timeout=DATA_TIMEOUT)
            self._entered = found
        return self._entered

    def year_entered(self, year: int) -> bool:
        return year in self.entered_years()


def district_is_workday(day: date) -> bool:
    """The district's entry for ``day`` if it has one, else the State Council's calendar
    (else Monday to Friday for a year the State Council has not published)."""
    return Snapshot().is_workday(day)


def district_year_entered(year: int) -> bool:
    """Has the district office entered (confirmed) this whole year?"""
    return Snapshot().year_entered(year)


def district_rule() -> DayRule:
    """``district_is_workday`` bound to one snapshot: for a loop over many days."""
    return Snapshot().is_workday


def forget() -> None:
    """Drop the cached token so that the next reader goes to the database."""
    cache.delete(REVISION_KEY)


def lock_calendar() -> None:
    """Serialise calendar writes (held to the end of the caller's transaction)."""
    if CalendarRevision.objects.select_for_update().filter(pk=REVISION_ROW).first() is None:
        CalendarRevision.objects.get_or_create(pk=REVISION_ROW, defaults={"token": uuid.uuid4().hex})


def revision_bump() -> None:
    """Call inside a write's transaction: a new token, read by this transaction at once and
    by every process within ``recheck_seconds()`` of the commit."""
    token = uuid.uuid4().hex
    if not CalendarRevision.objects.filter(pk=REVISION_ROW).update(token=token, changed_at=timezone.now()):
        CalendarRevision.objects.create(pk=REVISION_ROW, token=token)
    _local.pending = token
    forget()
    transaction.on_commit(_committed)


def _committed() -> None:
    _local.pending = None
    forget()
