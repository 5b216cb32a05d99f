"""Brands and honours: scope, duplicates, a person named only, the unit's honours, exports, audit."""

import io

import pytest
from creation_helpers import PAGE_BASE_QUERIES, audit_queries
from openpyxl import load_workbook

from shiliu.audit.models import AuditEvent
from shiliu.creation.models import Brand, Honour
from shiliu.creation.recognition import brand_create, honour_create
from shiliu.creation.selectors import honours_of_place


@pytest.fixture
def recognition(tree, people):
    return {
        "bei": brand_create(by=people.admin, name="贝大姐热线", place=tree.daqi),
        "studio": brand_create(by=people.admin, name="石榴籽工作室", place=tree.dagang, public=False),
        "unit": honour_create(by=people.admin, title="省级民族团结进步模范集体", level="provincial", year=2019,
                              place=tree.xieshu, awarding_body="浙江省人民政府"),
        "person": honour_create(by=people.admin, title="市级民族团结进步先进个人", level="city", year=2023,
                                place=tree.xieshu, recipient="person", person_name="马秀兰"),
        "other": honour_create(by=people.admin, title="区级先进集体", level="district", year=2024,
                               place=tree.dagang),
    }


def test_officer_records_a_brand_and_a_duplicate_name_is_refused(people, tree, login, client):
    login(people.officer)
    response = client.post("/creation/brands/new/", {"name": "贝大姐热线", "place": tree.daqi.pk, "status": "active",
                                                     "since": "2016-03-08", "public": "on"})
    assert response.status_code == 302
    brand = Brand.objects.get()
    assert brand.since.isoformat() == "2016-03-08"
    response = client.post("/creation/brands/new/", {"name": "贝大姐热线", "place": tree.daqi.pk, "status": "active"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["name"] == ["This place already has a brand with this name."]
    assert Brand.objects.count() == 1
    assert AuditEvent.objects.filter(action="creation.brand.create").count() == 1


def test_a_brand_without_a_name_or_with_a_future_start_is_refused(people, tree, login, client):
    login(people.officer)
    response = client.post("/creation/brands/new/", {"name": "", "place": tree.daqi.pk, "status": "active",
                                                     "since": "2999-01-01"})
    assert set(response.context["form"].errors) == {"name", "since"}
    assert not Brand.objects.exists()


def test_brands_list_shows_public_ones_elsewhere_only(people, recognition, login, client):
    login(people.officer)
    assert [b.name for b in client.get("/creation/brands/").context["page"].object_list] == ["贝大姐热线"]
    assert client.get(f"/creation/brands/{recognition['studio'].pk}/").status_code == 404
    client.post("/accounts/logout/")
    login(people.other_worker)
    assert client.get(f"/creation/brands/{recognition['bei'].pk}/").status_code == 200
    assert client.get(f"/creation/brands/{recognition['bei'].pk}/edit/").status_code == 403


def test_brand_edit_with_a_stale_version_is_refused(people, recognition, login, client):
    brand = recognition["bei"]
    login(people.officer)
    data = {"name": "贝大姐热线（新）", "place": brand.place_id, "status": "paused", "version": brand.version}
    assert client.post(f"/creation/brands/{brand.pk}/edit/", data).status_code == 302
    response = client.post(f"/creation/brands/{brand.pk}/edit/", {**data, "status": "ended"})
    assert "其他人" in response.content.decode()
    brand.refresh_from_db()
    assert (brand.name, brand.status, brand.version) == ("贝大姐热线（新）", "paused", 2)


def test_an_honour_for_a_person_needs_the_name_and_keeps_nothing_else(people, tree, login, client):
    login(people.officer)
    response = client.post("/creation/honours/new/", {"title": "先进个人", "level": "city", "year": 2023,
                                                      "recipient": "person", "place": tree.xieshu.pk},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["person_name"] == [
        "Enter the name of the person who received the honour."]
    assert not Honour.objects.exists()
    response = client.post("/creation/honours/new/", {"title": "先进集体", "level": "city", "year": 2023,
                                                      "recipient": "unit", "place": tree.xieshu.pk,
                                                      "person_name": "不该保存"})
    assert response.status_code == 302
    assert Honour.objects.get().person_name == ""


def test_an_honour_needs_title_level_and_a_real_year(people, tree, login, client):
    login(people.officer)
    response = client.post("/creation/honours/new/", {"title": "", "level": "", "year": 3000,
                                                      "recipient": "unit", "place": tree.xieshu.pk})
    assert {"title", "level", "year"} <= set(response.context["form"].errors)
    assert not Honour.objects.exists()


def test_reading_a_persons_honour_is_audited(people, recognition, login, client):
    login(people.worker)
    client.get("/creation/honours/")
    listed = AuditEvent.objects.get(action="creation.honour.list")
    assert listed.detail["ids"] == [recognition["person"].pk]
    client.get(f"/creation/honours/{recognition['unit'].pk}/")
    assert not AuditEvent.objects.filter(action="creation.honour.view").exists()
    response = client.get(f"/creation/honours/{recognition['person'].pk}/")
    assert "马秀兰" in response.content.decode()
    assert AuditEvent.objects.filter(action="creation.honour.view", actor=people.worker).count() == 1


def test_the_units_honours_are_those_it_received_itself(people, tree, recognition):
    assert list(honours_of_place(people.worker, tree.xieshu)) == [recognition["person"], recognition["unit"]]
    assert list(honours_of_place(people.worker, tree.daqi)) == []


def test_honours_filter_by_years_and_recipient(people, recognition, login, client):
    login(people.admin)
    titles = {h.title for h in client.get("/creation/honours/", {"year_from": 2020}).context["page"].object_list}
    assert titles == {"市级民族团结进步先进个人", "区级先进集体"}
    titles = {h.title for h in client.get("/creation/honours/", {"recipient": "person"}).context["page"].object_list}
    assert titles == {"市级民族团结进步先进个人"}


def test_honours_export_is_a_safe_workbook_in_the_readers_language(people, tree, recognition, login, client):
    honour_create(by=people.admin, title="=HYPERLINK(\"x\")", level="district", year=2024, place=tree.xieshu)
    login(people.officer)
    response = client.get("/creation/honours/export.xlsx")
    assert response.status_code == 302 and "/accounts/reauth/" in response["Location"]  # the password first (C7)
    client.post("/accounts/reauth/", {"password": "Correct-Horse-42"})
    response = client.get("/creation/honours/export.xlsx", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="honours-')
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Year", "Title", "Level")
    titles = {r[1] for r in rows[1:]}
    assert "'=HYPERLINK(\"x\")" in titles and "区级先进集体" in titles  # the public one of 新碶 too
    exported = AuditEvent.objects.get(action="creation.honour.export")
    assert exported.detail["ids"] == [recognition["person"].pk]


def test_exports_are_rate_limited(people, recognition, login, client):
    login(people.officer)
    for _i in range(10):
        assert client.get("/creation/brands/export.xlsx").status_code == 200
    response = client.get("/creation/brands/export.xlsx")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_sites_export_lists_progress(people, sites, login, client):
    login(people.officer)
    response = client.get("/creation/sites/export.xlsx", {"level": "city"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "名称" and rows[1][0] == "谢墅社区示范点" and rows[1][5] == 0
    assert len(rows) == 2


@pytest.mark.parametrize("extra", [0, 30])
def test_honours_list_query_count_is_fixed(people, tree, recognition, login, client, django_assert_num_queries,
                                           extra):
    for i in range(extra):
        honour_create(by=people.admin, title=f"荣誉{i}", level="district", year=2024, place=tree.xieshu,
                      recipient="person", person_name=f"人{i}")
    login(people.worker)
    client.get("/")
    # count, one page of honours with their place, the place filter's options, one audit record
    with django_assert_num_queries(PAGE_BASE_QUERIES + 3 + audit_queries()):
        client.get("/creation/honours/")


def _organization(place, by, name="谢墅社区民族团结进步促进小组"):
    from shiliu.organizations.models import Organization

    return Organization.objects.create(name=name, kind="group", place=place, created_by=by)


def test_an_organizations_honour_stands_at_its_place_and_shows_on_its_page(people, tree, login, client):
    from shiliu.creation.selectors import honours_of_organization

    group = _organization(tree.xieshu, people.admin)
    elsewhere = _organization(tree.dagang, people.admin, "大港社区促进小组")
    login(people.officer)
    response = client.post("/creation/honours/new/", {"title": "先进集体", "level": "city", "year": 2023,
                                                      "recipient": "organization", "organization": elsewhere.pk})
    assert "organization" in response.context["form"].errors  # not offered, not accepted
    response = client.post("/creation/honours/new/", {"title": "先进集体", "level": "city", "year": 2023,
                                                      "recipient": "organization"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["organization"] == ["Choose the organization that received the honour."]
    response = client.post("/creation/honours/new/", {"title": "先进集体", "level": "city", "year": 2023,
                                                      "recipient": "organization", "organization": group.pk,
                                                      "place": tree.jiufeng.pk})
    assert response.status_code == 302
    honour = Honour.objects.get()
    assert (honour.organization, honour.place) == (group, tree.xieshu)
    assert list(honours_of_organization(people.worker, group)) == [honour]
    assert group.name in client.get(f"/creation/honours/{honour.pk}/").content.decode()


@pytest.mark.parametrize("extra", [0, 30])
def test_brands_list_query_count_is_fixed(people, tree, recognition, login, client, django_assert_num_queries,
                                          extra):
    for i in range(extra):
        brand_create(by=people.admin, name=f"品牌{i}", place=tree.xieshu)
    login(people.worker)
    client.get("/")
    with django_assert_num_queries(PAGE_BASE_QUERIES + 3):  # count, one page of brands with places, place options
        client.get("/creation/brands/")
