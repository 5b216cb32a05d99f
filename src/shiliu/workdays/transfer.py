"""A year of the calendar as an xlsx file: export, and an all-or-nothing import.

The file has one row per named day: date, working day (yes / no), name. The export gives
the year as it stands (the district's entries, else the State Council's named days), so it
is the natural starting file. The import checks every row first and reports each problem
with its row and column; only a file without a single error is applied: the year's district
entries become exactly its rows, and the year is marked as entered unless told otherwise.
"""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shiliu.audit.services import audit_write
from shiliu.core.imports import ImportRejected, RowError, cell_text, read_import
from shiliu.core.xlsx import write_workbook
from shiliu.workdays.choices import NAME_MAX
from shiliu.workdays.selectors import package_day, package_day_name_zh, year_days
from shiliu.workdays.services import calendar_write, check_year, replace_year, require_editor

COLUMNS = [
    ("date", gettext_lazy("date")),
    ("workday", gettext_lazy("working day")),
    ("name", gettext_lazy("name")),
]
REQUIRED = ("date", "workday")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日")
_TRUE = {"1", "true", "yes", "y", "是", "上班", "工作日", "work", "working day"}
_FALSE = {"0", "false", "no", "n", "否", "休息", "休息日", "放假", "rest", "day of rest", "holiday"}


def column_label(key: str) -> str:
    return str(dict(COLUMNS).get(key, key))


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def export_year(*, year: int, by) -> bytes:
    """Every named day of ``year`` and every district entry, as xlsx. Audited."""
    require_editor(by)
    check_year(year)
    rows = []
    for day in year_days(year):
        if day.entry is not None:
            name = day.entry.name
        elif (named := package_day(day.date)) is not None:
            name = package_day_name_zh(named)  # the name a district entry would carry: the file is data
        else:
            continue
        rows.append((day.date, _yes_no(day.is_workday), name))
    data = write_workbook([column_label(key) for key, _label in COLUMNS], rows, title=str(year))
    audit_write(by=by, action="workdays.export", detail={"year": year, "count": len(rows)})
    return data


def _header_names() -> dict[str, str]:
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for key, label in COLUMNS:
                names[str(label).strip().lower()] = key
    for key, _label in COLUMNS:
        names[key] = key
    return names




def _date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else None
    if isinstance(value, date):
        return value
    text = cell_text(value)
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()  # noqa: DTZ007 - a calendar date, no time of day
        except ValueError:
            continue
    return None


def _workday(value) -> bool | None:
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    words_true, words_false = set(_TRUE), set(_FALSE)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            words_true.add(_("yes").lower())
            words_false.add(_("no").lower())
    if text in words_true:
        return True
    if text in words_false:
        return False
    return None




def read_rows(file, year: int) -> tuple[list[tuple[date, bool, str]], list[RowError]]:
    """The file's days as (date, is_workday, name), with every error found."""
    table, errors = read_import(file)
    if errors:
        return [], errors
    names = _header_names()
    columns: dict[int, str] = {}
    for index, cell in enumerate(table[0]):
        text = cell_text(cell)
        if not text:
            continue
        key = names.get(text.lower())
        if key is None:
            errors.append(RowError(1, text, _("This column is not known.")))
        elif key in columns.values():
            errors.append(RowError(1, key, _("This column appears twice.")))
        else:
            columns[index] = key
    for key in REQUIRED:
        if key not in columns.values():
            errors.append(RowError(1, key, _("This column is missing.")))
    if errors:
        return [], errors

    rows: list[tuple[date, bool, str]] = []
    seen: dict[date, int] = {}
    for number, cells in enumerate(table[1:], start=2):
        raw = {key: cells[index] if index < len(cells) else None for index, key in columns.items()}
        if all(cell_text(v) == "" for v in raw.values()):
            continue
        day = _date(raw["date"])
        if not cell_text(raw["date"]):
            errors.append(RowError(number, "date", _("This cell is required.")))
        elif day is None:
            errors.append(RowError(number, "date", _("Write the date like %(example)s.")
                                   % {"example": f"{year}-10-01"}))
        elif day.year != year:
            errors.append(RowError(number, "date", _("This day is not in %(year)s.") % {"year": year}))
        elif day in seen:
            errors.append(RowError(number, "date", _("This day is also in row %(row)s.") % {"row": seen[day]}))
        else:
            seen[day] = number
        workday = _workday(raw["workday"])
        if not cell_text(raw["workday"]) and not isinstance(raw["workday"], bool):
            errors.append(RowError(number, "workday", _("This cell is required.")))
        elif workday is None:
            errors.append(RowError(number, "workday", _("Write yes for a working day, no for a day of rest.")))
        name = cell_text(raw.get("name"))
        if len(name) > NAME_MAX:
            errors.append(RowError(number, "name", _("At most %(n)s characters.") % {"n": NAME_MAX}))
        if day is not None and workday is not None:
            rows.append((day, workday, name))
    if not rows and not errors:
        errors.append(RowError(0, "", _("The file lists no day.")))
    return rows, errors


@calendar_write
def import_year(*, file, year: int, by, confirm: bool = True) -> dict[str, int]:
    """Replace the district's entries of ``year`` with the file's days, all or nothing.

    Raises ImportRejected with every error and changes nothing when any row is wrong.
    Otherwise writes each change through the same code as a page edit (each audited), marks
    the year as entered when ``confirm``, and adds one ``workdays.import`` record. Returns
    the counts: created, updated, unchanged, removed.
    """
    require_editor(by)
    try:
        check_year(year)
    except ValidationError as exc:
        raise ImportRejected([RowError(0, "", m) for m in exc.messages]) from None
    rows, errors = read_rows(file, year)
    if errors:
        raise ImportRejected(errors)
    counts = replace_year(year=year, rows=rows, by=by, confirm=confirm)
    audit_write(by=by, action="workdays.import", detail={"year": year, "rows": len(rows), "confirm": confirm,
                                                         **counts})
    return counts
