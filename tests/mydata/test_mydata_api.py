"""/api/v1/my-data: the resident's side (resident token or portal session) and the office's side."""

import pytest
from mydata_helpers import ME, OTHER, verify

from shiliu.activities.models import Registration
from shiliu.mydata.models import DataRequest
from shiliu.mydata.services import request_create
from shiliu.portal.identity import resident_token

API = "/api/v1/my-data"


def resident(phone=ME) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {resident_token(phone)}"}


def test_the_resident_reads_only_their_phones_data(client, held):
    data = client.get(f"{API}/mine", **resident()).json()
    text = str(data)
    assert {s["app"] for s in data["sections"]} == {"workorders", "activities"}
    assert held.order.tracking_code in text and held.other_order.tracking_code not in text and "赵先生" not in text


def test_the_portal_session_reads_too_but_never_writes(client, held):
    verify(client)
    assert client.get(f"{API}/mine").status_code == 200
    response = client.post(f"{API}/mine/requests", {"kind": "delete"}, content_type="application/json")
    assert response.status_code == 401 and not DataRequest.objects.exists()


def test_without_identity_401(client, db):
    assert client.get(f"{API}/mine").status_code == 401
    assert client.get(f"{API}/mine", HTTP_AUTHORIZATION="Bearer forged").status_code == 401


def test_a_request_with_an_idempotency_key_is_made_once(client, held):
    headers = {**resident(), "HTTP_IDEMPOTENCY_KEY": "abc-1"}
    first = client.post(f"{API}/mine/requests", {"kind": "delete", "text": "请删除"},
                        content_type="application/json", **headers)
    again = client.post(f"{API}/mine/requests", {"kind": "delete", "text": "请删除"},
                        content_type="application/json", **headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["reference"] == again.json()["reference"] and DataRequest.objects.count() == 1


def test_bad_input_is_422_with_the_field(client, held):
    response = client.post(f"{API}/mine/requests", {"kind": "correct", "text": ""}, content_type="application/json",
                           **resident())
    assert response.status_code == 422 and "text" in response.json()["errors"]
    response = client.post(f"{API}/mine/requests", {"kind": "delete", "extra": 1}, content_type="application/json",
                           **resident())
    assert response.status_code == 422 and not DataRequest.objects.exists()


def test_the_office_erases_through_the_api(people, held, token_for, client):
    made = request_create(phone=ME, kind="delete")
    headers = token_for(people.admin)
    listed = client.get(f"{API}/requests", **headers).json()
    assert [r["reference"] for r in listed["items"]] == [made.reference]
    assert listed["items"][0]["phone_masked"] == "138****5678"
    detail = client.get(f"{API}/requests/{made.pk}", **headers).json()
    assert held.order.tracking_code in str(detail["holdings"]) and "赵先生" not in str(detail["holdings"])
    response = client.post(f"{API}/requests/{made.pk}/erase", {"version": 1}, content_type="application/json",
                           **headers)
    assert response.status_code == 200 and response.json()["status"] == "done"
    assert Registration.objects.get(pk=held.mine.pk).phone == ""
    again = client.post(f"{API}/requests/{made.pk}/erase", {"version": 2}, content_type="application/json",
                        **headers)
    assert again.status_code == 422


@pytest.mark.parametrize("step,payload", [("start", {"version": 1}), ("erase", {"version": 1}),
                                          ("answer", {"version": 1, "status": "refused", "answer": "x"})])
def test_staff_without_the_capability_get_403_and_nothing_changes(people, held, token_for, client, step, payload):
    made = request_create(phone=OTHER, kind="delete")
    for persona in (people.officer, people.worker, people.auditor):
        response = client.post(f"{API}/requests/{made.pk}/{step}", payload, content_type="application/json",
                               **token_for(persona))
        assert response.status_code == 403
    made.refresh_from_db()
    assert made.status == "received" and made.version == 1
    assert Registration.objects.get(pk=held.waiting.pk).name == "赵先生"


def test_a_resident_token_is_not_a_staff_token(held, client):
    made = request_create(phone=ME, kind="delete")
    assert client.get(f"{API}/requests/{made.pk}", **resident()).status_code == 401
