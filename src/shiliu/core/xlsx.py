"""Small xlsx helpers shared by every export and import (SECURITY.md F5, B6).

A text cell that begins with = + - @ tab or CR is read by spreadsheet programs as a
formula (CSV/formula injection). ``safe_cell`` prefixes such text with an apostrophe;
``restore_cell`` undoes exactly that on import, so an exported file reads back to
the same values. Numbers, booleans and dates are left alone: they are never formulas.
"""

import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PREFIX = "'"

Cell = str | int | float | Decimal | bool | date | datetime | None

# What every xlsx download is served as.
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class NotAWorkbook(ValueError):
    """The bytes are not a readable xlsx file."""


class WorkbookTooLarge(ValueError):
    """The workbook unpacks to more bytes, or holds more rows, than an import accepts."""


# An xlsx is a zip: a small upload can unpack to gigabytes (a "zip bomb"). These bound
# what one import may cost in memory, whatever its size on the wire.
MAX_UNPACKED_BYTES = 100_000_000
MAX_ROWS = 20_000


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
    return write_sheets([(title, headers, rows)])


def write_sheets(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Cell]]]]) -> bytes:
    """Several sheets of (title, headers, rows), every cell passed through ``safe_cell``."""
    workbook = Workbook(write_only=True)
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=str(title)[:31])
        sheet.append([safe_cell(h) for h in headers])
        for row in rows:
            sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def read_workbook(data: bytes, *, max_rows: int = MAX_ROWS) -> list[tuple[Cell, ...]]:
    """The rows of the first sheet, values restored with ``restore_cell``.

    Raises NotAWorkbook for anything that is not an xlsx file (checked by content,
    not by name), and WorkbookTooLarge past MAX_UNPACKED_BYTES unpacked or ``max_rows``
    rows (counted while reading, so a huge sheet is never held whole). Formulas are read
    as their text, never evaluated.
    """
    if not data.startswith(b"PK\x03\x04"):
        raise NotAWorkbook("not a zip container")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise NotAWorkbook("damaged zip") from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookTooLarge("unpacked size")
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            if not workbook.worksheets:
                raise NotAWorkbook("no sheet")
            rows: list[tuple[Cell, ...]] = []
            for row in workbook.worksheets[0].iter_rows(values_only=True):
                if len(rows) >= max_rows:
                    raise WorkbookTooLarge("rows")
                rows.append(tuple(restore_cell(v) for v in row))
            return rows
        finally:
            workbook.close()
    except (NotAWorkbook, WorkbookTooLarge):
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged zip or sheet fails in many ways, all mean "not an xlsx"
        raise NotAWorkbook(type(exc).__name__) from None
