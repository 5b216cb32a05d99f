"""Call records: the scoped list with its filters, one call, the xlsx export with masked numbers."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from hotline_helpers import LANDLINE, MOBILE
from openpyxl import load_workbook

from shiliu.audit.models import AuditEvent, AuditKind
from shiliu.core.xlsx import read_workbook
from shiliu.hotline.choices import Outcome
from shiliu.hotline.services import call_answer_on_call, call_log_other

pytestmark = pytest.mark.django_db
# An audit append on PostgreSQL takes an advisory lock first: one more round trip.
AUDIT_LOCK = int(connection.vendor == "postgresql")
PASSWORD = "Correct-Horse-42"


def make_calls(hl, people):
    old = hl.ring(MOBILE, at=timezone.now() - timedelta(days=10))
    answered = hl.taken(LANDLINE)
    call_answer_on_call(by=people.operator, call=answered, category=hl.insurance, summary="=HYPERLINK(\"x\")")
    other = hl.taken(MOBILE, by=people.admin)
    call_log_other(by=people.admin, call=other, summary="拨错号码")
    elsewhere = hl.ring(MOBILE, pbx=hl.pbx_xinqi)
    return old, answered, other, elsewhere


def test_the_list_shows_the_users_calls_masked_and_is_audited(hl, people, login, client):
    old, answered, other, elsewhere = make_calls(hl, people)
    login(people.operator)
    response = client.get("/hotline/calls/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    shown = [row["call"].pk for row in response.context["rows"]]
    assert shown == [other.pk, answered.pk, old.pk]
    assert "138****5678" in html and MOBILE not in html and "3 calls" in html
    event = AuditEvent.objects.get(action="hotline.call.list")
    assert event.detail["ids"] == shown


def test_the_filters_narrow_the_list(hl, people, login, client):
    old, answered, other, _elsewhere = make_calls(hl, people)
    login(people.operator)

    def ids(**query):
        return [row["call"].pk for row in client.get("/hotline/calls/", query).context["rows"]]

    today = timezone.localdate().isoformat()
    assert ids(outcome=Outcome.ANSWERED_ON_CALL) == [answered.pk]
    assert ids(outcome="none") == [old.pk]
    assert ids(operator=people.admin.pk) == [other.pk]
    assert ids(start=today) == [other.pk, answered.pk]
    assert ids(end=(timezone.localdate() - timedelta(days=5)).isoformat()) == [old.pk]


def test_a_bad_filter_is_told_next_to_its_field(hl, people, login, client):
    login(people.operator)
    response = client.get("/hotline/calls/", {"start": "2026-13-45", "end": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors["start"] == ["Enter a real date, like 2026-05-17."]
    response = client.get("/hotline/calls/", {"start": "2026-05-02", "end": "2026-05-01"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["end"] == ["The end comes before the start."]


def test_the_list_costs_a_fixed_number_of_queries(hl, people, login, client, django_assert_max_num_queries):
    for _ in range(12):
        make_calls(hl, people)
    login(people.operator)
    client.get("/hotline/calls/")
    # session, user, roles, operators, count, page, the audit record (2; PostgreSQL: and the chain's lock)
    with django_assert_max_num_queries(8 + AUDIT_LOCK):
        response = client.get("/hotline/calls/")
    assert len(response.context["rows"]) == 36


def test_one_call_is_shown_and_its_read_recorded(hl, people, login, client):
    _old, answered, _other, elsewhere = make_calls(hl, people)
    login(people.operator)
    response = client.get(f"/hotline/calls/{answered.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200 and "574****1234" in html and "Answered on the call" in html
    assert AuditEvent.objects.filter(action="hotline.call.view", target_id=str(answered.pk)).exists()
    assert client.get(f"/hotline/calls/{elsewhere.pk}/").status_code == 404


def test_the_export_asks_for_the_password_first_then_gives_masked_safe_cells(hl, people, login, client):
    make_calls(hl, people)
    login(people.operator)
    response = client.get("/hotline/calls/export/", {"outcome": ""})
    assert response.status_code == 302 and "/accounts/reauth/" in response["Location"]
    client.post("/accounts/reauth/", {"password": PASSWORD, "next": "/hotline/calls/"})
    response = client.get("/hotline/calls/export/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="hotline-calls.xlsx"'
    rows = read_workbook(response.content)
    assert rows[0][0] == "Call" and len(rows) == 4
    cells = [str(v) for row in rows for v in row]
    assert "138****5678" in cells and all(MOBILE not in c for c in cells)
    raw = [c.value for row in load_workbook(io.BytesIO(response.content)).active.iter_rows() for c in row]
    assert "'=HYPERLINK(\"x\")" in raw  # F5: a formula is written as text
    assert AuditEvent.objects.filter(action="hotline.call.export", kind=AuditKind.EXPORT).exists()


def test_a_worker_cannot_list_or_export_calls(hl, people, login, client):
    login(people.worker)
    assert client.get("/hotline/calls/").status_code == 403
    assert client.get("/hotline/calls/export/").status_code == 403
