"""The portal's API: codes, a resident token, opening and listing requests; problem+json errors."""

import pytest
from portal_helpers import E164, OTHER, PHONE, categories, last_code

from shiliu.portal import otp
from shiliu.portal.models import OnlineRequest
from shiliu.workorders.choices import Channel
from shiliu.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db
BASE = "/api/v1/portal"


def _token(client, phone=PHONE, e164=E164) -> dict:
    assert client.post(f"{BASE}/code", {"phone": phone}, content_type="application/json").status_code == 202
    response = client.post(f"{BASE}/code/verify", {"phone": phone, "code": last_code(e164)},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    return {"HTTP_X_RESIDENT_TOKEN": response.json()["token"]}


def _ask(client, tree, headers, **overrides):
    body = {"description": "孩子转学需要什么材料？", "place": tree.xieshu.pk, "consent": True, "form_key": "api-1"}
    body.update(overrides)
    return client.post(f"{BASE}/requests", body, content_type="application/json", **headers)


def test_a_resident_verifies_opens_a_request_and_lists_it(client, tree):
    categories()
    headers = _token(client)
    response = _ask(client, tree, headers)
    assert response.status_code == 201
    order = WorkOrder.objects.get()
    assert order.channel == Channel.ONLINE and response.json()["tracking_code"] == order.tracking_code
    listed = client.get(f"{BASE}/requests", **headers)
    assert [r["tracking_code"] for r in listed.json()] == [order.tracking_code]


def test_the_same_key_twice_is_one_order(client, tree):
    categories()
    headers = _token(client)
    assert _ask(client, tree, headers).status_code == 201
    again = _ask(client, tree, headers)
    assert again.status_code == 200 and WorkOrder.objects.count() == 1 and OnlineRequest.objects.count() == 1


def test_without_a_token_the_answer_is_401_problem_json(client, tree):
    categories()
    response = _ask(client, tree, {"HTTP_X_RESIDENT_TOKEN": "forged"})
    assert response.status_code == 401 and response["Content-Type"].startswith("application/problem+json")
    assert not WorkOrder.objects.exists()
    assert client.get(f"{BASE}/requests").status_code == 401


def test_an_empty_description_is_422_with_the_field(client, tree):
    categories()
    headers = _token(client)
    response = _ask(client, tree, headers, description=" ")
    assert response.status_code == 422 and "description" in response.json()["errors"]
    assert not WorkOrder.objects.exists()


def test_a_wrong_code_is_422_and_counts(client, tree):
    client.post(f"{BASE}/code", {"phone": PHONE}, content_type="application/json")
    wrong = "000000" if last_code() != "000000" else "111111"
    response = client.post(f"{BASE}/code/verify", {"phone": PHONE, "code": wrong}, content_type="application/json")
    assert response.status_code == 422 and "code" in response.json()["errors"]


def test_the_fourth_code_in_an_hour_is_429_with_retry_after(client, tree):
    for _n in range(otp.SENDS_PER_HOUR):
        client.post(f"{BASE}/code", {"phone": PHONE}, content_type="application/json")
    response = client.post(f"{BASE}/code", {"phone": PHONE}, content_type="application/json")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_unknown_fields_are_refused(client, tree):
    response = client.post(f"{BASE}/code", {"phone": PHONE, "admin": True}, content_type="application/json")
    assert response.status_code == 422


def test_the_honeypot_filled_sends_nothing(client, tree):
    response = client.post(f"{BASE}/code", {"phone": PHONE, "website": "x"}, content_type="application/json")
    assert response.status_code == 400
    from shiliu.portal.models import OneTimeCode

    assert not OneTimeCode.objects.exists()


def test_another_phones_list_is_not_mine(client, tree):
    categories()
    _ask(client, tree, _token(client))
    other = _token(client, OTHER, "+86" + OTHER)
    assert client.get(f"{BASE}/requests", **other).json() == []


def test_an_old_consent_version_is_refused(client, tree):
    categories()
    response = _ask(client, tree, _token(client), consent_version="2020-1")
    assert response.status_code == 409 and not WorkOrder.objects.exists()
