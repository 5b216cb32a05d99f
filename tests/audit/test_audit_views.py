"""The audit trail's pages: who may read them, filters, the record of each read, verify, export."""

import io
from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.utils import translation
from openpyxl import load_workbook

from dbtriggers import lift_audit_triggers
from shiliu.accounts.models import Role
from shiliu.audit.models import AuditEvent, AuditKind
from shiliu.audit.services import audit_read, audit_security, audit_write

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(when: datetime):
    return mock.patch("shiliu.audit.services.timezone.now", return_value=when)


def _tamper(event_id: int, reason: str) -> None:
    """Change a row behind the ORM's back, with the append-only trigger lifted for this transaction."""
    lift_audit_triggers()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = %s WHERE id = %s", [reason, event_id])


@pytest.mark.parametrize("persona", ["auditor", "admin"])
def test_auditor_and_district_admin_read_the_trail(people, login, client, persona):
    login(getattr(people, persona))
    response = client.get("/audit/")
    assert response.status_code == 200
    assert "审计日志" in response.content.decode()


@pytest.mark.parametrize("persona", ["officer", "worker", "other_worker", "operator", "liaison", "nobody"])
def test_every_other_role_is_refused_the_trail(people, login, client, persona):
    login(getattr(people, persona))
    for url in ["/audit/", f"/audit/{AuditEvent.objects.order_by('id').first().pk}/", "/audit/export.xlsx"]:
        assert client.get(url).status_code == 403, url
    assert client.post("/audit/verify/").status_code == 403


