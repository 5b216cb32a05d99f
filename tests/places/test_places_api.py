"""/api/v1/places for each persona: reads scoped, writes 404 outside and 403 without PLACE_EDIT."""

import io

import pytest
from openpyxl import load_workbook

from shiliu.places.models import Place, PlaceKind
from shiliu.places.services import place_create

URL = "/api/v1/places"


def snapshot():
    return list(Place.objects.order_by("pk").values_list("pk", "code", "name", "path", "parent_id", "version"))


def codes(response):
    return [item["code"] for item in response.json()["items"]]


# --- reads ------------------------------------------------------------------------------------


def test_list_is_scoped_to_the_callers_subtree(people, token_for, client, tree):
    response = client.get(URL, **token_for(people.officer))
    assert response.status_code == 200
    assert codes(response) == [tree.daqi.code, tree.xieshu.code, tree.jiufeng.code]
    assert response.json()["count"] == 3
    assert codes(client.get(URL, **token_for(people.admin))) == list(Place.objects.values_list("code", flat=True))


def test_list_filters_by_q_and_kind_and_paginates(people, token_for, client, tree):
    headers = token_for(people.admin)
    assert codes(client.get(URL, {"q": "谢墅"}, **headers)) == [tree.xieshu.code]
    assert codes(client.get(URL, {"kind": "department"}, **headers)) == [tree.education.code]
    page = client.get(URL, {"page_size": 2, "page": 2}, **headers).json()
    assert page["count"] == 7 and len(page["items"]) == 2 and page["next_page"] == 3
    assert client.get(URL, {"kind": "planet"}, **headers).status_code == 422


def test_list_costs_the_same_queries_for_a_larger_tree(people, token_for, client, tree, django_assert_num_queries):
    headers = token_for(people.admin)
    client.get(URL, **headers)
    # token, roles, count, page
    with django_assert_num_queries(4):
        assert client.get(URL, **headers).status_code == 200
    for i in range(30):
        place_create(code=f"c{i}", kind=PlaceKind.COMMUNITY, name=f"社区{i}", parent=tree.daqi, by=None)
    with django_assert_num_queries(4):
        assert client.get(URL, **headers).json()["count"] == 37


def test_children_list_costs_the_same_queries_for_more_children(people, token_for, client, tree,
                                                                 django_assert_num_queries):
    headers = token_for(people.officer)
    url = f"{URL}/{tree.daqi.pk}/children"
    client.get(url, **headers)
    # token, roles, the parent, count, page
    with django_assert_num_queries(5):
        assert client.get(url, **headers).json()["count"] == 2
    for i in range(20):
        place_create(code=f"c{i}", kind=PlaceKind.COMMUNITY, name=f"社区{i}", parent=tree.daqi, by=None)
    with django_assert_num_queries(5):
        assert client.get(url, **headers).json()["count"] == 22


def test_get_one_and_its_children(people, token_for, client, tree):
    headers = token_for(people.officer)
    body = client.get(f"{URL}/{tree.daqi.pk}", **headers).json()
    assert body["code"] == tree.daqi.code and body["kind"] == "subdistrict" and body["version"] == 1
    assert codes(client.get(f"{URL}/{tree.daqi.pk}/children", **headers)) == [tree.xieshu.code, tree.jiufeng.code]


@pytest.mark.parametrize("suffix", ["", "/children"])
def test_reads_outside_the_subtree_are_404(people, token_for, client, tree, suffix):
    headers = token_for(people.worker)
    for place in (tree.daqi, tree.dagang, tree.district):
        response = client.get(f"{URL}/{place.pk}{suffix}", **headers)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_auditor_and_nobody_cannot_list_places(people, token_for, client):
    assert client.get(URL, **token_for(people.auditor)).status_code == 403
    assert client.get(URL, **token_for(people.nobody)).status_code == 403


# --- create -----------------------------------------------------------------------------------


def new_place(parent, **extra):
    return {"parent_id": parent.pk, "code": "330206003010", "kind": "community", "name": "新社区", **extra}


def test_officer_creates_a_place_in_their_subdistrict(people, token_for, client, tree):
    response = client.post(URL, new_place(tree.daqi), content_type="application/json", **token_for(people.officer))
    assert response.status_code == 201
    place = Place.objects.get(code="330206003010")
    assert response.json()["id"] == place.pk and place.parent_id == tree.daqi.pk


def test_create_against_the_kind_rules_is_422_on_kind(people, token_for, client, tree):
    response = client.post(URL, new_place(tree.daqi, kind="department"), content_type="application/json",
                           **token_for(people.officer))
    assert response.status_code == 422 and "kind" in response.json()["errors"]


def test_create_rejects_unknown_fields(people, token_for, client, tree):
    response = client.post(URL, new_place(tree.daqi, ethnicity="x"), content_type="application/json",
                           **token_for(people.officer))
    assert response.status_code == 422


def test_create_outside_the_subtree_is_404_and_changes_nothing(people, token_for, client, tree):
    before = snapshot()
    response = client.post(URL, new_place(tree.xinqi), content_type="application/json", **token_for(people.officer))
    assert response.status_code == 404
    assert snapshot() == before


def test_create_without_place_edit_is_403_inside_the_subtree(people, token_for, client, tree):
    before = snapshot()
    response = client.post(URL, new_place(tree.xieshu, kind="school"), content_type="application/json",
                           **token_for(people.worker))
    assert response.status_code == 403
    assert snapshot() == before


# --- update -----------------------------------------------------------------------------------


def test_patch_with_the_current_version_saves(people, token_for, client, tree):
    response = client.patch(f"{URL}/{tree.jiufeng.pk}", {"version": 1, "name": "九峰山社区"},
                            content_type="application/json", **token_for(people.officer))
    assert response.status_code == 200
    assert response.json()["name"] == "九峰山社区" and response.json()["version"] == 2


