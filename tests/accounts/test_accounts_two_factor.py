"""C5 second factor: required for administrators and auditors, TOTP set-up, backup codes, E2 records."""

import base64
import re

import pytest
from accounts_helpers import BACKUP_CODE, actions_since, audit_mark, sign_in
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

PAGES = ["/", "/accounts/me/", "/accounts/staff/", "/accounts/password/", "/accounts/reauth/",
         "/accounts/staff/new/"]


def _secret_on_page(response) -> bytes:
    match = re.search(r'<code class="secret">([A-Z2-7=]+)</code>', response.content.decode())
    assert match, "the set-up page shows the secret"
    return base64.b32decode(match.group(1))


def _code(key: bytes, shift: int = 0) -> str:
    return f"{(totp(key) + shift) % 1_000_000:06d}"


@pytest.mark.parametrize("persona", ["admin", "auditor"])
def test_admin_and_auditor_are_sent_to_the_second_factor_on_every_page(people, client, persona):
    assert sign_in(client, getattr(people, persona).username).status_code == 302
    for page in PAGES:
        response = client.get(page)
        assert response.status_code == 302, page
        assert response["Location"].startswith("/accounts/2fa/"), page


def test_a_worker_without_a_second_factor_is_not_held(people, client):
    sign_in(client, "xieshu_worker")
    assert client.get("/").status_code == 200


def test_admin_passes_with_a_backup_code_and_it_works_only_once(people, client):
    sign_in(client, "admin")
    mark = audit_mark()
    assert client.post("/accounts/2fa/", {"code": BACKUP_CODE}).status_code == 302
    assert actions_since(mark) == ["2fa.success"]
    assert client.get("/accounts/staff/").status_code == 200
    client.post("/accounts/logout/")
    sign_in(client, "admin")
    mark = audit_mark()
    response = client.post("/accounts/2fa/", {"code": BACKUP_CODE})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert actions_since(mark) == ["2fa.failed"]
    assert client.get("/")["Location"].startswith("/accounts/2fa/")


def test_totp_set_up_with_a_code_from_the_shown_key_lets_the_admin_in(people, client, admin_without_factor):
    sign_in(client, "admin")
    page = client.get("/accounts/2fa/")
    assert page.context["setup"] is True
    key = _secret_on_page(page)
    assert not TOTPDevice.objects.filter(user=people.admin).exists()  # a GET writes nothing
    mark = audit_mark()
    response = client.post("/accounts/2fa/", {"code": _code(key)})
    assert response.status_code == 302
    assert actions_since(mark) == ["2fa.setup", "2fa.success"]
    device = TOTPDevice.objects.get(user=people.admin)
    assert device.confirmed and device.bin_key == key
    assert client.get("/accounts/staff/").status_code == 200
    # the next sign-in asks for a code from the same key, not a new set-up
    client.post("/accounts/logout/")
    sign_in(client, "admin")
    assert client.get("/accounts/2fa/").context["setup"] is False


def test_totp_set_up_refuses_a_wrong_code(people, client, admin_without_factor):
    sign_in(client, "admin")
    key = _secret_on_page(client.get("/accounts/2fa/"))
    mark = audit_mark()
    response = client.post("/accounts/2fa/", {"code": _code(key, shift=500_000)})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert actions_since(mark) == ["2fa.failed"]
    assert not TOTPDevice.objects.filter(user=people.admin).exists()
    assert client.get("/")["Location"].startswith("/accounts/2fa/")


def test_a_confirmed_totp_code_cannot_be_used_twice(people, client, admin_without_factor):
    sign_in(client, "admin")
    key = _secret_on_page(client.get("/accounts/2fa/"))
    code = _code(key)
    assert client.post("/accounts/2fa/", {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    sign_in(client, "admin")
    assert client.post("/accounts/2fa/", {"code": code}).status_code == 200


def test_setting_up_a_second_factor_outside_the_sign_in_needs_re_authentication(people, client):
    sign_in(client, "xieshu_worker")
    response = client.get("/accounts/2fa/?next=/accounts/me/")
    assert response["Location"].startswith("/accounts/reauth/?next=")
    assert client.post("/accounts/2fa/", {"code": "123456"})["Location"].startswith("/accounts/reauth/")
    assert not TOTPDevice.objects.filter(user=people.worker).exists()


def test_a_worker_who_set_up_a_second_factor_must_use_it_at_the_next_sign_in(people, client, reauthed):
    sign_in(client, "xieshu_worker")
    reauthed()
    key = _secret_on_page(client.get("/accounts/2fa/"))
    assert client.post("/accounts/2fa/", {"code": _code(key)}).status_code == 302
    client.post("/accounts/logout/")
    sign_in(client, "xieshu_worker")
    assert client.get("/")["Location"].startswith("/accounts/2fa/")


def test_the_code_form_answers_429_past_ten_tries_a_minute(people, client):
    sign_in(client, "admin")
    for _ in range(10):
        client.post("/accounts/2fa/", {"code": "000000x"})
    response = client.post("/accounts/2fa/", {"code": BACKUP_CODE})
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
