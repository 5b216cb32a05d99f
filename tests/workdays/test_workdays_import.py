"""A year's holidays from an xlsx file: all or nothing, every error with its row; and the export."""

import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from workdays_helpers import UNKNOWN

from shiliu.audit.models import AuditEvent
from shiliu.core.xlsx import write_workbook
from shiliu.workdays.calendar import is_workday, year_known
from shiliu.workdays.models import CalendarDay, CalendarYear
from shiliu.workdays.services import calendar_day_set
from shiliu.workdays.transfer import ImportRejected, export_year, import_year

HEADERS_ZH = ["日期", "工作日", "名称"]


def workbook(rows, headers=HEADERS_ZH) -> bytes:
    return write_workbook(headers, rows)


def national_day_rows(year=UNKNOWN):
    rows = [(date(year, 10, d), "否", "国庆节") for d in range(1, 8)]
    rows.append((f"{year}-10-09", "是", "调休上班"))
    return rows


def errors_of(caught) -> set:
    return {(e.row, e.column) for e in caught.value.errors}


def test_a_good_file_enters_the_year(people):
    counts = import_year(file=workbook(national_day_rows()), year=UNKNOWN, by=people.admin)
    assert counts == {"created": 8, "updated": 0, "unchanged": 0, "removed": 0}
    assert not is_workday(date(UNKNOWN, 10, 4)) and is_workday(date(UNKNOWN, 10, 9))
    assert year_known(UNKNOWN)
    assert CalendarYear.objects.get(year=UNKNOWN).entered_by == people.admin
    assert AuditEvent.objects.get(action="workdays.import").detail["created"] == 8
    assert AuditEvent.objects.filter(action="workdays.day.set").count() == 8


def test_english_headers_real_dates_and_booleans_are_read(people):
    rows = [(datetime(UNKNOWN, 1, 1), False, "New Year"), (f"{UNKNOWN}/1/2", "rest", ""),
            (f"{UNKNOWN}年1月4日", "yes", "")]
    import_year(file=workbook(rows, ["date", "working day", "name"]), year=UNKNOWN, by=people.admin, confirm=False)
    assert [(d.date, d.is_workday) for d in CalendarDay.objects.all()] == [
        (date(UNKNOWN, 1, 1), False), (date(UNKNOWN, 1, 2), False), (date(UNKNOWN, 1, 4), True)]
    assert not CalendarYear.objects.exists()  # confirm=False leaves the year unmarked


def test_the_file_replaces_the_years_entries_and_leaves_other_years_alone(people):
    calendar_day_set(day=date(UNKNOWN, 10, 1), is_workday=True, name="旧", by=people.admin)
    calendar_day_set(day=date(UNKNOWN, 5, 6), is_workday=False, name="旧", by=people.admin)
    calendar_day_set(day=date(2026, 12, 1), is_workday=False, name="别的年份", by=people.admin)
    counts = import_year(file=workbook(national_day_rows()), year=UNKNOWN, by=people.admin)
    assert counts == {"created": 7, "updated": 1, "unchanged": 0, "removed": 1}
    assert not CalendarDay.objects.filter(date=date(UNKNOWN, 5, 6)).exists()
    assert CalendarDay.objects.filter(date=date(2026, 12, 1)).exists()


def test_every_bad_row_is_reported_and_nothing_is_saved(people):
    rows = [
        (date(UNKNOWN, 10, 1), "否", "国庆节"),
        ("2026-10-01", "否", "去年"),           # row 3: another year
        ("10/2", "否", ""),                     # row 4: not a date
        (date(UNKNOWN, 10, 1), "是", ""),       # row 5: the same day again
        (date(UNKNOWN, 10, 3), "也许", ""),      # row 6: neither yes nor no
        (date(UNKNOWN, 10, 4), "", ""),         # row 7: missing
        (date(UNKNOWN, 10, 5), "否", "节" * 41),  # row 8: too long
        ("", "否", "no date"),                  # row 9
    ]
    with pytest.raises(ImportRejected) as caught:
        import_year(file=workbook(rows), year=UNKNOWN, by=people.admin)
    assert errors_of(caught) == {(3, "date"), (4, "date"), (5, "date"), (6, "workday"), (7, "workday"),
                                 (8, "name"), (9, "date")}
    assert not CalendarDay.objects.exists() and not CalendarYear.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="workdays.").exists()


