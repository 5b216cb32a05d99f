"""C4/C7: every place that asks for the password again obeys the sign-in lockout, and its
failures count and are audited (E2): the re-authentication page, the password change and
the API's reveal all go through shiliu.accounts.services.password_recheck."""

import json

import pytest
from accounts_helpers import PASSWORD, actions_since, audit_mark, sign_in
from django.core.cache import cache

from shiliu.accounts.lockout import is_locked
from shiliu.accounts.services import password_recheck, token_issue
from shiliu.people.services import resident_create

PHONE = "13812345678"


@pytest.fixture
def resident(tree, people):
    return resident_create(by=people.worker, name="阿依古丽", place=tree.xieshu, basis="asked", phone=PHONE)


@pytest.fixture
def worker_token(people):
    _row, secret = token_issue(user=people.worker)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _reveal(client, resident, headers, password):
    return client.post(f"/api/v1/residents/{resident.pk}/reveal",
                       json.dumps({"field": "phone", "reason": "callback", "password": password}),
                       content_type="application/json", **headers)


def _wrong_guesses(n: int, post) -> None:
    for i in range(n):
        if i % 5 == 4:
            cache.clear()  # a new rate-limit window: only the lockout may stop the guessing
        post(f"Guess-{i}-wrong-pw")


def _login_is_refused(client) -> bool:
    client.post("/accounts/logout/")
    response = sign_in(client, "xieshu_worker")
    return response.status_code == 200 and response.context["form"].errors


def test_six_wrong_passwords_at_the_api_reveal_lock_the_account_then_even_the_right_one_fails(
        people, client, resident, worker_token):
    mark = audit_mark()
    for i in range(6):
        response = _reveal(client, resident, worker_token, f"Guess-{i}-wrong-pw")
        assert response.status_code == 403
        assert response["Content-Type"].startswith("application/problem+json")
    assert is_locked("xieshu_worker", "127.0.0.1")
    actions = actions_since(mark)
    assert actions.count("reauth.failed") == 5 and actions.count("reauth.lockout") == 1
    assert actions[-1] == "reauth.locked"  # the sixth was refused unchecked
    response = _reveal(client, resident, worker_token, PASSWORD)
    assert response.status_code == 403
    assert PHONE not in response.content.decode()
    assert "resident.reveal" not in actions_since(mark)
    assert _login_is_refused(client)


def test_api_reveal_refuses_the_right_password_while_the_account_is_locked(people, client, resident, worker_token,
                                                                           settings):
    """The reviewer's proof: lock through the login form, then reveal in a new rate-limit window."""
    for _ in range(settings.SHILIU_LOCKOUT_FAILURES + 1):
        sign_in(client, "xieshu_worker", "Wrong-Password-1A")
    assert is_locked("xieshu_worker", "127.0.0.1")
    cache.clear()
    mark = audit_mark()
    response = _reveal(client, resident, worker_token, PASSWORD)
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert PHONE not in response.content.decode()
    assert actions_since(mark) == ["reauth.locked"]


def test_thirty_wrong_passwords_at_the_api_reveal_are_no_longer_an_unlimited_oracle(people, client, resident,
                                                                                     worker_token):
    """The reviewer's proof, reversed: the guesses lock the account and the login form."""
    _wrong_guesses(30, lambda guess: _reveal(client, resident, worker_token, guess))
    assert is_locked("xieshu_worker", "127.0.0.1")
    cache.clear()
    assert _login_is_refused(client)


def test_api_reveal_with_the_right_password_still_works(people, client, resident, worker_token):
    response = _reveal(client, resident, worker_token, PASSWORD)
    assert response.status_code == 200 and response.json()["value"].endswith(PHONE)


def test_wrong_current_password_at_the_password_change_counts_towards_the_lockout_and_is_audited(
        people, login, client, settings):
    login(people.worker)
    mark = audit_mark()

    def change(old):
        response = client.post("/accounts/password/", {"old_password": old, "new_password1": "Another-Horse-77x",
                                                       "new_password2": "Another-Horse-77x"})
        assert response.status_code == 200
        assert response.context["form"].errors["old_password"]

    for i in range(settings.SHILIU_LOCKOUT_FAILURES):
        change(f"Guess-{i}-wrong-pw")
    assert is_locked("xieshu_worker", "127.0.0.1")
    actions = actions_since(mark)
    assert actions.count("reauth.failed") == settings.SHILIU_LOCKOUT_FAILURES
    assert actions.count("reauth.lockout") == 1
    change(PASSWORD)  # the right one is refused while locked, and nothing changes
    people.worker.refresh_from_db()
    assert people.worker.check_password(PASSWORD)
    assert "password.change" not in actions_since(mark)
    assert _login_is_refused(client)


def test_thirty_guesses_at_the_password_change_lock_the_account_and_leave_a_record(people, login, client):
    """The reviewer's proof, reversed: no longer an unthrottled and unrecorded oracle."""
    login(people.worker)
    mark = audit_mark()
    _wrong_guesses(30, lambda guess: client.post("/accounts/password/", {
        "old_password": guess, "new_password1": "x", "new_password2": "x"}))
    assert is_locked("xieshu_worker", "127.0.0.1")
    assert "reauth.failed" in actions_since(mark)


def test_right_current_password_at_the_password_change_still_works(people, login, client):
    login(people.worker)
    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "Another-Horse-77x",
                                                   "new_password2": "Another-Horse-77x"})
    assert response.status_code == 302


def test_re_authentication_page_audits_the_lockout_and_refuses_the_right_password_after(people, login, client,
                                                                                       settings):
    login(people.worker)
    mark = audit_mark()
    for i in range(settings.SHILIU_LOCKOUT_FAILURES + 1):
        response = client.post("/accounts/reauth/", {"password": f"Guess-{i}-wrong-pw"})
        assert response.status_code == 200
    actions = actions_since(mark)
    assert actions.count("reauth.failed") == settings.SHILIU_LOCKOUT_FAILURES
    assert actions.count("reauth.lockout") == 1 and actions[-1] == "reauth.locked"
    response = client.post("/accounts/reauth/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "reauth_at" not in client.session
    assert _login_is_refused(client)


def test_password_recheck_refuses_while_locked_and_records_each_answer(people):
    from shiliu.accounts.models import LoginAttempt

    worker = people.worker
    assert password_recheck(user=worker, password=PASSWORD, address="192.0.2.1") is True
    assert password_recheck(user=worker, password="Wrong-Password-1", address="192.0.2.1") is False
    assert list(LoginAttempt.objects.order_by("pk").values_list("succeeded", flat=True)) == [True, False]
    for _ in range(5):
        password_recheck(user=worker, password="Wrong-Password-1", address="192.0.2.1")
    assert password_recheck(user=worker, password=PASSWORD, address="192.0.2.1") is False
