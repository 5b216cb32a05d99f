"""F1 CSRF and safe GETs, F3 security headers, F4 strict bodies and size caps."""

import json

import pytest
from django.apps import apps
from django.test import Client
from test_deny_by_default import ARGUMENT, url_patterns

from shiliu.audit.models import AuditEvent
from shiliu.people.models import Resident

# --- F1 -----------------------------------------------------------------------------------------


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_a_post_without_csrf_token_is_refused(people, strict_client):
    response = strict_client.post("/accounts/login/", {"username": "admin", "password": "Correct-Horse-42"})
    assert response.status_code == 403
    assert not strict_client.session.get("_auth_user_id")


def test_a_signed_in_post_without_csrf_token_changes_nothing(tree, people, login, strict_client):
    # sign in with the token, as a browser would
    page = strict_client.get("/accounts/login/")
    token = page.cookies["csrftoken"].value
    response = strict_client.post("/accounts/login/", {"username": people.worker.username,
                                                       "password": "Correct-Horse-42", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    before = Resident.objects.count()
    response = strict_client.post("/residents/new/", {"name": "无令牌", "place": tree.xieshu.pk, "basis": "asked"})
    assert response.status_code == 403
    response = strict_client.post("/api/v1/residents", data=json.dumps(
        {"name": "无令牌", "place": tree.xieshu.pk, "basis": "asked"}), content_type="application/json")
    assert response.status_code in (401, 403)
    assert Resident.objects.count() == before


def _counts() -> dict:
    skip = {AuditEvent, apps.get_model("sessions", "Session")}  # reads are audited; sessions are touched
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m not in skip}


def test_get_requests_change_nothing(people, login, client):
    login(people.admin)
    urls = sorted({"/" + route for route, _name, _cb in url_patterns() if not ARGUMENT.search(route)})
    before = _counts()
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
    assert _counts() == before


# --- F3 -----------------------------------------------------------------------------------------


def _csp(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/accounts/login/", "/", "/api/v1/auth/me", "/healthz"])
def test_responses_carry_the_security_headers(people, login, client, url):
    login(people.worker)
    response = client.get(url)
    policy = _csp(response)
    script = policy.get("script-src", policy["default-src"])
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert "'unsafe-inline'" not in policy.get("style-src", [])
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin-when-cross-origin"}
    assert response["X-Frame-Options"] == "DENY"


def test_pages_use_a_fresh_nonce_for_their_scripts(people, login, client):
    login(people.worker)
    first = _csp(client.get("/"))["script-src"]
    second = _csp(client.get("/"))["script-src"]
    assert any(s.startswith("'nonce-") for s in first) and first != second


# --- F4 -----------------------------------------------------------------------------------------


def test_unknown_fields_in_an_api_body_answer_422_naming_the_field(client, people):
    body = {"username": "admin", "password": "Correct-Horse-42", "is_superuser": True}
    response = client.post("/api/v1/auth/token", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "is_superuser" in response.json()["errors"]


def test_an_oversized_request_is_refused(client, people, settings):
    body = json.dumps({"username": "admin", "password": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = client.post("/api/v1/auth/token", data=body, content_type="application/json")
    assert response.status_code in (400, 413)
    response = client.post("/accounts/login/", {"username": "admin",
                                                "password": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    assert response.status_code in (400, 413)
    assert not client.session.get("_auth_user_id")


def test_too_many_form_fields_are_refused(client, db, settings):
    fields = {f"f{i}": "1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    assert client.post("/accounts/login/", fields).status_code == 400
