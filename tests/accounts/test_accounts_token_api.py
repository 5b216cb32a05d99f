"""The token endpoint: C4 lockout, C5 second factor for administrators, E2 records, F6 rate limit."""

from datetime import timedelta

from accounts_helpers import BACKUP_CODE, PASSWORD, actions_since, audit_mark
from django.utils import timezone

from shiliu.accounts.models import ApiToken


def _token(client, username, password=PASSWORD, **fields):
    return client.post("/api/v1/auth/token", {"username": username, "password": password, **fields},
                       content_type="application/json")


def test_worker_gets_a_token_that_works_and_only_its_hash_is_stored(people, client):
    response = _token(client, "xieshu_worker", name="script")
    assert response.status_code == 201
    secret = response.json()["token"]
    row = ApiToken.objects.get(user=people.worker)
    assert row.key_hash == ApiToken.hash(secret) and secret not in (row.key_hash, row.prefix)
    me = client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert me.status_code == 200 and me.json()["username"] == "xieshu_worker"


def test_wrong_password_gets_401_and_is_audited(people, client):
    mark = audit_mark()
    assert _token(client, "xieshu_worker", "Wrong-Password-1").status_code == 401
    assert actions_since(mark) == ["login.failed"]
    assert not ApiToken.objects.exists()


def test_admin_without_otp_or_with_a_wrong_otp_gets_no_token(people, client):
    mark = audit_mark()
    assert _token(client, "admin").status_code == 401
    assert _token(client, "admin", otp="123456").status_code == 401
    assert _token(client, "auditor", otp="not-a-code").status_code == 401
    assert not ApiToken.objects.exists()
    assert actions_since(mark).count("2fa.failed") == 3


def test_admin_with_a_valid_backup_code_gets_a_token(people, client):
    assert _token(client, "admin", otp=BACKUP_CODE).status_code == 201


def test_token_endpoint_is_locked_like_the_login_form(people, client, settings):
    for _ in range(settings.SHILIU_LOCKOUT_FAILURES):
        _token(client, "xieshu_worker", "Wrong-Password-1")
    assert _token(client, "xieshu_worker").status_code == 401
    assert not ApiToken.objects.exists()


def test_token_endpoint_answers_429_with_retry_after_past_ten_tries_a_minute(people, client):
    for i in range(10):
        assert _token(client, f"someone{i}", "Wrong-Password-1").status_code == 401
    response = _token(client, "xieshu_worker")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Content-Type"].startswith("application/problem+json")


def test_a_user_who_must_change_the_password_gets_no_token(people, client, settings):
    people.worker.password_changed_at = timezone.now() - timedelta(days=settings.SHILIU_PASSWORD_MAX_AGE_DAYS + 1)
    people.worker.save()
    assert _token(client, "xieshu_worker").status_code == 403
    assert not ApiToken.objects.exists()


def test_delete_revokes_the_token_used(people, client, token_for):
    headers = token_for(people.worker)
    assert client.delete("/api/v1/auth/token", **headers).status_code == 204
    assert client.get("/api/v1/auth/me", **headers).status_code == 401


def test_unknown_fields_are_refused(people, client):
    assert _token(client, "xieshu_worker", scope="all").status_code == 422
