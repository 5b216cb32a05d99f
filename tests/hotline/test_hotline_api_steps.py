"""The operator's steps through /api/v1/hotline: take, answered on the call, open an order —
the same services as the desk, with problem+json for bad input, 409 for a stale version."""

import pytest
from hotline_helpers import MOBILE

from shiliu.hotline.choices import CallState, Outcome
from shiliu.hotline.models import Call
from shiliu.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db
API = "/api/v1/hotline/calls"


def post(client, url, headers, body=None):
    return client.post(url, body or {}, content_type="application/json", **headers)


def test_take_answer_and_the_version(hl, people, client, token_for):
    headers = token_for(people.operator)
    call = hl.ring(MOBILE)
    response = post(client, f"{API}/{call.pk}/take", headers)
    assert response.status_code == 200 and response.json()["state"] == CallState.ANSWERED
    version = response.json()["version"]
    stale = post(client, f"{API}/{call.pk}/answer", headers, {"version": version - 1, "category": "education",
                                                              "summary": "已答复"})
    assert stale.status_code == 409 and stale["Content-Type"] == "application/problem+json"
    bad = post(client, f"{API}/{call.pk}/answer", headers, {"version": version, "category": "nope", "summary": ""})
    assert bad.status_code == 422 and {"category", "summary"} <= set(bad.json()["errors"])
    ok = post(client, f"{API}/{call.pk}/answer", headers, {"version": version, "category": "education",
                                                           "summary": "已答复"})
    assert ok.status_code == 200 and ok.json()["outcome"] == Outcome.ANSWERED_ON_CALL


def test_open_an_order_through_the_api_returns_the_tracking_code(hl, people, client, token_for):
    headers = token_for(people.operator)
    call = hl.taken(MOBILE)
    body = {"version": call.version, "category": "social-insurance", "description": "灵活就业参保",
            "place": hl.tree.xieshu.pk, "contact_phone": MOBILE, "contact_consent": True}
    response = post(client, f"{API}/{call.pk}/order", headers, {**body, "place": hl.tree.dagang.pk})
    assert response.status_code == 422 and "place" in response.json()["errors"]  # outside the operator's area
    assert not WorkOrder.objects.exists()
    response = post(client, f"{API}/{call.pk}/order", headers, {**body, "description": "x" * 5001})
    assert response.status_code == 422 and "description" in response.json()["errors"]
    response = post(client, f"{API}/{call.pk}/order", headers, body)
    assert response.status_code == 201, response.content
    order = WorkOrder.objects.get()
    assert response.json()["order"] == {"id": order.pk, "number": order.number, "status": order.status,
                                        "tracking_code": order.tracking_code}
    assert Call.objects.get(pk=call.pk).order == order


def test_a_worker_may_not_use_the_operators_steps(hl, people, client, token_for):
    call = hl.ring(MOBILE)
    assert post(client, f"{API}/{call.pk}/take", token_for(people.worker)).status_code == 403
    assert Call.objects.get(pk=call.pk).state == CallState.RINGING
