"""C4 lockout per account and per address behind proxies, E2 sign-in records, F6 login rate limit."""

from datetime import timedelta

from accounts_helpers import actions_since, audit_mark, sign_in
from django.utils import timezone

from shiliu.accounts.models import LoginAttempt


def _error_codes(response) -> list[str]:
    return [e.code for e in response.context["form"].non_field_errors().as_data()]


def _signed_in(client) -> bool:
    return client.get("/accounts/me/").status_code == 200


def test_account_locks_after_failures_and_refuses_even_the_right_password(people, client, settings):
    for _ in range(settings.SHILIU_LOCKOUT_FAILURES):
        assert sign_in(client, "xieshu_worker", "Wrong-Password-1").status_code == 200
    response = sign_in(client, "xieshu_worker")
    assert response.status_code == 200
    assert _error_codes(response) == ["locked"]
    assert not _signed_in(client)


def test_one_failure_fewer_than_the_limit_does_not_lock(people, client, settings):
    for _ in range(settings.SHILIU_LOCKOUT_FAILURES - 1):
        sign_in(client, "xieshu_worker", "Wrong-Password-1")
    assert sign_in(client, "xieshu_worker").status_code == 302


def test_lock_ends_after_the_window(people, client, settings):
    for _ in range(settings.SHILIU_LOCKOUT_FAILURES):
        sign_in(client, "xieshu_worker", "Wrong-Password-1")
    assert _error_codes(sign_in(client, "xieshu_worker")) == ["locked"]
    LoginAttempt.objects.update(at=timezone.now() - timedelta(minutes=settings.SHILIU_LOCKOUT_MINUTES, seconds=1))
    assert sign_in(client, "xieshu_worker").status_code == 302


def test_address_locks_after_failures_on_many_usernames(people, client, settings):
    settings.SHILIU_LOCKOUT_ADDRESS_FAILURES = 4
    for i in range(4):
        sign_in(client, f"guess{i}", "Wrong-Password-1")
    response = sign_in(client, "xieshu_worker")
    assert _error_codes(response) == ["locked"]
    # the same account from another address is not locked: the lock was the address's
    assert sign_in(client, "xieshu_worker", REMOTE_ADDR="10.9.9.9").status_code == 302


def test_behind_one_proxy_a_forged_left_most_address_does_not_escape_the_lock(people, client, settings):
    settings.SHILIU_TRUSTED_PROXIES = 1
    settings.SHILIU_LOCKOUT_ADDRESS_FAILURES = 4
    via_proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for i in range(4):
        sign_in(client, f"guess{i}", "Wrong-Password-1", HTTP_X_FORWARDED_FOR=f"9.9.9.{i}, 203.0.113.7", **via_proxy)
    assert set(LoginAttempt.objects.values_list("address", flat=True)) == {"203.0.113.7"}
    response = sign_in(client, "xieshu_worker", HTTP_X_FORWARDED_FOR="8.8.8.8, 203.0.113.7", **via_proxy)
    assert _error_codes(response) == ["locked"]
    # another client behind the same proxy is not locked out with the attacker
    assert sign_in(client, "xieshu_worker", HTTP_X_FORWARDED_FOR="198.51.100.9", **via_proxy).status_code == 302


def test_without_trusted_proxies_the_forwarded_header_is_ignored(people, client, settings):
    settings.SHILIU_TRUSTED_PROXIES = 0
    settings.SHILIU_LOCKOUT_ADDRESS_FAILURES = 4
    for i in range(4):
        sign_in(client, f"guess{i}", "Wrong-Password-1", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"9.9.9.{i}")
    assert set(LoginAttempt.objects.values_list("address", flat=True)) == {"10.0.0.1"}
    response = sign_in(client, "xieshu_worker", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert _error_codes(response) == ["locked"]


def test_an_address_that_is_not_an_address_in_the_header_falls_back_to_the_peer(people, client, settings):
    settings.SHILIU_TRUSTED_PROXIES = 1
    assert sign_in(client, "x", "Wrong-Password-1", REMOTE_ADDR="10.0.0.1",
                   HTTP_X_FORWARDED_FOR="not-an-address").status_code == 200
    assert LoginAttempt.objects.get().address == "10.0.0.1"


def test_sign_in_success_failure_and_lockout_are_audited(people, client, settings):
    mark = audit_mark()
    sign_in(client, "xieshu_worker")
    assert actions_since(mark) == ["login.password_ok", "login.success"]
    client.post("/accounts/logout/")
    mark = audit_mark()
    sign_in(client, "daqi_officer", "Wrong-Password-1")
    assert actions_since(mark) == ["login.failed"]
    for _ in range(settings.SHILIU_LOCKOUT_FAILURES - 1):
        sign_in(client, "daqi_officer", "Wrong-Password-1")
    assert "login.lockout" in actions_since(mark)
    mark = audit_mark()
    sign_in(client, "daqi_officer")
    assert actions_since(mark) == ["login.locked"]


def test_login_form_answers_429_with_retry_after_past_ten_tries_a_minute(people, client):
    for i in range(10):
        assert sign_in(client, f"someone{i}", "Wrong-Password-1").status_code == 200
    response = sign_in(client, "xieshu_worker")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    # another address is not limited
    assert sign_in(client, "xieshu_worker", REMOTE_ADDR="10.9.9.9").status_code == 302
