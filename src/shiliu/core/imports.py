"""What every all-or-nothing xlsx import shares: reading the upload within the size limit,
the file-level refusals, errors by row and column, and the reading of text and yes/no cells."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from shiliu.core.xlsx import MAX_ROWS, Cell, NotAWorkbook, WorkbookTooLarge, read_workbook


@dataclass(frozen=True)
class RowError:
    row: int  # 1-based spreadsheet row; 0 for the file as a whole
    column: str  # column key ("code", "kind", ...); "" for the file or the row as a whole
    message: str


class ImportRejected(Exception):
    """The file has errors; nothing was changed."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def _load(file) -> bytes | None:
    """The file's bytes, or None when it is over the size limit (read no further than that)."""
    limit = settings.SHILIU_MAX_IMPORT_BYTES
    if isinstance(file, bytes | bytearray):
        data = bytes(file)
    else:
        if getattr(file, "size", 0) and file.size > limit:
            return None
        data = file.read(limit + 1)
    return None if len(data) > limit else data


def read_import(file) -> tuple[list[tuple[Cell, ...]], list[RowError]]:
    """The uploaded workbook's rows (header first), or the one error that refuses the whole file:
    too large, not an xlsx workbook, too many rows, or empty."""
    data = _load(file)
    if data is None:
        limit = settings.SHILIU_MAX_IMPORT_BYTES // 1_000_000 or 1
        return [], [RowError(0, "", _("The file is larger than %(mb)s MB.") % {"mb": limit})]
    try:
        table = read_workbook(data, max_rows=MAX_ROWS)
    except NotAWorkbook:
        return [], [RowError(0, "", _("The file is not an Excel workbook (.xlsx)."))]
    except WorkbookTooLarge:
        return [], [RowError(0, "", _("The workbook is too large: at most %(rows)d rows.") % {"rows": MAX_ROWS - 1})]
    if not table:
        return [], [RowError(0, "", _("The file is empty."))]
    return table, []


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code the spreadsheet program turned into a number
    return str(value).strip()


YES = frozenset({"1", "true", "yes", "y", "是"})
NO = frozenset({"0", "false", "no", "n", "否"})


def cell_bool(value, *, yes=frozenset(), no=frozenset(), empty: bool | None = True) -> bool | None:
    """A yes/no cell: TRUE/FALSE, 1/0, yes/no, 是/否 and the column's own words (``yes``,
    ``no``); ``empty`` for a blank cell; None for anything else (the caller reports it)."""
    if value is None or value == "":
        return empty
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text in YES or text in yes:
        return True
    if text in NO or text in no:
        return False
    return None
