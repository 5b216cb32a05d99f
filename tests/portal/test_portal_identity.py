"""The resident's identity: a verified phone in the session, apart from staff sign-in."""

import time

import pytest
from django.test import RequestFactory
from portal_helpers import E164, last_code, verify

from shiliu.portal import identity

pytestmark = pytest.mark.django_db


def test_mine_without_a_verified_phone_goes_to_the_code_page_and_back(client):
    response = client.get("/portal/mine/")
    assert response.status_code == 302
    assert response["Location"] == "/portal/code/?next=%2Fportal%2Fmine%2F"
    response = verify(client)
    assert response.status_code == 302 and response["Location"] == "/portal/mine/"
    assert client.get("/portal/mine/").status_code == 200


def test_verifying_issues_a_new_session_key(client):
    client.get("/portal/code/")
    client.post("/portal/code/", {"step": "send", "phone": "13812345678"})
    before = client.session.session_key
    verify(client)
    assert client.session.session_key != before


def test_signing_out_ends_the_verified_phone(client):
    verify(client)
    client.post("/portal/sign-out/")
    assert client.get("/portal/mine/").status_code == 302


def test_signing_out_goes_back_to_a_local_path_only(client):
    verify(client)
    response = client.post("/portal/sign-out/", {"next": "/jobs/public/"})
    assert response.status_code == 302 and response["Location"] == "/jobs/public/"
    assert client.get("/portal/mine/").status_code == 302
    verify(client)
    for elsewhere in ("https://evil.example/", "//evil.example/", "jobs/public/"):
        response = client.post("/portal/sign-out/", {"next": elsewhere})
        assert response["Location"] == "/portal/", elsewhere


def test_an_idle_session_forgets_the_phone(client, settings):
    verify(client)
    session = client.session
    session[identity.SEEN] = time.time() - 31 * 60
    session.save()
    assert client.get("/portal/mine/").status_code == 302


def test_a_verified_phone_is_not_a_staff_sign_in(client):
    verify(client)
    response = client.get("/orders/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login")


def test_verified_phone_reads_the_session():
    request = RequestFactory().get("/")
    request.session = {identity.PHONE: E164, identity.SEEN: time.time(), identity.VERIFIED_AT: time.time()}
    assert identity.verified_phone(request) == E164
    request.session[identity.VERIFIED_AT] = time.time() - 5 * 3600
    assert identity.verified_phone(request) is None


def test_a_resident_token_stands_for_the_phone_and_cannot_be_altered():
    token = identity.resident_token(E164)
    assert E164 not in token and "13812345678" not in token
    assert identity.token_phone(token) == E164
    assert identity.token_phone(token[:-2] + "xx") is None


def test_the_blind_index_is_the_residents_one():
    from shiliu.people.services import phone_index

    assert identity.phone_index(E164) == phone_index(E164) != ""


def test_the_fourth_code_on_the_page_is_429_and_the_number_stays_out_of_the_url(client):
    for _n in range(3):
        response = client.post("/portal/code/", {"step": "send", "phone": "13812345678"})
        assert response.status_code == 200
    response = client.post("/portal/code/", {"step": "send", "phone": "13812345678"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_a_wrong_code_on_the_page_is_shown_next_to_the_field(client):
    client.post("/portal/code/", {"step": "send", "phone": "13812345678"})
    code = last_code()
    wrong = "000000" if code != "000000" else "111111"
    response = client.post("/portal/code/", {"step": "verify", "code": wrong})
    assert response.status_code == 200 and response.context["code_form"].errors["code"]
    assert client.get("/portal/mine/").status_code == 302


def test_the_honeypot_on_the_code_page_sends_nothing(client):
    from shiliu.portal.models import OneTimeCode

    response = client.post("/portal/code/", {"step": "send", "phone": "13812345678", "website": "x"})
    assert response.status_code == 400 and not OneTimeCode.objects.exists()


def test_next_never_leads_off_the_site(client):
    client.post("/portal/code/", {"step": "send", "phone": "13812345678"})
    response = client.post("/portal/code/", {"step": "verify", "code": last_code(), "next": "https://evil.example/"})
    assert response["Location"] == "/portal/mine/"
