"""Resident tokens can be revoked: one (sign out) or all of a phone (sign out everywhere)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from portal_helpers import E164, OTHER, PHONE, last_code, verify

from shiliu.audit.models import AuditEvent
from shiliu.portal import identity
from shiliu.portal.models import ResidentToken
from shiliu.portal.tasks import forget_expired_tokens

pytestmark = pytest.mark.django_db
BASE = "/api/v1/portal"
OTHER_E164 = "+86" + OTHER


def _token(client, phone=PHONE, e164=E164) -> str:
    assert client.post(f"{BASE}/code", {"phone": phone}, content_type="application/json").status_code == 202
    response = client.post(f"{BASE}/code/verify", {"phone": phone, "code": last_code(e164)},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()["token"]


def _mine(client, token):
    return client.get(f"{BASE}/requests", HTTP_X_RESIDENT_TOKEN=token)


def test_a_token_has_a_row_with_the_blind_index_only(client):
    token = _token(client)
    row = ResidentToken.objects.get()
    assert row.phone_index == identity.phone_index(E164) and E164 not in row.phone_index
    assert row.key in identity.signing.loads(token, salt=identity.TOKEN_SALT)["k"]
    assert row.revoked_at is None and row.expires_at > timezone.now()


def test_sign_out_revokes_the_token_used_and_it_answers_401_after(client):
    token = _token(client)
    assert _mine(client, token).status_code == 200
    response = client.post(f"{BASE}/sign-out", HTTP_X_RESIDENT_TOKEN=token)
    assert response.status_code == 200 and response.json() == {"revoked": 1}
    again = _mine(client, token)
    assert again.status_code == 401 and again["Content-Type"].startswith("application/problem+json")
    assert client.post(f"{BASE}/sign-out", HTTP_X_RESIDENT_TOKEN=token).status_code == 401


def test_sign_out_keeps_the_phones_other_tokens(client):
    first, second = _token(client), _token(client)
    client.post(f"{BASE}/sign-out", HTTP_X_RESIDENT_TOKEN=first)
    assert _mine(client, first).status_code == 401
    assert _mine(client, second).status_code == 200


def test_sign_out_everywhere_revokes_every_token_of_the_phone_and_no_other(client):
    mine = [_token(client), _token(client)]
    theirs = _token(client, OTHER, OTHER_E164)
    response = client.post(f"{BASE}/sign-out-everywhere", HTTP_X_RESIDENT_TOKEN=mine[1])
    assert response.status_code == 200 and response.json() == {"revoked": 2}
    assert [_mine(client, t).status_code for t in mine] == [401, 401]
    assert _mine(client, theirs).status_code == 200
    event = AuditEvent.objects.filter(action="portal.sign_out_everywhere").get()
    assert event.detail == {"tokens": 2} and E164 not in str(event.detail)


def test_sign_out_everywhere_without_a_valid_token_is_401_and_revokes_nothing(client):
    token = _token(client)
    response = client.post(f"{BASE}/sign-out-everywhere", HTTP_X_RESIDENT_TOKEN="forged")
    assert response.status_code == 401
    assert _mine(client, token).status_code == 200


def test_an_expired_token_is_401_even_while_its_signature_is_young(client):
    token = _token(client)
    ResidentToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _mine(client, token).status_code == 401


def test_a_token_older_than_the_idle_limit_is_401(client, settings):
    token = _token(client)
    settings.SHILIU_PORTAL_IDLE_MINUTES = 0  # the signature's max_age is now 0 seconds
    ResidentToken.objects.update(expires_at=timezone.now() + timedelta(hours=1))
    assert identity.token_phone(token) is None


def test_a_token_whose_row_is_gone_is_401(client):
    token = _token(client)
    ResidentToken.objects.all().delete()
    assert _mine(client, token).status_code == 401


def test_a_forged_or_altered_token_is_401(client):
    token = _token(client)
    assert _mine(client, token[:-2] + "xx").status_code == 401
    assert _mine(client, "forged").status_code == 401
    # a well-signed payload naming another phone's row does not stand for this phone
    other = _token(client, OTHER, OTHER_E164)
    data = identity.signing.loads(token, salt=identity.TOKEN_SALT)
    data["k"] = identity.signing.loads(other, salt=identity.TOKEN_SALT)["k"]
    swapped = identity.signing.dumps(data, salt=identity.TOKEN_SALT, compress=True)
    assert identity.token_phone(swapped) is None


def test_a_token_of_the_old_kind_without_a_key_is_refused(client):
    from shiliu.core import crypto

    old = identity.signing.dumps({"p": crypto.encrypt(E164)}, salt=identity.TOKEN_SALT, compress=True)
    assert _mine(client, old).status_code == 401


def test_the_daily_task_deletes_expired_rows_only(client):
    _token(client)
    _token(client)
    ResidentToken.objects.filter(pk=ResidentToken.objects.order_by("id").first().pk).update(
        expires_at=timezone.now() - timedelta(minutes=1))
    forget_expired_tokens.call()
    assert ResidentToken.objects.count() == 1


def test_page_sign_out_on_all_devices_revokes_the_phones_tokens(client):
    token = _token(client)
    verify(client)
    response = client.post("/portal/sign-out/", {"everywhere": "1"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "30" in page  # the page says honestly how long other browsers stay signed in
    assert _mine(client, token).status_code == 401
    assert client.get("/portal/mine/").status_code == 302


def test_page_sign_out_keeps_the_apps_signed_in(client):
    token = _token(client)
    verify(client)
    client.post("/portal/sign-out/")
    assert _mine(client, token).status_code == 200


def test_the_mine_page_offers_sign_out_on_all_devices(client):
    verify(client)
    page = client.get("/portal/mine/").content.decode()
    assert 'name="everywhere"' in page