def test_patch_with_a_stale_version_is_409_and_changes_nothing(people, token_for, client, tree):
    headers = token_for(people.officer)
    client.patch(f"{URL}/{tree.jiufeng.pk}", {"version": 1, "name": "甲"}, content_type="application/json", **headers)
    response = client.patch(f"{URL}/{tree.jiufeng.pk}", {"version": 1, "name": "乙"},
                            content_type="application/json", **headers)
    assert response.status_code == 409
    tree.jiufeng.refresh_from_db()
    assert tree.jiufeng.name == "甲"


def test_patch_outside_the_subtree_is_404_and_changes_nothing(people, token_for, client, tree):
    before = snapshot()
    for persona, place in ((people.officer, tree.dagang), (people.other_worker, tree.xieshu)):
        response = client.patch(f"{URL}/{place.pk}", {"version": 1, "name": "x"}, content_type="application/json",
                                **token_for(persona))
        assert response.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["worker", "operator"])
def test_patch_without_place_edit_is_403_inside_the_subtree(people, token_for, client, tree, persona):
    before = snapshot()
    response = client.patch(f"{URL}/{tree.xieshu.pk}", {"version": 1, "name": "x"}, content_type="application/json",
                            **token_for(getattr(people, persona)))
    assert response.status_code == 403
    assert snapshot() == before


def test_patch_rejects_unknown_fields_and_position_changes(people, token_for, client, tree):
    response = client.patch(f"{URL}/{tree.jiufeng.pk}", {"version": 1, "parent_id": tree.xinqi.pk},
                            content_type="application/json", **token_for(people.admin))
    assert response.status_code == 422


# --- move -------------------------------------------------------------------------------------


def test_move_takes_the_subtree_along(people, token_for, client, tree):
    school = place_create(code="s1", kind=PlaceKind.SCHOOL, name="谢墅小学", parent=tree.xieshu, by=None)
    response = client.post(f"{URL}/{tree.xieshu.pk}/move", {"parent_id": tree.xinqi.pk, "version": 1},
                           content_type="application/json", **token_for(people.admin))
    assert response.status_code == 200 and response.json()["parent_id"] == tree.xinqi.pk
    school.refresh_from_db()
    assert school.path.startswith(tree.xinqi.path) and school.depth == 3


def test_move_under_its_own_descendant_is_422_on_parent(people, token_for, client, tree):
    before = snapshot()
    response = client.post(f"{URL}/{tree.daqi.pk}/move", {"parent_id": tree.xieshu.pk, "version": 1},
                           content_type="application/json", **token_for(people.admin))
    assert response.status_code == 422 and "parent" in response.json()["errors"]
    assert snapshot() == before


def test_move_stale_is_409(people, token_for, client, tree):
    response = client.post(f"{URL}/{tree.xieshu.pk}/move", {"parent_id": tree.xinqi.pk, "version": 5},
                           content_type="application/json", **token_for(people.admin))
    assert response.status_code == 409


def test_move_by_an_outsider_or_into_another_subtree_is_404(people, token_for, client, tree):
    before = snapshot()
    response = client.post(f"{URL}/{tree.xieshu.pk}/move", {"parent_id": tree.dagang.pk, "version": 1},
                           content_type="application/json", **token_for(people.other_worker))
    assert response.status_code == 404
    response = client.post(f"{URL}/{tree.xieshu.pk}/move", {"parent_id": tree.xinqi.pk, "version": 1},
                           content_type="application/json", **token_for(people.officer))
    assert response.status_code == 404
    assert snapshot() == before


def test_move_without_place_edit_is_403(people, token_for, client, tree):
    before = snapshot()
    response = client.post(f"{URL}/{tree.xieshu.pk}/move", {"parent_id": tree.xieshu.pk, "version": 1},
                           content_type="application/json", **token_for(people.worker))
    assert response.status_code == 403
    assert snapshot() == before


# --- export and import ------------------------------------------------------------------------


def test_admin_exports_and_imports_through_the_api(people, token_for, client, tree):
    headers = token_for(people.admin)
    response = client.get(f"{URL}/export", **headers)
    assert response.status_code == 200 and response.content[:4] == b"PK\x03\x04"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 8  # header + 7 places
    upload = io.BytesIO(response.content)
    upload.name = "places.xlsx"
    result = client.post(f"{URL}/import", {"file": upload}, **headers)
    assert result.status_code == 200
    assert result.json() == {"created": 0, "updated": 0, "moved": 0, "unchanged": 7}


def test_import_with_errors_is_422_with_rows_and_changes_nothing(people, token_for, client, tree):
    before = snapshot()
    upload = io.BytesIO(b"not a spreadsheet")
    upload.name = "places.xlsx"
    response = client.post(f"{URL}/import", {"file": upload}, **token_for(people.admin))
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    assert response.json()["rows"][0]["row"] == 0
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["officer", "worker", "auditor"])
def test_export_and_import_need_place_transfer(people, token_for, client, tree, persona):
    headers = token_for(getattr(people, persona))
    before = snapshot()
    assert client.get(f"{URL}/export", **headers).status_code == 403
    upload = io.BytesIO(b"PK\x03\x04")
    upload.name = "places.xlsx"
    assert client.post(f"{URL}/import", {"file": upload}, **headers).status_code == 403
    assert snapshot() == before


def test_openapi_document_describes_every_place_operation(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    operations = [op for path, item in paths.items() if path.startswith(URL) for op in item.values()]
    assert len(operations) == 8
    assert all(op.get("summary") for op in operations)
