"""The calendar pages: only the district office, a month grid per year, days edited in place."""

from datetime import date

import pytest
from django.utils import timezone
from workdays_helpers import UNKNOWN

from shiliu.workdays.models import CalendarDay, CalendarYear
from shiliu.workdays.services import calendar_day_set

URL = "/calendar/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def admin(people, login, client):
    login(people.admin)
    return client


@pytest.fixture
def today_before_unknown(monkeypatch):
    """Late in the last published year: next year is the unknown one."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(UNKNOWN - 1, 11, 27))


def test_admin_sees_the_year_as_month_grids_with_holidays_and_sources(admin):
    response = admin.get(URL + "?year=2026", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    months = response.context["months"]
    assert len(months) == 12
    october = {d.date: d for week in months[9]["weeks"] for d in week if d}
    assert (october[date(2026, 10, 1)].is_workday, october[date(2026, 10, 1)].source) == (False, "state_council")
    assert october[date(2026, 10, 10)].is_workday  # 调休 Saturday
    assert october[date(2026, 10, 12)].source == "weekday"
    html = response.content.decode()
    assert "National Day" in html and "Adjusted working day (National Day)" in html
    assert 'href="/calendar/day/2026-10-01/"' in html and 'hx-get="/calendar/day/2026-10-01/"' in html


def test_consecutive_named_days_are_listed_as_one_run(admin):
    february = admin.get(URL + "?year=2026").context["months"][1]["named"]
    runs = [(r["first"].date, r["last"].date, r["first"].name) for r in february]
    assert runs == [(date(2026, 2, 14), date(2026, 2, 14), "调休上班（春节）"),
                    (date(2026, 2, 15), date(2026, 2, 23), "春节"),
                    (date(2026, 2, 28), date(2026, 2, 28), "调休上班（春节）")]


def test_the_page_speaks_chinese_by_default(admin):
    html = admin.get(URL + "?year=2026").content.decode()
    assert "国庆节" in html and "调休上班（国庆节）" in html and "国务院" in html
    assert "2026年工作日日历" in html


def test_a_district_entry_shows_as_such(people, admin):
    calendar_day_set(day=date(2026, 10, 8), is_workday=False, name="区定休息日", by=people.admin)
    response = admin.get(URL + "?year=2026", HTTP_ACCEPT_LANGUAGE="en")
    october = {d.date: d for week in response.context["months"][9]["weeks"] for d in week if d}
    assert (october[date(2026, 10, 8)].source, october[date(2026, 10, 8)].name) == ("district", "区定休息日")
    assert "District entry" in response.content.decode()


@pytest.mark.parametrize("persona", ["officer", "worker", "operator", "liaison", "auditor", "nobody"])
def test_everyone_but_the_district_office_is_refused(people, login, client, persona):
    login(getattr(people, persona))
    assert client.get(URL).status_code == 403
    assert client.get(URL + "day/2026-10-01/").status_code == 403
    assert client.post(URL + "day/2026-10-01/", {"kind": "work", "name": "", "version": 0}).status_code == 403
    assert client.post(URL + "confirm/", {"year": UNKNOWN}).status_code == 403
    assert client.get(URL + "export.xlsx?year=2026").status_code == 403
    assert not CalendarDay.objects.exists() and not CalendarYear.objects.exists()


def test_signed_out_users_are_sent_to_the_login_page(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_banner_for_an_unknown_next_year_in_both_languages(admin, today_before_unknown):
    en = admin.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (f"The {UNKNOWN} holiday calendar is not published yet; deadlines in {UNKNOWN} count Monday–Friday. "
            "Enter it when the State Council publishes it.") in en
    zh = admin.get(URL).content.decode()
    assert f"{UNKNOWN}年的节假日安排尚未发布" in zh


def test_the_banner_goes_once_the_year_is_entered(admin, today_before_unknown):
    response = admin.post(URL + "confirm/", {"year": UNKNOWN, "note": "国办发明电"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == f"{URL}?year={UNKNOWN}"
    assert CalendarYear.objects.get(year=UNKNOWN).note == "国办发明电"
    assert "holiday calendar is not published yet" not in admin.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    admin.post(URL + "withdraw/", {"year": UNKNOWN})
    assert not CalendarYear.objects.exists()
    assert "holiday calendar is not published yet" in admin.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_copying_an_unpublished_year_shows_the_message_next_to_the_box(admin):
    response = admin.post(URL + "confirm/", {"year": UNKNOWN, "copy_package": "on"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.context["confirm_form"].errors["copy_package"]
    assert "is not published yet: there is nothing to copy" in response.content.decode()
    assert not CalendarYear.objects.exists()


@pytest.mark.parametrize("year", ["1999", "2101", "twenty", "20277"])
def test_a_year_out_of_range_is_refused_next_to_the_field(admin, year):
    response = admin.get(URL + f"?year={year}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.context["year_form"].errors["year"] == ["Choose a year from 2000 to 2100."]
    assert response.context["year"] == timezone.localdate().year  # the page still shows a year


@pytest.mark.parametrize("day", ["2026-13-01", "2026-02-30", "1999-12-31", "2101-01-01", "yesterday", "2026-1-1"])
def test_a_bad_day_in_the_address_is_not_found(admin, day):
    assert admin.get(URL + f"day/{day}/").status_code == 404
    assert admin.post(URL + f"day/{day}/", {"kind": "rest", "version": 0}).status_code == 404


def test_clicking_a_day_loads_its_form_into_the_month(admin):
    response = admin.get(URL + "day/2026-10-08/", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a fragment for the month's editor
    assert 'hx-post="/calendar/day/2026-10-08/"' in html and 'hx-target="#m10"' in html
    assert response.context["form"].initial == {"kind": "work", "name": "", "version": 0}


def test_the_form_of_a_holiday_offers_its_chinese_name(admin):
    form = admin.get(URL + "day/2026-10-10/", **HTMX).context["form"]
    assert form.initial == {"kind": "work", "name": "调休上班（国庆节）", "version": 0}


def test_saving_a_day_with_htmx_answers_the_updated_month(admin, people):
    response = admin.post(URL + "day/2026-10-08/", {"kind": "rest", "name": "区定休息日", "version": 0,
                                                    "action": "save"}, HTTP_ACCEPT_LANGUAGE="en", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<section class="wd-month" id="m10"')
    assert "2026-10-08 was saved." in html and "区定休息日" in html
    entry = CalendarDay.objects.get(date=date(2026, 10, 8))
    assert (entry.is_workday, entry.name, entry.created_by) == (False, "区定休息日", people.admin)


def test_saving_without_htmx_goes_back_to_the_month(admin):
    response = admin.post(URL + "day/2026-10-08/", {"kind": "rest", "name": "", "version": 0})
    assert response.status_code == 302 and response["Location"] == f"{URL}?year=2026#m10"
    assert not CalendarDay.objects.get(date=date(2026, 10, 8)).is_workday


def test_removing_the_entry_gives_the_day_back_to_the_state_council(admin, people):
    calendar_day_set(day=date(2026, 10, 1), is_workday=True, name="值班", by=people.admin)
    response = admin.post(URL + "day/2026-10-01/", {"kind": "work", "name": "值班", "version": 1,
                                                    "action": "clear"}, HTTP_ACCEPT_LANGUAGE="en", **HTMX)
    assert "The district&#x27;s entry for 2026-10-01 was removed." in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_a_stale_form_is_refused_with_a_message_and_nothing_changes(admin, people):
    calendar_day_set(day=date(2026, 10, 8), is_workday=False, name="甲", by=people.admin)
    response = admin.post(URL + "day/2026-10-08/", {"kind": "work", "name": "乙", "version": 0},
                          HTTP_ACCEPT_LANGUAGE="en", **HTMX)
    assert response.status_code == 200  # htmx swaps only successful answers; the form shows the refusal
    assert "Someone else changed this record" in response.content.decode()
    assert CalendarDay.objects.get(date=date(2026, 10, 8)).name == "甲"
    full = admin.post(URL + "day/2026-10-08/", {"kind": "work", "name": "乙", "version": 0},
                      HTTP_ACCEPT_LANGUAGE="en")
    assert full.status_code == 422 and "Someone else changed this record" in full.content.decode()


def test_bad_fields_show_next_to_the_field(admin):
    response = admin.post(URL + "day/2026-10-08/", {"kind": "maybe", "name": "x" * 41, "version": 0},
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) == {"kind", "name"}
    assert not CalendarDay.objects.exists()


def test_the_year_page_costs_a_fixed_number_of_queries(admin, people, django_assert_max_num_queries):
    for day in (1, 8, 9):
        calendar_day_set(day=date(2026, 10, day), is_workday=day != 8, name="x", by=people.admin)
    with django_assert_max_num_queries(10):
        assert admin.get(URL + "?year=2026").status_code == 200


def test_the_home_page_shows_the_banner_to_the_district_office_only(people, login, client, today_before_unknown):
    login(people.admin)
    assert f"{UNKNOWN}年的节假日安排尚未发布" in client.get("/").content.decode()
    client.post("/accounts/logout/")
    login(people.officer)
    assert "节假日安排尚未发布" not in client.get("/").content.decode()
