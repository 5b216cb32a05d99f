"""E2: every refusal writes exactly one ``access.denied`` record, whoever refused.

The access rule refuses a role that lacks the capability; a selector or service refuses
later (a worker sees their community but may not edit it). Both end in the 403 handlers
(shiliu.core.errors.forbidden, the API's PermissionDenied handler), which write the record.
"""

import json

from django.test import Client

from shiliu.audit.models import AuditEvent


def denied_since(mark: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(id__gt=mark, kind="denied").order_by("id"))


def mark() -> int:
    return AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_a_place_edit_refused_inside_the_subtree_writes_one_denied_record_per_page(tree, people, login, client):
    login(people.worker)
    for method, url, data in [
        ("get", f"/places/{tree.xieshu.pk}/edit/", None),
        ("post", f"/places/{tree.xieshu.pk}/edit/", {"code": "x", "name": "x", "kind": "community", "version": 1}),
        ("post", f"/places/{tree.xieshu.pk}/new/", {"code": "x", "kind": "school", "name": "x"}),
        ("get", f"/places/{tree.xieshu.pk}/move/", None),
    ]:
        start = mark()
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        assert response.status_code == 403, url
        records = denied_since(start)
        assert len(records) == 1, url
        record = records[0]
        assert (record.action, record.actor, record.detail["path"], record.detail["method"]) == (
            "access.denied", people.worker, url, method.upper())
        assert "rule" not in record.detail  # a later check, not a rule, refused


def test_a_place_edit_refused_inside_the_subtree_writes_one_denied_record_per_api_call(tree, people, token_for,
                                                                                        client):
    headers = token_for(people.worker)
    for method, url, body in [
        ("patch", f"/api/v1/places/{tree.xieshu.pk}", {"name": "x", "version": 1}),
        ("post", "/api/v1/places", {"parent_id": tree.xieshu.pk, "code": "x", "kind": "school", "name": "x"}),
        ("post", f"/api/v1/places/{tree.xieshu.pk}/move", {"parent_id": tree.daqi.pk, "version": 1}),
    ]:
        start = mark()
        response = getattr(client, method)(url, json.dumps(body), content_type="application/json", **headers)
        assert response.status_code == 403, (url, response.content)
        assert response["Content-Type"] == "application/problem+json"
        records = denied_since(start)
        assert len(records) == 1, url
        assert (records[0].action, records[0].actor, records[0].detail["path"]) == (
            "access.denied", people.worker, url)


def test_an_access_rule_refusal_still_writes_exactly_one_record_naming_the_rule(people, login, token_for, client):
    headers = token_for(people.worker)
    start = mark()
    assert client.get("/api/v1/audit/events", **headers).status_code == 403
    records = denied_since(start)
    assert [(r.action, r.detail["rule"], r.detail["path"]) for r in records] == [
        ("access.denied", "audit.view", "/api/v1/audit/events")]
    login(people.worker)
    start = mark()
    assert client.get("/audit/").status_code == 403
    records = denied_since(start)
    assert [(r.action, r.detail["rule"], r.detail["path"], r.actor) for r in records] == [
        ("access.denied", "audit.view", "/audit/", people.worker)]


def test_a_refusal_is_recorded_with_the_callers_address(people, login, client):
    login(people.worker)
    start = mark()
    client.get("/audit/", REMOTE_ADDR="10.1.2.3")
    assert denied_since(start)[0].address == "10.1.2.3"


def test_a_page_csrf_failure_is_not_recorded_as_a_refusal(people, login, client):
    login(people.auditor)
    client.handler.enforce_csrf_checks = True
    start = mark()
    assert client.post("/audit/verify/").status_code == 403
    assert denied_since(start) == []


def test_an_api_csrf_failure_is_not_recorded_as_a_refusal(tree, people):
    c = Client(enforce_csrf_checks=True)
    c.force_login(people.worker)
    start = mark()
    response = c.post("/api/v1/places", json.dumps({"parent_id": tree.xieshu.pk, "code": "x", "kind": "school",
                                                    "name": "x"}), content_type="application/json")
    assert response.status_code in (401, 403)
    assert denied_since(start) == []


def test_an_anonymous_api_call_writes_nothing(db, client):
    start = mark()
    assert client.get("/api/v1/audit/events").status_code == 401
    assert AuditEvent.objects.filter(id__gt=start).count() == 0
