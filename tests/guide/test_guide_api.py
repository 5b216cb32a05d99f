"""/api/v1/guide: public reads, editors' writes with the lock, problem+json on bad input, import."""

import json

import pytest

from shiliu.guide.models import ServiceItem

pytestmark = pytest.mark.django_db
API = "/api/v1/guide"


def _body(guide, **overrides) -> dict:
    body = {"name": "随迁子女入学", "promised_days": 10, "channels": ["window"], "domain": "education",
            "category": "education", "life_events": ["child-school"],
            "materials": [{"name": "居住证", "form": "copy", "copies": 2}],
            "steps": [{"name": "受理", "owner": "window", "time_limit_days": 1},
                      {"name": "审核", "owner": "department", "department": guide.department.code,
                       "time_limit_days": 5}]}
    body.update(overrides)
    return body


def test_items_are_readable_without_a_token(guide, client):
    rows = client.get(f"{API}/items").json()
    assert rows["count"] == 1 and rows["items"][0]["code"] == "ED-01"
    item = client.get(f"{API}/items/ED-01").json()
    assert item["current"]["steps"][1]["department"] == "330206802" and item["life_events"] == ["child-school"]
    assert "published_by" not in json.dumps(item)
    assert client.get(f"{API}/items/ED-01/versions").json()[0]["number"] == 1
    assert client.get(f"{API}/items", {"q": "入学"}).json()["count"] == 1
    assert client.get(f"{API}/domains").status_code == 200 and client.get(f"{API}/life-events").status_code == 200
    assert client.get(f"{API}/items/NOPE").status_code == 404


def test_item_list_query_count_is_fixed(guide, client, django_assert_num_queries):
    client.get(f"{API}/items")
    with django_assert_num_queries(2):
        assert client.get(f"{API}/items").status_code == 200


def test_editor_creates_and_publishes_with_the_lock(guide, people, client, token_for):
    headers = token_for(people.admin)
    created = client.post(f"{API}/items", _body(guide, code="ED-09"), content_type="application/json", **headers)
    assert created.status_code == 201 and created.json()["current_version"] == 1
    put = client.put(f"{API}/items/ED-01", _body(guide, version=1, name="新名称"), content_type="application/json",
                     **headers)
    assert put.status_code == 200 and put.json()["current"]["name"] == "新名称" and put.json()["version"] == 2
    stale = client.put(f"{API}/items/ED-01", _body(guide, version=1), content_type="application/json", **headers)
    assert stale.status_code == 409
    assert ServiceItem.objects.get(code="ED-01").current.number == 2


def test_bad_content_answers_422_by_field(guide, people, client, token_for):
    body = _body(guide, version=1, channels=["fax"])
    body["steps"][0]["time_limit_days"] = None
    response = client.put(f"{API}/items/ED-01", body, content_type="application/json", **token_for(people.admin))
    assert response.status_code == 422
    text = json.dumps(response.json())
    assert "channels" in text and "steps-0-time_limit_days" in text
    unknown = client.put(f"{API}/items/ED-01", _body(guide, version=1, colour="red"),
                         content_type="application/json", **token_for(people.admin))
    assert unknown.status_code == 422
    assert ServiceItem.objects.get(code="ED-01").current.number == 1


def test_a_community_worker_cannot_write_and_nothing_changes(guide, people, client, token_for):
    headers = token_for(people.worker)
    assert client.put(f"{API}/items/ED-01", _body(guide, version=1), content_type="application/json",
                      **headers).status_code == 403
    assert client.post(f"{API}/items", _body(guide, code="X-1"), content_type="application/json",
                       **headers).status_code == 403
    assert client.post(f"{API}/items/ED-01/active", {"active": False, "version": 1},
                       content_type="application/json", **headers).status_code == 403
    assert ServiceItem.objects.count() == 1 and ServiceItem.objects.get(code="ED-01").version == 1


def test_export_and_import(guide, people, client, token_for):
    headers = token_for(people.admin)
    exported = client.get(f"{API}/export", {"format": "json"}, **headers)
    assert exported.status_code == 200
    data = json.loads(exported.content)
    data["items"][0]["domain"] = "nowhere"
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = client.post(f"{API}/import", {"file": SimpleUploadedFile("g.json", json.dumps(data).encode())}, **headers)
    assert bad.status_code == 422 and bad.json()["rows"] == [
        {"sheet": "items", "row": 1, "column": "domain", "message": bad.json()["rows"][0]["message"]}]
    xlsx = client.get(f"{API}/export", **headers).content
    ok = client.post(f"{API}/import", {"file": SimpleUploadedFile("g.xlsx", xlsx)}, **headers)
    assert ok.status_code == 200 and ok.json()["unchanged"] == 1
    worker = token_for(people.worker)
    assert client.post(f"{API}/import", {"file": SimpleUploadedFile("g.xlsx", xlsx)}, **worker).status_code == 403


def test_deactivate_through_the_api(guide, people, client, token_for):
    response = client.post(f"{API}/items/ED-01/active", {"active": False, "version": 1},
                           content_type="application/json", **token_for(people.admin))
    assert response.status_code == 200 and response.json()["active"] is False
    assert client.get(f"{API}/items/ED-01").status_code == 404


def test_a_list_row_carries_the_current_versions_content(guide, client):
    row = client.get(f"{API}/items").json()["items"][0]
    version = ServiceItem.objects.get(code="ED-01").current
    assert {k: row[k] for k in ("name", "name_en", "promised_days", "channels", "current_version")} == {
        "name": version.name, "name_en": version.name_en, "promised_days": version.promised_days,
        "channels": version.channels, "current_version": version.number}
    assert row["domain"] == "education"
