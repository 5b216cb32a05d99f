"""/api/v1/creation: the same rules as the pages, as JSON and problem+json."""

import io

import pytest
from creation_helpers import EXECUTABLE, pdf_bytes, upload
from openpyxl import load_workbook

from shiliu.audit.models import AuditEvent
from shiliu.creation.models import Brand, DemonstrationSite, Evidence, Honour
from shiliu.creation.recognition import honour_create
from shiliu.creation.services import evidence_add

API = "/api/v1/creation"


def test_list_is_scoped_and_carries_progress(people, sites, token_for, client):
    item = sites.xieshu.items.get(kind="demonstration_point")
    evidence_add(item=item, by=people.admin, kind="document", file=upload("a.pdf", pdf_bytes()))
    response = client.get(f"{API}/sites", **token_for(people.officer))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    by_name = {s["name"]: s for s in body["items"]}
    assert by_name["谢墅社区示范点"]["satisfied"] == 1
    assert "大港候选点" not in by_name


def test_standing_and_until_year_filters(people, sites, token_for, client):
    response = client.get(f"{API}/sites", {"standing": "true", "until_year": 2020}, **token_for(people.admin))
    assert [s["name"] for s in response.json()["items"]] == ["大港社区示范社区"]


def test_create_reports_every_bad_field_as_problem_json(people, tree, token_for, client):
    response = client.post(f"{API}/sites", {"name": " ", "level": "galactic", "place": tree.xieshu.pk,
                                            "status": "named"}, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="en", **token_for(people.officer))
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert set(errors) == {"name", "level", "named_year"}
    assert not DemonstrationSite.objects.exists()


def test_unknown_fields_are_rejected(people, tree, token_for, client):
    response = client.post(f"{API}/sites", {"name": "x", "level": "district", "place": tree.xieshu.pk,
                                            "ethnic_mix": 3}, content_type="application/json",
                           **token_for(people.officer))
    assert response.status_code == 422
    assert not DemonstrationSite.objects.exists()


def test_create_a_site_and_read_its_six_items(people, tree, token_for, client):
    response = client.post(f"{API}/sites", {"name": "新示范点", "level": "district", "place": tree.jiufeng.pk},
                           content_type="application/json", **token_for(people.officer))
    assert response.status_code == 201
    body = response.json()
    assert body["satisfied"] == 0 and body["can_edit"] is True
    assert [i["kind"] for i in body["items"]] == ["demonstration_point", "publicity_carrier", "knowledge_lecture",
                                                  "themed_activity", "activity_venue", "assistance_project"]
    assert all(i["evidence"] == [] for i in body["items"])


def test_a_public_site_elsewhere_is_read_only_and_carries_no_evidence(people, sites, token_for, client):
    headers = token_for(people.officer)
    response = client.get(f"{API}/sites/{sites.dagang.pk}", **headers)
    assert response.status_code == 200
    assert response.json()["can_edit"] is False
    assert all(i["evidence"] is None for i in response.json()["items"])
    response = client.patch(f"{API}/sites/{sites.dagang.pk}", {"version": 1, "name": "x"},
                            content_type="application/json", **headers)
    assert response.status_code == 403
    assert client.get(f"{API}/sites/{sites.dagang_private.pk}", **headers).status_code == 404
    assert client.patch(f"{API}/sites/{sites.dagang_private.pk}", {"version": 1, "name": "x"},
                        content_type="application/json", **headers).status_code == 404
    assert DemonstrationSite.objects.get(pk=sites.dagang.pk).name == "大港社区示范社区"


def test_a_stale_version_answers_409(people, sites, token_for, client):
    headers = token_for(people.officer)
    url = f"{API}/sites/{sites.xieshu.pk}"
    assert client.patch(url, {"version": 1, "description": "一"}, content_type="application/json",
                        **headers).status_code == 200
    response = client.patch(url, {"version": 1, "description": "二"}, content_type="application/json", **headers)
    assert response.status_code == 409
    assert DemonstrationSite.objects.get(pk=sites.xieshu.pk).description == "一"


