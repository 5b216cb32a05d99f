"""My requests: only the verified phone's orders, each with its public timeline; rating once."""

import pytest
from portal_helpers import OTHER, ask_data, categories, verify

from shiliu.workorders.choices import Status
from shiliu.workorders.models import Callback, WorkOrder
from shiliu.workorders.services import order_acknowledge, order_dispatch, order_note, order_resolve

pytestmark = pytest.mark.django_db


def _ask(client, tree, key, text="路灯坏了"):
    client.post("/portal/ask/", ask_data(tree, form_key=key, description=text))
    return WorkOrder.objects.get(portal_request__form_key=key)


def _resolve(order, people, tree):
    order = order_dispatch(by=people.admin, order=order, version=order.version, unit=tree.xieshu)
    order = order_acknowledge(by=people.worker, order=order, version=order.version)
    order_note(by=people.worker, order=order, note="内部备注：联系了物业")
    order.refresh_from_db()
    return order_resolve(by=people.worker, order=order, version=order.version, reply="已修好。")


def test_my_requests_shows_only_this_phones_orders(client, tree, people):
    categories()
    other = client.__class__()
    verify(other, OTHER, "+86" + OTHER)
    theirs = _ask(other, tree, "theirs", "别人的请求")
    verify(client)
    mine = _ask(client, tree, "mine", "我的请求")
    page = client.get("/portal/mine/").content.decode()
    assert mine.tracking_code in page and theirs.tracking_code not in page
    assert client.get(f"/portal/mine/{theirs.tracking_code}/").status_code == 404
    assert client.get(f"/portal/mine/{mine.tracking_code}/").status_code == 200


def test_my_requests_query_count_is_fixed(client, tree):
    categories()
    verify(client)
    _ask(client, tree, "a")
    client.get("/portal/mine/")
    _ask(client, tree, "b")
    _ask(client, tree, "c")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as three:
        client.get("/portal/mine/")
    _ask(client, tree, "d")
    with CaptureQueriesContext(connection) as four:
        client.get("/portal/mine/")
    assert len(four) == len(three)


def test_the_timeline_is_public_and_a_resolved_order_is_rated_once(client, tree, people):
    categories()
    verify(client)
    order = _resolve(_ask(client, tree, "k"), people, tree)
    url = f"/portal/mine/{order.tracking_code}/"
    page = client.get(url).content.decode()
    assert "已修好。" in page and "内部备注" not in page
    response = client.post(url, {"solved": "yes", "satisfaction": "satisfied", "comment": ""})
    assert response.status_code == 200
    assert Callback.objects.filter(order=order).count() == 1
    again = client.post(url, {"solved": "no", "satisfaction": "dissatisfied", "comment": ""})
    assert again.status_code == 409
    assert Callback.objects.filter(order=order).count() == 1
    assert WorkOrder.objects.get(pk=order.pk).status != Status.RESOLVED


def test_another_phone_cannot_rate_my_order(client, tree, people):
    categories()
    verify(client)
    order = _resolve(_ask(client, tree, "k"), people, tree)
    client.post("/portal/sign-out/")
    verify(client, OTHER, "+86" + OTHER)
    response = client.post(f"/portal/mine/{order.tracking_code}/", {"solved": "yes", "satisfaction": "satisfied"})
    assert response.status_code == 404
    assert not Callback.objects.exists()
