"""Reads of the working-day calendar: each day, what it is and what decided it.

The calendar holds no personal data and is the same for every place, so these reads are
not scoped; the pages and operations that call them carry the access rule.
"""

import calendar as pycalendar
from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shiliu.workdays.calendar import published_years
from shiliu.workdays.choices import DaySource
from shiliu.workdays.models import CalendarYear
from shiliu.workdays.overrides import Entry, Snapshot

# The package names its holidays in English; these are the names a civil servant reads.
HOLIDAY_NAMES = {
    "New Year's Day": gettext_lazy("New Year's Day"),
    "Spring Festival": gettext_lazy("Spring Festival"),
    "Tomb-sweeping Day": gettext_lazy("Tomb-sweeping Day"),
    "Labour Day": gettext_lazy("Labour Day"),
    "Dragon Boat Festival": gettext_lazy("Dragon Boat Festival"),
    "Mid-autumn Festival": gettext_lazy("Mid-autumn Festival"),
    "National Day": gettext_lazy("National Day"),
    "Anti-Fascist 70th Day": gettext_lazy("Victory Day (70th anniversary)"),
}
# The same names as the district office writes them into its own entries (data, always Chinese).
HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节", "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


@dataclass(frozen=True)
class PackageDay:
    """A day the State Council's calendar names: a holiday, or an adjusted working day (调休)."""

    is_workday: bool
    holiday: str  # the package's English name of the holiday it belongs to


@dataclass(frozen=True)
class DayView:
    date: date
    is_workday: bool
    name: str
    source: str
    entry: Entry | None

    @property
    def version(self) -> int:
        """The entry's version, 0 when the district has no entry: what an edit must send."""
        return self.entry.version if self.entry else 0

    @property
    def is_weekend(self) -> bool:
        return self.date.weekday() >= 5

    @property
    def source_label(self) -> str:
        return str(DaySource(self.source).label)


@dataclass(frozen=True)
class YearStatus:
    year: int
    published: bool
    entered: CalendarYear | None

    @property
    def known(self) -> bool:
        return self.published or self.entered is not None


def package_day(day: date) -> PackageDay | None:
    """The State Council's own word on ``day``, if its calendar names it."""
    if day.year not in published_years():
        return None
    for is_workday, days in ((False, chinese_calendar.constants.holidays),
                             (True, chinese_calendar.constants.workdays)):
        if day in days:
            holiday = days[day]
            return PackageDay(is_workday, str(getattr(holiday, "value", holiday)))
    return None


def package_day_label(found: PackageDay) -> str:
    name = str(HOLIDAY_NAMES.get(found.holiday, found.holiday))
    if found.is_workday:
        return _("Adjusted working day (%(holiday)s)") % {"holiday": name}
    return name


def package_day_name_zh(found: PackageDay) -> str:
    """The name a district entry copied from the package carries (stored data, in Chinese)."""
    name = HOLIDAY_NAMES_ZH.get(found.holiday, found.holiday)
    return f"调休上班（{name}）" if found.is_workday else name


def package_days(year: int) -> dict[date, PackageDay]:
    """Every day of ``year`` the State Council's calendar names (empty for an unpublished year)."""
    found = {}
    day = date(year, 1, 1)
    while day.year == year:
        named = package_day(day)
        if named is not None:
            found[day] = named
        day += timedelta(days=1)
    return found


def day_view(day: date, snapshot: Snapshot | None = None) -> DayView:
    """What ``day`` is, its name and what decided it: the district's entry, else the State
    Council's calendar where it names the day, else the weekday rule."""
    snapshot = snapshot or Snapshot()
    entry = snapshot.entry(day)
    if entry is not None:
        return DayView(day, entry.is_workday, entry.name, DaySource.DISTRICT, entry)
    named = package_day(day)
    if named is not None:
        return DayView(day, named.is_workday, package_day_label(named), DaySource.STATE_COUNCIL, None)
    # A published year's ordinary day, or any day of an unknown year: Monday to Friday.
    return DayView(day, day.weekday() < 5, "", DaySource.WEEKDAY, None)


def year_days(year: int) -> list[DayView]:
    """Every day of ``year``, in order; one snapshot, so one cached read of the entries."""
    snapshot = Snapshot()
    first = date(year, 1, 1)
    return [day_view(first + timedelta(days=n), snapshot) for n in range(366 if pycalendar.isleap(year) else 365)]


def year_months(year: int) -> list[dict]:
    """The year as month grids: for each month its weeks (Monday first), None outside it."""
    by_date = {d.date: d for d in year_days(year)}
    months = []
    for month in range(1, 13):
        weeks = [[by_date[day] if day.month == month else None for day in week]
                 for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)]
        named = [d for week in weeks for d in week if d is not None and d.name]
        months.append({"number": month, "first": date(year, month, 1), "weeks": weeks, "named": _runs(named)})
    return months


def _runs(named: list[DayView]) -> list[dict]:
    """Consecutive days alike in name, state and source, as one line (春节 02-15 – 02-23)."""
    runs: list[dict] = []
    for view in named:
        last = runs[-1] if runs else None
        if (last and (last["last"].date - view.date).days == -1 and last["last"].name == view.name
                and last["last"].is_workday == view.is_workday and last["last"].source == view.source):
            last["last"] = view
        else:
            runs.append({"first": view, "last": view})
    return runs


def year_status(year: int) -> YearStatus:
    entered = CalendarYear.objects.select_related("entered_by").filter(year=year).first()
    return YearStatus(year=year, published=year in published_years(), entered=entered)
