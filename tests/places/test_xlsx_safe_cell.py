"""shiliu.core.xlsx: no text cell can start a formula (F5), and reading undoes exactly that."""

import io
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from shiliu.core.xlsx import FORMULA_STARTS, NotAWorkbook, read_workbook, restore_cell, safe_cell, write_workbook


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "'=1", "''+x"])
def test_text_that_could_start_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text
    assert restore_cell(safe_cell(text)) == text


@pytest.mark.parametrize("text", ["北仑区", "a=b", "it's", "'plain", ""])
def test_ordinary_text_is_left_alone(text):
    assert safe_cell(text) == text
    assert restore_cell(text) == text


@pytest.mark.parametrize("value", [None, 0, -5, 2.5, Decimal("-1.5"), True, False, date(2026, 1, 1)])
def test_numbers_booleans_and_dates_stay_as_they_are(value):
    assert safe_cell(value) is value


@given(st.text())
def test_no_written_text_starts_a_formula_and_reading_restores_it(text):
    written = safe_cell(text)
    assert not written.startswith(FORMULA_STARTS)
    assert restore_cell(written) == ILLEGAL_CHARACTERS_RE.sub("", text)


def test_a_written_workbook_holds_formulas_only_as_text():
    data = write_workbook(["name", "count"], [["=cmd|' /C calc'!A0", 3], ["-2+3", -2]])
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert [c.value for c in cells] == ["name", "count", "'=cmd|' /C calc'!A0", 3, "'-2+3", -2]
    assert read_workbook(data) == [("name", "count"), ("=cmd|' /C calc'!A0", 3), ("-2+3", -2)]


@pytest.mark.parametrize("data", [b"", b"hello", b"PK\x03\x04garbage", b"%PDF-1.7"])
def test_anything_but_an_xlsx_is_refused(data):
    with pytest.raises(NotAWorkbook):
        read_workbook(data)
