"""Bearer tokens obey the rules of a session: second factor (C5), password expiry (C2),
and a password change ends them (C1)."""

from datetime import timedelta

from accounts_helpers import BACKUP_CODE, PASSWORD, actions_since, audit_mark
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from shiliu.accounts.models import ApiToken, Role
from shiliu.accounts.services import backup_codes_issue, password_set, role_grant, token_issue

NEW_PASSWORD = "Another-Horse-77x"


def _bearer(secret: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _issue(user, **kwargs) -> dict:
    _row, secret = token_issue(user=user, **kwargs)
    return _bearer(secret)


def _me(client, headers) -> int:
    return client.get("/api/v1/auth/me", **headers).status_code


def _endpoint_token(client, username, **fields) -> dict:
    response = client.post("/api/v1/auth/token", {"username": username, "password": PASSWORD, **fields},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    return _bearer(response.json()["token"])


# --- C5: second factor -----------------------------------------------------------------------

def test_token_issued_before_a_role_that_needs_2fa_stops_working_once_the_role_is_granted(people, tree, client):
    """The reviewer's proof, reversed."""
    headers = _issue(people.worker)
    assert _me(client, headers) == 200
    role_grant(user=people.worker, role=Role.DISTRICT_ADMIN, place=tree.district, by=people.admin)
    assert _me(client, headers) == 401
    assert client.get("/api/v1/staff", **headers).status_code == 401
    assert client.get("/api/v1/audit/events", **headers).status_code == 401


def test_token_issued_with_a_second_factor_at_the_endpoint_works_for_an_admin(people, client):
    headers = _endpoint_token(client, "admin", otp=BACKUP_CODE)
    assert ApiToken.objects.get(user=people.admin).second_factor is True
    assert _me(client, headers) == 200


def test_admin_token_without_a_second_factor_is_refused(people, client):
    assert _me(client, _issue(people.admin)) == 401


def test_worker_token_without_a_second_factor_stops_once_the_worker_sets_one_up(people, client):
    headers = _endpoint_token(client, "xieshu_worker")
    assert ApiToken.objects.get(user=people.worker).second_factor is False
    assert _me(client, headers) == 200
    backup_codes_issue(user=people.worker)
    assert _me(client, headers) == 401


def test_an_unconfirmed_authenticator_does_not_stop_a_worker_token(people, client):
    headers = _issue(people.worker)
    TOTPDevice.objects.create(user=people.worker, name="default", confirmed=False)
    assert _me(client, headers) == 200


def test_token_made_on_my_account_after_the_second_factor_works_for_an_admin(people, login, client):
    login(people.admin)
    response = client.post("/accounts/me/tokens/", {"name": "script"})
    assert response.status_code == 200
    assert ApiToken.objects.get(user=people.admin).second_factor is True
    client.post("/accounts/logout/")
    assert _me(client, _bearer(response.context["new_secret"])) == 200


def test_token_made_on_my_account_without_a_second_factor_is_marked_so(people, login, client):
    login(people.worker)
    response = client.post("/accounts/me/tokens/", {"name": "script"})
    assert ApiToken.objects.get(user=people.worker).second_factor is False
    client.post("/accounts/logout/")
    assert _me(client, _bearer(response.context["new_secret"])) == 200


# --- C2: password expiry ---------------------------------------------------------------------

def test_token_is_refused_while_the_password_has_expired(people, client, settings):
    """The reviewer's proof, reversed; the token works again once the password is current."""
    worker = people.worker
    headers = _issue(worker)
    worker.password_changed_at = None
    worker.save(update_fields=["password_changed_at"])
    assert client.get("/api/v1/residents", **headers).status_code == 401
    worker.password_changed_at = timezone.now() - timedelta(days=settings.SHILIU_PASSWORD_MAX_AGE_DAYS, hours=1)
    worker.save(update_fields=["password_changed_at"])
    assert _me(client, headers) == 401
    worker.password_changed_at = timezone.now()
    worker.save(update_fields=["password_changed_at"])
    assert _me(client, headers) == 200


# --- C1: a password change ends the tokens ---------------------------------------------------

def test_changing_the_password_revokes_the_tokens_but_keeps_this_session(people, login, client):
    """The reviewer's proof, reversed."""
    headers = _issue(people.worker)
    other = _issue(people.officer)
    login(people.worker)
    mark = audit_mark()
    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                                   "new_password2": NEW_PASSWORD}, follow=True)
    assert response.status_code == 200
    assert any("API" in str(m) for m in response.context["messages"])  # the page says the tokens ended
    assert "password.change" in actions_since(mark)
    assert _me(client.__class__(), headers) == 401  # a fresh client: no session, the token alone
    assert client.get("/api/v1/residents", **headers).status_code == 200  # the session still works
    assert client.get("/accounts/me/").status_code == 200
    assert _me(client.__class__(), other) == 200  # someone else's token is untouched
    # a new token, made after the change, works
    response = client.post("/accounts/me/tokens/", {"name": "again"})
    assert _me(client.__class__(), _bearer(response.context["new_secret"])) == 200


def test_password_set_revokes_every_token_and_says_how_many(people):
    for _ in range(2):
        token_issue(user=people.worker)
    assert password_set(user=people.worker, raw=NEW_PASSWORD, by=people.worker) == 2
    assert not ApiToken.objects.filter(user=people.worker, revoked_at__isnull=True).exists()
