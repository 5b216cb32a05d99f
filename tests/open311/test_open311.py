"""Open311 GeoReport v2: discovery, services, create with a key, read without personal data."""

from xml.etree import ElementTree as ET

import pytest
from django.core.management import call_command

from shiliu.audit.models import AuditEvent
from shiliu.open311.services import client_create
from shiliu.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"


@pytest.fixture
def keys(wo):
    _c, plain = client_create(name="daqi-app", place=wo.tree.daqi, trusted=False)
    _t, trusted = client_create(name="partner", place=wo.tree.daqi, trusted=True)
    _o, other = client_create(name="xinqi-app", place=wo.tree.xinqi, trusted=False)
    return {"plain": plain, "trusted": trusted, "other": other}


def create(client, key, **fields):
    data = {"api_key": key, "service_code": "social-insurance", "address_id": "330206003001",
            "description": "怎么给孩子办医保", "first_name": "丽", "last_name": "马", "phone": "13812345678"}
    data.update(fields)
    return client.post(f"{BASE}/requests.json", {k: v for k, v in data.items() if v is not None})


def test_discovery_and_services_in_json_and_xml(client, wo):
    r = client.get(f"{BASE}/discovery.json")
    assert r.status_code == 200 and r.json()["endpoints"][0]["formats"] == ["application/json", "text/xml"]
    services = client.get(f"{BASE}/services.json").json()
    assert {s["service_code"] for s in services} == {"social-insurance", "education", "other"}
    assert services[0].keys() >= {"service_code", "service_name", "metadata", "type", "group"}
    root = ET.fromstring(client.get(f"{BASE}/services.xml").content)
    assert root.tag == "services" and len(root.findall("service")) == 3
    d = client.get(f"{BASE}/services/education.json").json()
    assert d == {"service_code": "education", "attributes": []}
    assert client.get(f"{BASE}/services/nope.json").status_code == 404
    assert client.get(f"{BASE}/services.csv").status_code == 404


def test_creating_needs_a_key_and_opens_a_routed_order(client, wo, keys):
    r = create(client, None)
    assert r.status_code == 403 and r.json()[0]["code"] == 403
    assert create(client, "o311_wrong").status_code == 403
    r = create(client, keys["plain"])
    assert r.status_code == 201, r.content
    created = r.json()[0]
    order = WorkOrder.objects.get()
    assert created["service_request_id"] == order.number and created["token"] == order.tracking_code
    assert order.channel == "online" and order.unit == wo.tree.xieshu and order.contact_phone == "+8613812345678"
    assert order.created_by.username == "open311-daqi-app"


def test_bad_requests_are_explained_and_save_nothing(client, wo, keys):
    assert create(client, keys["plain"], service_code="nope").status_code == 400
    r = create(client, keys["plain"], address_id="330206001001")  # 新碶: outside this client's place
    assert r.status_code == 400
    r = create(client, keys["plain"], address_id=None)
    assert r.status_code == 400 and "address_id" in r.json()[0]["description"]
    r = create(client, keys["plain"], description="")
    assert r.status_code == 400 and "description" in r.json()[0]["description"]
    r = create(client, keys["plain"], phone="123")
    assert r.status_code == 400 and "contact_phone" in r.json()[0]["description"]
    r = client.post(f"{BASE}/requests.xml", {"api_key": keys["plain"]})
    assert r.status_code == 400 and ET.fromstring(r.content).tag == "errors"
    assert WorkOrder.objects.count() == 0


def test_reads_carry_personal_data_only_for_trusted_keys(client, wo, keys):
    number = create(client, keys["plain"]).json()[0]["service_request_id"]
    plain = client.get(f"{BASE}/requests/{number}.json", {"api_key": keys["plain"]}).json()[0]
    assert plain["status"] == "open" and plain["service_code"] == "social-insurance"
    text = str(plain)
    assert "医保" not in text and "马" not in text and "13812345678" not in text and "description" not in plain
    # a trusted client reads its own requests' words and names (audited), never a phone number
    number_t = create(client, keys["trusted"]).json()[0]["service_request_id"]
    trusted = client.get(f"{BASE}/requests/{number_t}.json", {"api_key": keys["trusted"]}).json()[0]
    assert trusted["description"] == "怎么给孩子办医保" and trusted["name"] == "马 丽" and "phone" not in trusted
    assert AuditEvent.objects.filter(action="open311.requests.read").exists()
    # no client reads requests it did not file (no feed of the area's orders)
    assert client.get(f"{BASE}/requests/{number}.json", {"api_key": keys["trusted"]}).status_code == 404
    assert client.get(f"{BASE}/requests.json", {"api_key": keys["trusted"]}).json()[0]["service_request_id"] == number_t
    xml = ET.fromstring(client.get(f"{BASE}/requests/{number}.xml", {"api_key": keys["plain"]}).content)
    assert xml.find("request/service_request_id").text == number and xml.find("request/description") is None
    # another area's client does not see it
    assert client.get(f"{BASE}/requests/{number}.json", {"api_key": keys["other"]}).status_code == 404
    assert client.get(f"{BASE}/requests/{number}.json").status_code == 403


def test_list_token_lookup_and_filters(client, wo, keys):
    first = create(client, keys["plain"]).json()[0]
    create(client, keys["plain"], service_code="other")
    rows = client.get(f"{BASE}/requests.json", {"api_key": keys["plain"]}).json()
    assert len(rows) == 2
    rows = client.get(f"{BASE}/requests.json", {"api_key": keys["plain"], "service_code": "other"}).json()
    assert [r["service_code"] for r in rows] == ["other"]
    rows = client.get(f"{BASE}/requests.json", {"api_key": keys["plain"], "status": "closed"}).json()
    assert rows == []
    assert client.get(f"{BASE}/requests.json", {"api_key": keys["plain"], "status": "x"}).status_code == 400
    assert client.get(f"{BASE}/requests.json", {"api_key": keys["plain"], "start_date": "yesterday"}).status_code == 400
    rows = client.get(f"{BASE}/requests.json", {"api_key": keys["plain"],
                                                 "service_request_id": first["service_request_id"]}).json()
    assert len(rows) == 1
    r = client.get(f"{BASE}/tokens/{first['token']}.json", {"api_key": keys["plain"]}).json()
    assert r == [{"service_request_id": first["service_request_id"], "token": first["token"]}]
    assert client.get(f"{BASE}/requests.json", {"api_key": keys["other"]}).json() == []


def test_the_command_issues_and_revokes_a_key(wo, capsys, client):
    call_command("open311_key", "kiosk", "--place", "330206003")
    key = capsys.readouterr().out.strip()
    assert key.startswith("o311_")
    assert create(client, key).status_code == 201
    call_command("open311_key", "kiosk", "--revoke")
    assert create(client, key).status_code == 403