@pytest.mark.parametrize("data", [b"date,workday\n2027-10-01,no\n", b"PK\x03\x04broken", b""])
def test_a_file_that_is_not_a_workbook_is_refused(people, data):
    with pytest.raises(ImportRejected) as caught:
        import_year(file=data, year=UNKNOWN, by=people.admin)
    assert [(e.row, e.message) for e in caught.value.errors] == [(0, "该文件不是 Excel 工作簿（.xlsx）。")]
    assert not CalendarDay.objects.exists()


def test_headers_are_checked_before_any_row(people):
    with pytest.raises(ImportRejected) as caught:
        import_year(file=workbook([(date(UNKNOWN, 10, 1), "否")], ["日期", "颜色"]), year=UNKNOWN, by=people.admin)
    assert errors_of(caught) == {(1, "颜色"), (1, "workday")}
    with pytest.raises(ImportRejected) as caught:
        import_year(file=workbook([], HEADERS_ZH), year=UNKNOWN, by=people.admin)
    assert errors_of(caught) == {(0, "")}  # a file without a day would wipe the year: refused


def test_a_year_out_of_range_is_refused(people):
    with pytest.raises(ImportRejected):
        import_year(file=workbook(national_day_rows()), year=2101, by=people.admin)


def test_the_export_reads_back_as_the_same_calendar(people):
    calendar_day_set(day=date(2026, 10, 8), is_workday=False, name="区定休息日", by=people.admin)
    data = export_year(year=2026, by=people.admin)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("日期", "工作日", "名称")
    by_date = {r[0].date(): r[1:] for r in rows[1:]}
    assert by_date[date(2026, 10, 1)] == ("否", "国庆节")
    assert by_date[date(2026, 10, 10)] == ("是", "调休上班（国庆节）")
    assert by_date[date(2026, 10, 8)] == ("否", "区定休息日")
    assert date(2026, 10, 12) not in by_date  # an ordinary Monday is not listed
    import_year(file=data, year=2026, by=people.admin)
    assert [is_workday(date(2026, 10, d)) for d in range(1, 13)] == [
        False] * 8 + [True, True, False, True]


def test_import_page_shows_row_errors_and_saves_nothing(people, login, client):
    login(people.admin)
    upload = SimpleUploadedFile("cal.xlsx", workbook([("notadate", "否", "")]))
    response = client.post("/calendar/import/", {"year": UNKNOWN, "file": upload, "confirm": "on"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    message = f"Write the date like {UNKNOWN}-10-01."
    assert response.context["errors"] == [{"row": 2, "column": "date", "message": message}]
    assert not CalendarDay.objects.exists()


def test_import_page_imports_and_goes_to_the_year(people, login, client):
    login(people.admin)
    upload = SimpleUploadedFile("cal.xlsx", workbook(national_day_rows()))
    response = client.post("/calendar/import/", {"year": UNKNOWN, "file": upload, "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == f"/calendar/?year={UNKNOWN}"
    assert CalendarDay.objects.count() == 8 and CalendarYear.objects.filter(year=UNKNOWN).exists()


def test_import_page_refuses_a_year_out_of_range_next_to_the_field(people, login, client):
    login(people.admin)
    upload = SimpleUploadedFile("cal.xlsx", workbook(national_day_rows()))
    response = client.post("/calendar/import/", {"year": 1999, "file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.context["form"].errors["year"] == ["Choose a year from 2000 to 2100."]


def test_export_page_sends_an_xlsx_file(people, login, client):
    login(people.admin)
    response = client.get("/calendar/export.xlsx?year=2026")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="calendar-2026.xlsx"'
    assert response.content.startswith(b"PK")
    assert client.get("/calendar/export.xlsx?year=1999").status_code == 404
