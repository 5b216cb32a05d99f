"""C5: setting up an authenticator at sign-in never bypasses a factor the user already holds.

A user with backup codes only (as `shiliu bootstrap` leaves the first administrator) enters
one first, then sets an app up from My account, which asks for the password again (C7).
"""

import re

from accounts_helpers import BACKUP_CODE, PASSWORD, actions_since, audit_mark, sign_in
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from shiliu.accounts.views import SETUP_KEY


def _code_for(key_hex: str) -> str:
    return f"{TOTP(bytes.fromhex(key_hex)).token():06d}"


def test_backup_code_user_with_only_the_password_cannot_enrol_an_authenticator(people, client):
    """The reviewer's proof, reversed: no set-up page, no key in the session, a code from a
    key of the attacker's choosing is refused, and the admin is still held."""
    assert sign_in(client, "admin").status_code == 302
    page = client.get("/accounts/2fa/")
    assert page.status_code == 200 and page.context["setup"] is False
    assert SETUP_KEY not in client.session
    assert not re.search(r'<code class="secret">', page.content.decode())
    mark = audit_mark()
    response = client.post("/accounts/2fa/", {"code": _code_for(random_hex(20))})
    assert response.status_code == 200 and response.context["form"].errors["code"]
    assert actions_since(mark) == ["2fa.failed"]
    assert not TOTPDevice.objects.filter(user=people.admin).exists()
    assert client.get("/api/v1/audit/events").status_code == 401
    assert client.get("/accounts/staff/")["Location"].startswith("/accounts/2fa/")
    assert StaticToken.objects.filter(device__user=people.admin).count() == 1  # the backup code is unused


def test_a_planted_set_up_key_in_the_session_is_not_accepted_while_signing_in(people, client):
    """A key left in the session (e.g. from an earlier visit) is ignored: only existing factors count."""
    sign_in(client, "admin")
    session = client.session
    session[SETUP_KEY] = key = random_hex(20)
    session.save()
    response = client.post("/accounts/2fa/", {"code": _code_for(key)})
    assert response.status_code == 200
    assert not TOTPDevice.objects.filter(user=people.admin).exists()


def test_worker_with_backup_codes_only_is_held_at_the_code_not_at_a_set_up(people, login, client, reauthed):
    """The reviewer's second proof, reversed."""
    login(people.worker)
    reauthed()
    codes = client.post("/accounts/me/backup-codes/", {"next": "/accounts/me/"}).context["new_codes"]
    client.post("/accounts/logout/")
    sign_in(client, "xieshu_worker")
    assert client.get("/residents/").status_code == 302  # held at the second factor
    page = client.get("/accounts/2fa/")
    assert page.context["setup"] is False and page.context["backup_codes_only"] is True
    assert SETUP_KEY not in client.session
    assert client.post("/accounts/2fa/", {"code": codes[0]}).status_code == 302
    assert client.get("/residents/").status_code == 200


def test_a_user_with_no_second_factor_at_all_sets_one_up_at_sign_in(people, client, admin_without_factor):
    sign_in(client, "admin")
    page = client.get("/accounts/2fa/")
    assert page.context["setup"] is True
    response = client.post("/accounts/2fa/", {"code": _code_for(client.session[SETUP_KEY])})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=people.admin, confirmed=True).exists()
    assert client.get("/accounts/staff/").status_code == 200


def test_after_a_backup_code_the_admin_sets_up_an_app_from_my_account_after_re_authentication(people, client):
    sign_in(client, "admin")
    assert client.post("/accounts/2fa/", {"code": BACKUP_CODE}).status_code == 302
    me = client.get("/accounts/me/")
    assert 'href="/accounts/2fa/?next=/accounts/me/"' in me.content.decode()
    response = client.get("/accounts/2fa/?next=/accounts/me/")
    assert response["Location"].startswith("/accounts/reauth/")
    assert client.post("/accounts/reauth/", {"password": PASSWORD}).status_code == 302
    page = client.get("/accounts/2fa/?next=/accounts/me/")
    assert page.context["setup"] is True
    mark = audit_mark()
    response = client.post("/accounts/2fa/?next=/accounts/me/",
                           {"code": _code_for(client.session[SETUP_KEY]), "next": "/accounts/me/"})
    assert response.status_code == 302 and response["Location"] == "/accounts/me/"
    assert actions_since(mark) == ["2fa.setup", "2fa.success"]
    assert TOTPDevice.objects.filter(user=people.admin, confirmed=True).exists()
