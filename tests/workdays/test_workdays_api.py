"""/api/v1/calendar: a year, one day, deadlines; writes by the district office only."""

import json
from datetime import date

import pytest
from workdays_helpers import UNKNOWN

from shiliu.audit.models import AuditEvent
from shiliu.workdays.models import CalendarDay, CalendarYear
from shiliu.workdays.services import calendar_day_set

BASE = "/api/v1/calendar"


def put(client, path, body, headers):
    return client.put(path, json.dumps(body), content_type="application/json", **headers)


def test_a_year_lists_every_day_with_workday_name_and_source(people, client, token_for):
    calendar_day_set(day=date(2026, 10, 8), is_workday=False, name="区定休息日", by=people.admin)
    response = client.get(f"{BASE}/2026", HTTP_ACCEPT_LANGUAGE="en", **token_for(people.worker))
    assert response.status_code == 200
    body = response.json()
    assert (body["year"], body["published"], body["entered"], body["known"]) == (2026, True, False, True)
    days = {d["date"]: d for d in body["days"]}
    assert len(days) == 365
    assert days["2026-10-01"] == {"date": "2026-10-01", "workday": False, "name": "National Day",
                                  "source": "state_council", "version": 0}
    assert days["2026-10-10"]["workday"] and days["2026-10-10"]["name"] == "Adjusted working day (National Day)"
    assert days["2026-10-08"] == {"date": "2026-10-08", "workday": False, "name": "区定休息日",
                                  "source": "district", "version": 1}
    assert days["2026-10-12"]["source"] == "weekday"


def test_an_unknown_year_says_so(people, client, token_for):
    body = client.get(f"{BASE}/{UNKNOWN}", **token_for(people.officer)).json()
    assert (body["published"], body["entered"], body["known"]) == (False, False, False)
    assert {d["source"] for d in body["days"]} == {"weekday"}


@pytest.mark.parametrize("year", [1999, 2101])
def test_a_year_out_of_range_is_422(people, client, token_for, year):
    response = client.get(f"{BASE}/{year}", HTTP_ACCEPT_LANGUAGE="en", **token_for(people.admin))
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"]["year"] == ["Choose a year from 2000 to 2100."]


def test_the_district_office_sets_and_clears_a_day(people, client, token_for):
    headers = token_for(people.admin)
    response = put(client, f"{BASE}/days/2026-10-08", {"workday": False, "name": "区定休息日", "version": 0}, headers)
    assert response.status_code == 200
    assert response.json() == {"date": "2026-10-08", "workday": False, "name": "区定休息日", "source": "district",
                               "version": 1}
    response = put(client, f"{BASE}/days/2026-10-08", {"workday": True, "version": 1}, headers)
    assert response.json()["version"] == 2 and response.json()["workday"]
    response = client.delete(f"{BASE}/days/2026-10-08?version=2", **headers)
    assert response.status_code == 200
    assert response.json() == {"date": "2026-10-08", "workday": True, "name": "", "source": "weekday", "version": 0}
    assert not CalendarDay.objects.exists()
    assert AuditEvent.objects.filter(action__startswith="workdays.day.").count() == 3


def test_a_stale_version_is_409_and_nothing_changes(people, client, token_for):
    calendar_day_set(day=date(2026, 10, 8), is_workday=False, name="甲", by=people.admin)
    response = put(client, f"{BASE}/days/2026-10-08", {"workday": True, "version": 0}, token_for(people.admin))
    assert response.status_code == 409
    assert client.delete(f"{BASE}/days/2026-10-08?version=7", **token_for(people.admin)).status_code == 409
    assert CalendarDay.objects.get().name == "甲"


@pytest.mark.parametrize("persona", ["officer", "worker", "operator", "liaison", "auditor", "nobody"])
def test_only_the_district_office_writes(people, client, token_for, persona):
    headers = token_for(getattr(people, persona))
    assert put(client, f"{BASE}/days/2026-10-08", {"workday": False}, headers).status_code == 403
    assert client.delete(f"{BASE}/days/2026-10-08", **headers).status_code == 403
    assert client.post(f"{BASE}/{UNKNOWN}/confirm", "{}", content_type="application/json",
                       **headers).status_code == 403
    assert not CalendarDay.objects.exists() and not CalendarYear.objects.exists()


@pytest.mark.parametrize("persona", ["auditor", "nobody"])
def test_who_works_on_no_orders_does_not_read_the_calendar(people, client, token_for, persona):
    headers = token_for(getattr(people, persona))
    assert client.get(f"{BASE}/2026", **headers).status_code == 403
    assert client.get(f"{BASE}/deadline?start=2026-11-20T10:00&working_days=2", **headers).status_code == 403


