"""Small xlsx helpers shared by every export and import (SECURITY.md F5, B6).

A text cell that begins with = + - @ tab or CR is read by spreadsheet programs as a
formula (CSV/formula injection). ``safe_cell`` prefixes such text with an apostrophe;
``restore_cell`` undoes exactly that on import, so an exported file reads back to
the same values. Numbers, booleans and dates are left alone: they are never formulas.
"""

import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PREFIX = "'"

Cell = str | int | float | Decimal | bool | date | datetime | None


class NotAWorkbook(ValueError):
    """The bytes are not a readable xlsx file."""


def _needs_prefix(text: str) -> bool:
    # Text already starting with apostrophes before a formula character gets one more,
    # so that restore_cell (which strips exactly one) gives the original back.
    return text.lstrip(_PREFIX).startswith(FORMULA_STARTS)


def safe_cell(value: Cell) -> Cell:
    """The value as it may be written to a spreadsheet without being run as a formula."""
    if value is None or isinstance(value, bool | int | float | Decimal | date | datetime):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return _PREFIX + text if _needs_prefix(text) else text


def restore_cell(value: Cell) -> Cell:
    """The inverse of ``safe_cell`` for a value read back from a file."""
    if isinstance(value, str) and value.startswith(_PREFIX) and _needs_prefix(value[1:]):
        return value[1:]
    return value


def write_workbook(headers: Sequence[str], rows: Iterable[Sequence[Cell]], *, title: str = "Sheet1") -> bytes:
    """One sheet: a header row, then the rows, every cell passed through ``safe_cell``."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([safe_cell(h) for h in headers])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_workbook(data: bytes) -> list[tuple[Cell, ...]]:
    """The rows of the first sheet, values restored with ``restore_cell``.

    Raises NotAWorkbook for anything that is not an xlsx file (checked by content,
    not by name). Formulas are read as their text, never evaluated.
    """
    if not data.startswith(b"PK\x03\x04"):
        raise NotAWorkbook("not a zip container")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            if not workbook.worksheets:
                raise NotAWorkbook("no sheet")
            sheet = workbook.worksheets[0]
            return [tuple(restore_cell(v) for v in row) for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except NotAWorkbook:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged zip or sheet fails in many ways, all mean "not an xlsx"
        raise NotAWorkbook(type(exc).__name__) from None
