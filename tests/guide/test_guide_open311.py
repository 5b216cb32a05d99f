"""Open311's service list shows the guide's items offered online or by hotline, besides the categories."""

import pytest

from shiliu.guide import services
from shiliu.guide.models import ItemChannel
from shiliu.open311.services import client_create
from shiliu.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db
BASE = "/open311/v2"


def test_items_offered_online_or_by_hotline_are_services(guide, people, client):
    services.item_create(by=people.admin, code="HO-01", domain=guide.housing, category=guide.category,
                         content=guide.content(channels=[ItemChannel.WINDOW]))
    services.item_create(by=people.admin, code="LA-01", domain=guide.housing, category=guide.category,
                         content=guide.content(channels=[ItemChannel.HOTLINE]))
    rows = client.get(f"{BASE}/services.json").json()
    codes = [r["service_code"] for r in rows]
    assert codes == ["education", "ED-01", "LA-01"]  # the category first; HO-01 is offered at windows only
    assert rows[1]["service_name"] == "随迁子女义务教育入学申请" and rows[1]["group"] == "义务教育"
    assert client.get(f"{BASE}/services/ED-01.json").json() == {"service_code": "ED-01", "attributes": []}
    assert client.get(f"{BASE}/services/HO-01.json").status_code == 404
    services.item_set_active(by=people.admin, item=guide.item, version=1, active=False)
    assert "ED-01" not in [r["service_code"] for r in client.get(f"{BASE}/services.json").json()]


def test_a_request_for_an_item_follows_its_current_version(guide, tree, client):
    _client, key = client_create(name="app", place=tree.daqi, trusted=False)
    response = client.post(f"{BASE}/requests.json", {"api_key": key, "service_code": "ED-01",
                                                     "address_id": tree.xieshu.code, "description": "孩子上学"})
    assert response.status_code == 201, response.content
    order = WorkOrder.objects.get()
    assert order.category == guide.category and order.item_version == guide.item.current