def test_signed_out_callers_get_401(client, db):
    assert client.get(f"{BASE}/2026").status_code == 401
    assert client.put(f"{BASE}/days/2026-10-08", "{}", content_type="application/json").status_code == 401


@pytest.mark.parametrize("path", ["2026-13-01", "2026-02-30", "tomorrow"])
def test_a_bad_date_is_422(people, client, token_for, path):
    response = put(client, f"{BASE}/days/{path}", {"workday": False}, token_for(people.admin))
    assert response.status_code == 422
    assert client.get(f"{BASE}/days/{path}", **token_for(people.admin)).status_code == 422
    assert not CalendarDay.objects.exists()


def test_a_day_out_of_range_and_a_long_name_are_422_with_each_field(people, client, token_for):
    response = put(client, f"{BASE}/days/1999-10-01", {"workday": False}, token_for(people.admin))
    assert response.status_code == 422 and set(response.json()["errors"]) == {"date"}
    response = put(client, f"{BASE}/days/2026-10-08", {"workday": False, "name": "x" * 41}, token_for(people.admin))
    assert response.status_code == 422 and set(response.json()["errors"]) == {"name"}
    response = put(client, f"{BASE}/days/2026-10-08", {"workday": False, "colour": "red"}, token_for(people.admin))
    assert response.status_code == 422 and set(response.json()["errors"]) == {"colour"}
    assert not CalendarDay.objects.exists()


def test_confirming_and_withdrawing_a_year(people, client, token_for):
    headers = token_for(people.admin)
    response = client.post(f"{BASE}/{UNKNOWN}/confirm", json.dumps({"note": "国办发明电"}),
                           content_type="application/json", **headers)
    assert response.status_code == 200 and response.json()["known"] is True
    response = client.post(f"{BASE}/{UNKNOWN}/confirm", json.dumps({"copy_package": True}),
                           content_type="application/json", **headers)
    assert response.status_code == 422 and set(response.json()["errors"]) == {"copy_package"}
    response = client.delete(f"{BASE}/{UNKNOWN}/confirm", **headers)
    assert response.status_code == 200 and response.json()["known"] is False


def test_deadline_in_working_days_and_hours(people, client, token_for):
    headers = token_for(people.operator)
    response = client.get(f"{BASE}/deadline?start=2026-11-20T10:00:00&working_days=2", **headers)
    assert response.status_code == 200
    assert response.json()["deadline"] == "2026-11-24T17:00:00+08:00"
    assert response.json()["unknown_years"] == []
    response = client.get(f"{BASE}/deadline?start=2026-09-30T15:00:00%2B08:00&working_hours=4", **headers)
    assert response.json()["deadline"] == "2026-10-08T11:00:00+08:00"
    response = client.get(f"{BASE}/deadline?start=2026-11-20T02:00:00Z&working_hours=1", **headers)
    assert response.json()["deadline"] == "2026-11-20T11:00:00+08:00"  # 02:00 UTC is 10:00 in Beijing


def test_deadline_into_an_unknown_year_names_it(people, client, token_for):
    response = client.get(f"{BASE}/deadline?start={UNKNOWN - 1}-12-30T10:00&working_days=5",
                          **token_for(people.operator))
    assert response.json()["unknown_years"] == [UNKNOWN]


@pytest.mark.parametrize("query, field", [
    ("start=2026-11-20T10:00", "working_days"),
    ("start=2026-11-20T10:00&working_days=2&working_hours=3", "working_days"),
    ("start=2026-11-20T10:00&working_days=-1", "working_days"),
    ("start=2026-11-20T10:00&working_days=1001", "working_days"),
    ("start=yesterday&working_days=2", "start"),
    ("start=1999-06-01T10:00&working_days=2", "start"),
    ("working_days=2", "start"),
])
def test_deadline_bad_input_is_422(people, client, token_for, query, field):
    response = client.get(f"{BASE}/deadline?{query}", **token_for(people.operator))
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_the_api_speaks_chinese_by_default(people, client, token_for):
    body = client.get(f"{BASE}/2026", **token_for(people.worker)).json()
    assert {d["date"]: d["name"] for d in body["days"]}["2026-10-01"] == "国庆节"
    response = client.get(f"{BASE}/1999", **token_for(people.worker))
    assert response.json()["errors"]["year"] == ["请选择 2000 年至 2100 年之间的年份。"]