def test_evidence_upload_and_withdraw(people, sites, token_for, client):
    headers = token_for(people.officer)
    url = f"{API}/sites/{sites.xieshu.pk}/items/knowledge_lecture/evidence"
    response = client.post(url, {"evidence_kind": "document", "note": "讲稿", "file": upload("l.pdf", pdf_bytes())},
                           **headers)
    assert response.status_code == 201, response.content
    evidence_id = response.json()["id"]
    assert response.json()["content_type"] == "application/pdf"
    refused = client.post(url, {"evidence_kind": "document", "file": upload("x.pdf", EXECUTABLE)},
                          HTTP_ACCEPT_LANGUAGE="en", **headers)
    assert refused.status_code == 422
    assert refused.json()["errors"]["file"] == ["This file is not a PDF, Word (.docx) or Excel (.xlsx) document."]
    assert Evidence.objects.count() == 1
    response = client.post(f"{API}/evidence/{evidence_id}/withdraw", {"reason": "重复"},
                           content_type="application/json", **headers)
    assert response.status_code == 200 and response.json()["withdrawn_at"]
    detail = client.get(f"{API}/sites/{sites.xieshu.pk}", **headers).json()
    lecture = next(i for i in detail["items"] if i["kind"] == "knowledge_lecture")
    assert lecture["satisfied"] is False and lecture["evidence"][0]["withdraw_reason"] == "重复"
    file = client.get(f"{API}/evidence/{evidence_id}/file", **headers)
    assert file.status_code == 200 and file["Content-Disposition"].startswith("attachment;")


def test_evidence_for_a_site_outside_scope_is_404(people, sites, token_for, client):
    response = client.post(f"{API}/sites/{sites.dagang.pk}/items/knowledge_lecture/evidence",
                           {"evidence_kind": "document", "file": upload("l.pdf", pdf_bytes())},
                           **token_for(people.officer))
    assert response.status_code == 404
    assert not Evidence.objects.exists()


def test_worker_cannot_write(people, tree, token_for, client):
    response = client.post(f"{API}/brands", {"name": "x", "place": tree.xieshu.pk}, content_type="application/json",
                           **token_for(people.worker))
    assert response.status_code == 403
    assert not Brand.objects.exists()


def test_brands_and_honours_round_trip(people, tree, token_for, client):
    headers = token_for(people.officer)
    response = client.post(f"{API}/brands", {"name": "贝大姐热线", "place": tree.daqi.pk, "since": "2016-03-08"},
                           content_type="application/json", **headers)
    assert response.status_code == 201
    brand = response.json()
    response = client.patch(f"{API}/brands/{brand['id']}", {"version": brand["version"], "status": "paused"},
                            content_type="application/json", **headers)
    assert response.json()["status"] == "paused"
    response = client.post(f"{API}/honours", {"title": "先进个人", "level": "city", "year": 2023,
                                              "place": tree.xieshu.pk, "recipient": "person"},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE="en", **headers)
    assert response.status_code == 422 and "person_name" in response.json()["errors"]
    response = client.post(f"{API}/honours", {"title": "先进个人", "level": "city", "year": 2023,
                                              "place": tree.xieshu.pk, "recipient": "person", "person_name": "马秀兰"},
                           content_type="application/json", **headers)
    assert response.status_code == 201
    listed = client.get(f"{API}/honours", **headers).json()
    assert listed["items"][0]["person_name"] == "马秀兰"
    assert AuditEvent.objects.filter(action="creation.honour.list", actor=people.officer).count() == 1


def test_exports_through_the_api(people, sites, token_for, client):
    honour_create(by=people.admin, title="荣誉", level="district", year=2024, place=sites.xieshu.place)
    headers = token_for(people.officer)
    for kind in ("sites", "brands", "honours"):
        response = client.get(f"{API}/{kind}/export", **headers)
        assert response.status_code == 200, kind
        load_workbook(io.BytesIO(response.content))


def test_ethnicity_filters_are_refused(people, token_for, client):
    assert client.get(f"{API}/sites", {"ethnicity": "05"}, **token_for(people.admin)).status_code == 400


@pytest.mark.parametrize("extra", [0, 20])
def test_site_list_query_count_is_fixed(people, tree, sites, token_for, client, django_assert_num_queries, extra):
    from shiliu.creation.services import site_create

    for i in range(extra):
        site_create(by=people.admin, name=f"点{i}", level="district", place=tree.xieshu)
    headers = token_for(people.worker)
    # the token with its user, the roles, the token's last use; the count; one page with places and progress
    with django_assert_num_queries(5):
        client.get(f"{API}/sites", **headers)
    assert Honour.objects.count() == 0


def test_an_item_says_what_it_is(people, sites, token_for, client):
    url = f"{API}/sites/{sites.xieshu.pk}/items/activity_venue/note"
    response = client.put(url, {"note": "社区党群服务中心二楼"}, content_type="application/json",
                          **token_for(people.officer))
    assert response.status_code == 200 and response.json()["note"] == "社区党群服务中心二楼"
    assert client.put(url, {"note": "x"}, content_type="application/json",
                      **token_for(people.worker)).status_code == 403
    assert client.put(f"{API}/sites/{sites.dagang.pk}/items/activity_venue/note", {"note": "x"},
                      content_type="application/json", **token_for(people.officer)).status_code == 404
    assert AuditEvent.objects.filter(action="creation.item.note").count() == 1
