"""The place pages, for each persona inside and outside their subtree."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from shiliu.places.models import Place, PlaceKind
from shiliu.places.services import place_create

TREE_URL = "/places/"


def snapshot():
    return list(Place.objects.order_by("pk").values_list("pk", "code", "name", "path", "parent_id", "version"))


# --- the tree ---------------------------------------------------------------------------------


def test_tree_url_name_is_the_one_the_navigation_uses():
    assert reverse("places:tree") == TREE_URL


def test_admin_sees_the_whole_tree_indented(people, login, client):
    login(people.admin)
    body = client.get(TREE_URL).content.decode()
    for name in ("北仑区", "大碶街道", "谢墅社区", "新碶街道", "大港社区", "区教育局"):
        assert name in body
    assert 'class="tree"' in body and "<ul>" in body
    assert "330206003001" in body  # the code is shown
    assert reverse("places:export") in body


def test_officer_sees_only_their_subdistrict(people, login, client):
    login(people.officer)
    body = client.get(TREE_URL).content.decode()
    assert "谢墅社区" in body and "九峰社区" in body and "大碶街道" in body
    assert "新碶街道" not in body and "大港社区" not in body and "北仑区" not in body
    assert reverse("places:export") not in body


def test_worker_sees_only_their_community(people, login, client):
    login(people.worker)
    body = client.get(TREE_URL).content.decode()
    assert "谢墅社区" in body
    assert "九峰社区" not in body and "大碶街道" not in body


def test_english_name_shows_when_the_language_is_english(people, login, client):
    login(people.admin)
    assert "Daqi Subdistrict" not in client.get(TREE_URL).content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get(TREE_URL).content.decode()
    assert "Daqi Subdistrict" in body and "Subdistrict</span>" in body


def test_tree_search_by_name_or_code_and_kind_filter(people, login, client):
    login(people.admin)
    body = client.get(TREE_URL, {"q": "谢墅"}).content.decode()
    assert "谢墅社区" in body and "九峰社区" not in body
    body = client.get(TREE_URL, {"q": "330206001"}).content.decode()
    assert "新碶街道" in body and "大港社区" in body and "谢墅社区" not in body
    body = client.get(TREE_URL, {"kind": "department"}).content.decode()
    assert "区教育局" in body and "大碶街道" not in body


def test_roles_without_place_view_are_refused(people, login, client):
    login(people.auditor)
    assert client.get(TREE_URL).status_code == 403


def test_tree_needs_login(client, db):
    assert client.get(TREE_URL).status_code == 302


def test_tree_costs_the_same_queries_for_a_larger_tree(people, login, client, tree, django_assert_num_queries):
    login(people.admin)
    client.get(TREE_URL)
    # session, user, 2FA device, roles, the places (last_seen is written at most once a minute)
    with django_assert_num_queries(5):
        small = client.get(TREE_URL)
    for i in range(40):
        community = place_create(code=f"c{i}", kind=PlaceKind.COMMUNITY, name=f"社区{i}", parent=tree.daqi, by=None)
        place_create(code=f"e{i}", kind=PlaceKind.ENTERPRISE, name=f"企业{i}", parent=community, by=None)
    with django_assert_num_queries(5):
        large = client.get(TREE_URL)
    assert small.status_code == large.status_code == 200
    assert "企业39" in large.content.decode()


# --- one place --------------------------------------------------------------------------------


def test_detail_shows_facts_breadcrumbs_and_children(people, login, client, tree):
    login(people.officer)
    body = client.get(f"/places/{tree.daqi.pk}/").content.decode()
    assert "330206003" in body and "谢墅社区" in body and "九峰社区" in body
    assert reverse("places:edit", args=[tree.daqi.pk]) in body
    body = client.get(f"/places/{tree.xieshu.pk}/").content.decode()
    assert f'href="/places/{tree.daqi.pk}/"' in body  # breadcrumb to the visible parent
    assert "北仑区" not in body  # the district is outside the officer's subtree


def test_detail_outside_the_subtree_is_404(people, login, client, tree):
    login(people.officer)
    assert client.get(f"/places/{tree.dagang.pk}/").status_code == 404
    assert client.get(f"/places/{tree.district.pk}/").status_code == 404
    assert client.get("/places/999999/").status_code == 404


def test_worker_sees_no_edit_buttons(people, login, client, tree):
    login(people.worker)
    response = client.get(f"/places/{tree.xieshu.pk}/")
    assert response.status_code == 200
    assert reverse("places:edit", args=[tree.xieshu.pk]) not in response.content.decode()


# --- create -----------------------------------------------------------------------------------


def new_place(code="330206003009"):
    return {"code": code, "kind": "community", "name": "新社区", "name_en": "", "address": "大碶路 1 号"}


def test_officer_creates_a_community_in_their_subdistrict(people, login, client, tree):
    login(people.officer)
    response = client.post(f"/places/{tree.daqi.pk}/new/", new_place())
    place = Place.objects.get(code="330206003009")
    assert response.status_code == 302 and response["Location"] == f"/places/{place.pk}/"
    assert place.parent_id == tree.daqi.pk and place.path == tree.daqi.path + Place.segment(place.pk)


def test_create_offers_only_kinds_allowed_under_the_parent(people, login, client, tree):
    login(people.officer)
    body = client.get(f"/places/{tree.daqi.pk}/new/").content.decode()
    assert 'value="community"' in body and 'value="department"' not in body
    response = client.post(f"/places/{tree.daqi.pk}/new/", {**new_place(), "kind": "department"})
    assert response.status_code == 200 and not Place.objects.filter(code="330206003009").exists()


def test_duplicate_code_is_shown_next_to_the_field(people, login, client, tree):
    login(people.officer)
    response = client.post(f"/places/{tree.daqi.pk}/new/", new_place(code=tree.jiufeng.code))
    assert response.status_code == 200
    assert "code" in response.context["form"].errors


def test_officer_cannot_create_in_another_subdistrict(people, login, client, tree):
    login(people.officer)
    before = snapshot()
    assert client.post(f"/places/{tree.xinqi.pk}/new/", new_place()).status_code == 404
    assert snapshot() == before


def test_worker_without_place_edit_is_forbidden_inside_and_404_outside(people, login, client, tree):
    login(people.worker)
    before = snapshot()
    assert client.post(f"/places/{tree.xieshu.pk}/new/", {**new_place(), "kind": "school"}).status_code == 403
    assert client.post(f"/places/{tree.dagang.pk}/new/", {**new_place(), "kind": "school"}).status_code == 404
    assert snapshot() == before


# --- edit -------------------------------------------------------------------------------------


def edit_data(place, **changes):
    data = {"code": place.code, "kind": place.kind, "name": place.name, "name_en": place.name_en,
            "address": place.address, "is_active": "on" if place.is_active else "", "version": place.version}
    data.update(changes)
    return data


def test_officer_edits_a_community(people, login, client, tree):
    login(people.officer)
    response = client.post(f"/places/{tree.jiufeng.pk}/edit/", edit_data(tree.jiufeng, name="九峰山社区"))
    assert response.status_code == 302
    tree.jiufeng.refresh_from_db()
    assert tree.jiufeng.name == "九峰山社区" and tree.jiufeng.version == 2


def test_stale_version_gets_a_clear_message_and_changes_nothing(people, login, client, tree):
    login(people.officer)
    form = edit_data(tree.jiufeng, name="我的名称")
    client.post(f"/places/{tree.jiufeng.pk}/edit/", edit_data(tree.jiufeng, name="别人的名称"))
    response = client.post(f"/places/{tree.jiufeng.pk}/edit/", form)
    assert response.status_code == 200
    assert "其他人修改了这条记录" in response.content.decode()
    tree.jiufeng.refresh_from_db()
    assert tree.jiufeng.name == "别人的名称"


def test_edit_outside_the_subtree_is_404_and_changes_nothing(people, login, client, tree):
    login(people.officer)
    before = snapshot()
    assert client.get(f"/places/{tree.dagang.pk}/edit/").status_code == 404
    assert client.post(f"/places/{tree.dagang.pk}/edit/", edit_data(tree.dagang, name="x")).status_code == 404
    assert snapshot() == before


def test_worker_cannot_edit_their_own_community(people, login, client, tree):
    login(people.worker)
    before = snapshot()
    assert client.post(f"/places/{tree.xieshu.pk}/edit/", edit_data(tree.xieshu, name="x")).status_code == 403
    assert snapshot() == before


# --- move -------------------------------------------------------------------------------------


def test_admin_moves_a_community_with_everything_below_it(people, login, client, tree):
    school = place_create(code="s1", kind=PlaceKind.SCHOOL, name="谢墅小学", parent=tree.xieshu, by=None)
    login(people.admin)
    response = client.post(f"/places/{tree.xieshu.pk}/move/", {"parent": tree.xinqi.pk, "version": 1})
    assert response.status_code == 302
    tree.xieshu.refresh_from_db()
    school.refresh_from_db()
    assert tree.xieshu.parent_id == tree.xinqi.pk
    assert school.path == tree.xinqi.path + Place.segment(tree.xieshu.pk) + Place.segment(school.pk)


def test_move_under_itself_is_refused_next_to_the_field(people, login, client, tree):
    login(people.admin)
    before = snapshot()
    response = client.post(f"/places/{tree.daqi.pk}/move/", {"parent": tree.xieshu.pk, "version": 1})
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    assert snapshot() == before


def test_move_against_the_kind_rules_is_refused_next_to_the_field(people, login, client, tree):
    login(people.admin)
    before = snapshot()
    response = client.post(f"/places/{tree.xieshu.pk}/move/", {"parent": tree.education.pk, "version": 1})
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    assert snapshot() == before


def test_officer_cannot_move_into_another_subdistrict(people, login, client, tree):
    login(people.officer)
    before = snapshot()
    response = client.post(f"/places/{tree.xieshu.pk}/move/", {"parent": tree.xinqi.pk, "version": 1})
    assert response.status_code == 200 and response.context["form"].errors["parent"]
    assert snapshot() == before


def test_move_by_an_outsider_is_404_and_changes_nothing(people, login, client, tree):
    login(people.other_worker)
    before = snapshot()
    assert client.post(f"/places/{tree.xieshu.pk}/move/", {"parent": tree.dagang.pk, "version": 1}).status_code == 404
    assert snapshot() == before


def test_stale_move_gets_a_clear_message(people, login, client, tree):
    login(people.admin)
    before = snapshot()
    response = client.post(f"/places/{tree.xieshu.pk}/move/", {"parent": tree.xinqi.pk, "version": 7})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert snapshot() == before


# --- transfer pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["officer", "worker", "liaison"])
def test_only_the_district_admin_may_export_or_import(people, login, client, persona):
    login(getattr(people, persona))
    before = snapshot()
    assert client.get("/places/export.xlsx").status_code == 403
    assert client.get("/places/import/").status_code == 403
    upload = io.BytesIO(b"PK\x03\x04")
    upload.name = "places.xlsx"
    assert client.post("/places/import/", {"file": upload}).status_code == 403
    assert snapshot() == before


def test_admin_downloads_the_export_as_an_attachment(people, login, client):
    login(people.admin)
    response = client.get("/places/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content[:4] == b"PK\x03\x04"


def test_import_page_lists_every_error_and_imports_nothing(people, login, client, tree):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code", "kind", "name", "parent_code"])
    sheet.append(["n1", "planet", "甲", tree.daqi.code])
    sheet.append(["n2", "community", "", "nowhere"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "places.xlsx"
    login(people.admin)
    before = snapshot()
    response = client.post("/places/import/", {"file": buffer})
    assert response.status_code == 422
    rows = [(e["row"], e["message"]) for e in response.context["errors"]]
    assert [r for r, _m in rows] == [2, 3, 3]
    assert "planet" in response.content.decode() and "nowhere" in response.content.decode()
    assert snapshot() == before


def test_import_page_applies_a_clean_file_and_says_what_changed(people, login, client, tree):
    login(people.admin)
    data = client.get("/places/export.xlsx").content
    upload = io.BytesIO(data)
    upload.name = "places.xlsx"
    response = client.post("/places/import/", {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == TREE_URL
    assert "7" in str(list(response.context["messages"])[0])


def test_a_place_is_named_in_the_readers_language_where_an_english_name_is_recorded(tree):
    from django.utils import translation

    with translation.override("en"):
        assert str(tree.daqi) == tree.daqi.local_name == "Daqi Subdistrict"
        assert str(tree.xieshu) == "谢墅社区"  # no English name recorded: the Chinese one
    with translation.override("zh-hans"):
        assert str(tree.daqi) == "大碶街道"


def test_english_staff_pages_name_the_place_in_english(people, login, client, tree):
    login(people.admin)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()  # the home page lists the user's roles with their places
    assert "Beilun District" in body and "北仑区" not in body