def test_anonymous_is_sent_to_sign_in(client, db):
    response = client.get("/audit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_list_shows_newest_first_with_who_role_what_and_address(people, login, client):
    audit_write(by=people.worker, action="test.first", target=people.worker)
    audit_read(by=people.officer, action="test.second", target=people.worker, subject_id=4242,
               category="identity", reason="case 17 callback")
    login(people.auditor)
    page = client.get("/audit/?action=test.").content.decode()
    assert page.index("test.second") < page.index("test.first")
    assert "daqi_officer" in page
    assert "case 17 callback" in page
    assert "identity" in page
    with translation.override("zh-hans"):
        assert f"{Role.SUBDISTRICT_OFFICER.label} @ 330206003" in page  # the officer's role, readable


def test_list_filters_by_who_kind_action_record_and_resident(people, login, client):
    audit_read(by=people.worker, action="resident.view", target=people.worker, subject_id=11, category="contact")
    audit_read(by=people.officer, action="resident.view", target=people.officer, subject_id=12, category="contact")
    audit_write(by=people.worker, action="resident.update", target=people.worker, subject_id=11)
    login(people.auditor)

    def actions(query: str) -> list[tuple[str, str]]:
        rows = client.get("/audit/?" + query).context["rows"]
        return [(r["event"].actor_name, r["event"].action) for r in rows]

    assert actions("subject=11") == [("xieshu_worker", "resident.update"), ("xieshu_worker", "resident.view")]
    assert actions("who=daqi_officer&action=resident") == [("daqi_officer", "resident.view")]
    assert actions("kind=write&who=XIESHU_worker") == [("xieshu_worker", "resident.update")]
    officer_id = str(people.officer.pk)
    assert actions(f"target_type=accounts.user&target_id={officer_id}&action=resident") == [
        ("daqi_officer", "resident.view")]


def test_list_filters_by_local_date_range(people, login, client):
    with _at(datetime(2026, 3, 1, 23, 30, tzinfo=SHANGHAI)):
        audit_security(action="test.march1", by=people.worker)
    with _at(datetime(2026, 3, 2, 0, 30, tzinfo=SHANGHAI)):
        audit_security(action="test.march2", by=people.worker)
    login(people.auditor)
    rows = client.get("/audit/?action=test.&date_from=2026-03-02&date_to=2026-03-02").context["rows"]
    assert [r["event"].action for r in rows] == ["test.march2"]
    rows = client.get("/audit/?action=test.&date_to=2026-03-01").context["rows"]
    assert [r["event"].action for r in rows] == ["test.march1"]


def test_a_reversed_date_range_is_explained_next_to_the_field(people, login, client):
    login(people.auditor)
    before = AuditEvent.objects.count()
    response = client.get("/audit/?date_from=2026-03-02&date_to=2026-03-01")
    assert response.status_code == 200
    assert response.context["form"].errors["date_to"]
    assert "结束日期不能早于开始日期" in response.content.decode()
    assert response.context["rows"] == []
    assert AuditEvent.objects.count() == before  # nothing was shown, so no read is recorded


def test_reading_the_list_is_recorded_with_the_resident_filtered_on(people, login, client):
    login(people.auditor)
    client.get("/audit/?subject=77&kind=read")
    record = AuditEvent.objects.order_by("-id").first()
    assert (record.action, record.kind, record.actor_name, record.subject_id) == (
        "audit.list", AuditKind.READ, "auditor", 77)
    assert record.detail["filters"] == {"subject": "77", "kind": "read"}


def test_the_list_does_not_show_its_own_read(people, login, client):
    login(people.auditor)
    rows = client.get("/audit/").context["rows"]
    newest = AuditEvent.objects.order_by("-id").first()
    assert newest.action == "audit.list"
    assert newest.pk not in [r["event"].pk for r in rows]


def test_list_query_count_does_not_grow_with_the_rows(people, login, client, django_assert_max_num_queries):
    login(people.auditor)
    client.get("/audit/")  # warm the session

    def queries() -> int:
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/audit/").status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for i in range(60):
        audit_write(by=people.worker, action=f"test.bulk{i}", target=people.worker)
    assert queries() == few
    with django_assert_max_num_queries(14):
        client.get("/audit/?page=2")


def test_detail_shows_hash_and_previous_hash(people, login, client):
    first = audit_write(by=people.worker, action="test.one", target=people.worker)
    second = audit_write(by=people.worker, action="test.two", target=people.worker)
    login(people.auditor)
    page = client.get(f"/audit/{second.pk}/").content.decode()
    assert second.hash in page and first.hash in page
    assert second.prev_hash == first.hash
    record = AuditEvent.objects.order_by("-id").first()
    assert (record.action, record.target_id) == ("audit.view", str(second.pk))


def test_detail_of_a_missing_record_is_404(people, login, client):
    login(people.auditor)
    assert client.get("/audit/99999999/").status_code == 404


def test_verify_reports_an_intact_chain(people, login, client):
    audit_write(by=people.worker, action="test.one", target=people.worker)
    login(people.auditor)
    response = client.post("/audit/verify/")
    assert response.status_code == 200
    assert response.context["broken_count"] == 0
    assert response.context["checked"] == AuditEvent.objects.count() - 1  # its own record comes after
    assert AuditEvent.objects.order_by("-id").first().action == "audit.verify"


def test_verify_names_a_tampered_record(people, login, client):
    event = audit_write(by=people.worker, action="test.one", target=people.worker)
    login(people.auditor)
    _tamper(event.pk, "rewritten")
    response = client.post("/audit/verify/")
    assert response.context["broken"] == [event.pk]
    assert f"/audit/{event.pk}/" in response.content.decode()
    detail = client.get(f"/audit/{event.pk}/").content.decode()
    assert "此记录已被篡改" in detail


def test_verify_is_a_post_with_csrf(people, login, client):
    login(people.auditor)
    assert client.get("/audit/verify/").status_code == 405
    client.handler.enforce_csrf_checks = True
    assert client.post("/audit/verify/").status_code == 403


def test_export_needs_recent_reauthentication(people, login, client):
    login(people.auditor)
    response = client.get("/audit/export.xlsx?kind=write")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauth/")


def test_export_writes_the_filtered_rows_formula_safe_and_is_recorded(people, login, client):
    audit_read(by=people.worker, action="test.export", target=people.worker, subject_id=5, category="contact",
               reason="=HYPERLINK(\"http://evil\")")
    login(people.auditor)
    assert client.post("/accounts/reauth/", {"password": "Correct-Horse-42"}).status_code == 302
    response = client.get("/audit/export.xlsx?action=test.export")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][5] == "test.export"
    assert rows[1][11] == "'=HYPERLINK(\"http://evil\")"
    record = AuditEvent.objects.order_by("-id").first()
    assert (record.action, record.kind, record.detail["count"]) == ("audit.export", AuditKind.EXPORT, 1)


def test_a_subdistrict_auditor_sees_nothing(tree, people, login, client):
    from shiliu.accounts.services import role_grant

    role_grant(user=people.nobody, role=Role.AUDITOR, place=tree.daqi, by=None)
    from shiliu.audit.selectors import audit_events_visible

    people.nobody._active_roles = None
    assert not audit_events_visible(people.nobody).exists()
    assert audit_events_visible(people.auditor).exists()


def test_export_answers_429_with_retry_after_past_10_a_minute(people, login, client):
    login(people.auditor)
    assert client.post("/accounts/reauth/", {"password": "Correct-Horse-42"}).status_code == 302
    for _ in range(10):
        assert client.get("/audit/export.xlsx").status_code == 200
    before = AuditEvent.objects.filter(action="audit.export").count()
    response = client.get("/audit/export.xlsx")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "请求过于频繁" in response.content.decode()
    assert AuditEvent.objects.filter(action="audit.export").count() == before  # nothing was exported
    assert client.get("/audit/").status_code == 200  # the list itself is not held back
