"""/api/v1/audit: the same rule, filters and records of reads as the pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dbtriggers import lift_audit_triggers
from shiliu.audit.models import AuditEvent
from shiliu.audit.services import audit_read, audit_write


@pytest.mark.parametrize("persona", ["auditor", "admin"])
def test_auditor_and_admin_list_events_newest_first(people, client, token_for, persona):
    audit_write(by=people.worker, action="test.first", target=people.worker)
    audit_write(by=people.worker, action="test.second", target=people.worker)
    response = client.get("/api/v1/audit/events?action=test.", **token_for(getattr(people, persona)))
    assert response.status_code == 200
    body = response.json()
    assert [e["action"] for e in body["items"]] == ["test.second", "test.first"]
    assert body["count"] == 2
    assert body["items"][0]["prev_hash"] == body["items"][1]["hash"]


@pytest.mark.parametrize("persona", ["officer", "worker", "operator", "liaison", "nobody"])
def test_other_roles_get_403_on_every_audit_operation(people, client, token_for, persona):
    headers = token_for(getattr(people, persona))
    event_id = AuditEvent.objects.order_by("id").first().pk
    for method, url in [("get", "/api/v1/audit/events"), ("get", f"/api/v1/audit/events/{event_id}"),
                        ("post", "/api/v1/audit/verify")]:
        response = getattr(client, method)(url, **headers)
        assert response.status_code == 403, url
        assert response["Content-Type"] == "application/problem+json"


def test_anonymous_gets_401(client, db):
    assert client.get("/api/v1/audit/events").status_code == 401


def test_events_filter_by_resident_and_kind(people, client, token_for):
    audit_read(by=people.worker, action="resident.view", target=people.worker, subject_id=31, category="contact")
    audit_write(by=people.worker, action="resident.update", target=people.worker, subject_id=31)
    audit_read(by=people.worker, action="resident.view", target=people.worker, subject_id=32, category="contact")
    response = client.get("/api/v1/audit/events?subject=31&kind=read", **token_for(people.auditor))
    assert [(e["action"], e["subject_id"]) for e in response.json()["items"]] == [("resident.view", 31)]


def test_bad_filters_answer_422_naming_the_field(people, client, token_for):
    headers = token_for(people.auditor)
    response = client.get("/api/v1/audit/events?date_from=2026-03-02&date_to=2026-03-01", **headers)
    assert response.status_code == 422
    assert "date_to" in response.json()["errors"]
    response = client.get("/api/v1/audit/events?date_from=yesterday", **headers)
    assert response.status_code == 422
    assert "date_from" in response.json()["errors"]


def test_list_read_is_recorded(people, client, token_for):
    client.get("/api/v1/audit/events?subject=9", **token_for(people.auditor))
    record = AuditEvent.objects.order_by("-id").first()
    assert (record.action, record.actor_name, record.subject_id) == ("audit.list", "auditor", 9)


def test_list_query_count_does_not_grow_with_rows(people, client, token_for, django_assert_max_num_queries):
    headers = token_for(people.auditor)
    client.get("/api/v1/audit/events", **headers)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/audit/events", **headers).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    for i in range(30):
        audit_write(by=people.worker, action=f"test.bulk{i}", target=people.worker)
    assert queries() == few
    with django_assert_max_num_queries(12):
        client.get("/api/v1/audit/events?page_size=10", **headers)


def test_event_detail_and_404(people, client, token_for):
    event = audit_write(by=people.worker, action="test.one", target=people.worker)
    headers = token_for(people.auditor)
    body = client.get(f"/api/v1/audit/events/{event.pk}", **headers).json()
    assert (body["id"], body["hash"], body["prev_hash"]) == (event.pk, event.hash, event.prev_hash)
    assert body["actor_roles"]
    assert client.get("/api/v1/audit/events/99999999", **headers).status_code == 404


def test_verify_reports_intact_then_names_a_tampered_row(people, client, token_for):
    event = audit_write(by=people.worker, action="test.one", target=people.worker)
    headers = token_for(people.auditor)
    body = client.post("/api/v1/audit/verify", **headers).json()
    assert body["intact"] is True and body["broken"] == [] and body["checked"] >= 1
    lift_audit_triggers()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_name = 'someone_else' WHERE id = %s", [event.pk])
    body = client.post("/api/v1/audit/verify", **headers).json()
    assert body["intact"] is False and body["broken"] == [event.pk]


def test_verify_is_a_post_that_writes_its_own_record_and_a_get_writes_nothing(people, client, token_for):
    headers = token_for(people.auditor)
    before = AuditEvent.objects.count()
    assert client.get("/api/v1/audit/verify", **headers).status_code == 405
    assert AuditEvent.objects.count() == before
    assert client.post("/api/v1/audit/verify", **headers).status_code == 200
    assert AuditEvent.objects.order_by("-id").first().action == "audit.verify"
    assert AuditEvent.objects.count() == before + 1


def test_a_list_page_holds_at_most_50_records(people, client, token_for):
    for i in range(60):
        audit_write(by=people.worker, action=f"test.bulk{i}", target=people.worker)
    headers = token_for(people.auditor)
    response = client.get("/api/v1/audit/events?page_size=51", **headers)
    assert response.status_code == 422
    assert "page_size" in response.json()["errors"]
    body = client.get("/api/v1/audit/events?page_size=50", **headers).json()
    assert len(body["items"]) == 50 and body["next_page"] == 2
    body = client.get("/api/v1/audit/events", **headers).json()
    assert body["page_size"] == 50 and len(body["items"]) == 50


def test_the_audit_api_answers_429_with_retry_after_past_60_requests_a_minute(people, client, token_for):
    headers = token_for(people.auditor)
    event_id = AuditEvent.objects.order_by("id").first().pk
    for i in range(60):
        url = "/api/v1/audit/events" if i % 2 else f"/api/v1/audit/events/{event_id}"
        assert client.get(url, **headers).status_code == 200, i
    before = AuditEvent.objects.count()
    for method, url in [("get", "/api/v1/audit/events"), ("get", f"/api/v1/audit/events/{event_id}"),
                        ("post", "/api/v1/audit/verify")]:
        response = getattr(client, method)(url, **headers)
        assert response.status_code == 429, url
        assert response["Content-Type"] == "application/problem+json"
        assert 1 <= int(response["Retry-After"]) <= 60
    assert AuditEvent.objects.count() == before  # refused before anything was read
    # the limit is per user: the administrator is not held back by the auditor's paging
    assert client.get("/api/v1/audit/events", **token_for(people.admin)).status_code == 200


def test_the_limits_are_stated_in_the_api_description(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "60 requests a minute" in paths["/api/v1/audit/events"]["get"]["description"]
    assert "page_size ≤ 50" in paths["/api/v1/audit/events"]["get"]["description"]
    assert set(paths["/api/v1/audit/verify"]) == {"post"}
