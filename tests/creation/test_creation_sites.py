"""Demonstration sites on the pages: scope, read-only public records, bad input, stale versions, languages."""

import pytest
from creation_helpers import PAGE_BASE_QUERIES

from shiliu.audit.models import AuditEvent
from shiliu.creation.choices import SixOnes
from shiliu.creation.models import DemonstrationSite, SixOnesItem


def names(response) -> set[str]:
    return {site.name for site in response.context["page"].object_list}


@pytest.mark.parametrize(("persona", "expected"), [
    ("worker", {"谢墅社区示范点", "九峰社区示范点", "大港社区示范社区"}),
    ("officer", {"谢墅社区示范点", "九峰社区示范点", "大港社区示范社区"}),
    ("other_worker", {"谢墅社区示范点", "九峰社区示范点", "大港社区示范社区", "大港候选点"}),
    ("admin", {"谢墅社区示范点", "九峰社区示范点", "大港社区示范社区", "大港候选点"}),
])
def test_list_shows_own_sites_and_public_ones_elsewhere(people, sites, login, client, persona, expected):
    login(getattr(people, persona))
    response = client.get("/creation/")
    assert response.status_code == 200
    assert names(response) == expected


@pytest.mark.parametrize("persona", ["auditor", "liaison", "operator", "nobody"])
def test_roles_without_creation_view_are_refused(people, sites, login, client, persona):
    login(getattr(people, persona))
    assert client.get("/creation/").status_code == 403
    assert client.get(f"/creation/sites/{sites.xieshu.pk}/").status_code == 403


def test_a_private_site_of_another_subdistrict_is_404_like_a_missing_one(people, sites, login, client):
    login(people.officer)
    assert client.get(f"/creation/sites/{sites.dagang_private.pk}/").status_code == 404
    assert client.get("/creation/sites/999999/").status_code == 404
    assert client.get(f"/creation/sites/{sites.dagang_private.pk}/edit/").status_code == 404


def test_a_public_site_elsewhere_is_read_only_without_its_evidence(people, sites, login, client):
    login(people.officer)
    response = client.get(f"/creation/sites/{sites.dagang.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f"/creation/sites/{sites.dagang.pk}/edit/" not in html
    assert f"/creation/sites/{sites.dagang.pk}/items/" not in html  # evidence stays within scope
    assert client.get(f"/creation/sites/{sites.dagang.pk}/edit/").status_code == 403
    assert client.get(f"/creation/sites/{sites.dagang.pk}/items/demonstration_point/").status_code == 404
    response = client.post(f"/creation/sites/{sites.dagang.pk}/edit/", {"name": "改名", "version": 1})
    assert response.status_code == 403
    assert DemonstrationSite.objects.get(pk=sites.dagang.pk).name == "大港社区示范社区"


def test_officer_records_a_site_and_it_gets_its_six_items(people, tree, login, client):
    login(people.officer)
    response = client.post("/creation/sites/new/", {"name": "横河社区示范点", "level": "district",
                                                    "place": tree.jiufeng.pk, "status": "candidate",
                                                    "public": "on"})
    site = DemonstrationSite.objects.get(name="横河社区示范点")
    assert response.status_code == 302 and response["Location"] == f"/creation/sites/{site.pk}/"
    assert sorted(SixOnesItem.objects.filter(site=site).values_list("kind", flat=True)) == sorted(SixOnes.values)
    event = AuditEvent.objects.get(action="creation.site.create")
    assert event.actor == people.officer and event.target_id == str(site.pk)


def test_worker_may_see_but_not_record_sites(people, tree, login, client):
    login(people.worker)
    assert client.get("/creation/sites/new/").status_code == 403
    assert "/creation/sites/new/" not in client.get("/creation/").content.decode()


def test_missing_name_and_bad_year_show_next_to_their_fields_and_nothing_is_saved(people, tree, login, client):
    login(people.officer)
    response = client.post("/creation/sites/new/", {"name": "  ", "level": "district", "place": tree.xieshu.pk,
                                                    "status": "named", "named_year": "1900"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "请输入示范点的名称" in errors["name"][0]
    assert "named_year" in errors
    assert not DemonstrationSite.objects.exists()
    assert not AuditEvent.objects.filter(action="creation.site.create").exists()


def test_a_named_site_needs_its_year(people, tree, login, client):
    login(people.officer)
    response = client.post("/creation/sites/new/", {"name": "某示范点", "level": "city", "place": tree.xieshu.pk,
                                                    "status": "named"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["named_year"] == ["A named site needs the year it was named."]


def test_a_place_outside_scope_is_not_offered_nor_accepted(people, tree, login, client):
    login(people.officer)
    response = client.post("/creation/sites/new/", {"name": "越界", "level": "district", "place": tree.dagang.pk})
    assert "place" in response.context["form"].errors
    assert not DemonstrationSite.objects.exists()


def test_status_moves_only_along_the_allowed_transitions(people, sites, login, client):
    login(people.officer)
    site = sites.jiufeng  # a candidate
    response = client.post(f"/creation/sites/{site.pk}/edit/", {
        "name": site.name, "level": site.level, "place": site.place_id, "status": "reviewing",
        "version": site.version}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["status"] == ["A site that is Candidate cannot become Under review."]
    response = client.post(f"/creation/sites/{site.pk}/edit/", {
        "name": site.name, "level": "city", "place": site.place_id, "status": "named", "named_year": 2024,
        "public": "on", "version": site.version})
    assert response.status_code == 302
    site.refresh_from_db()
    assert (site.status, site.named_year, site.level, site.version) == ("named", 2024, "city", 2)
    event = AuditEvent.objects.get(action="creation.site.update")
    assert event.detail == {"changed": ["level", "named_year", "status"], "status": "named"}


def test_a_stale_version_gets_a_clear_message_and_nothing_is_saved(people, sites, login, client):
    login(people.officer)
    site = sites.xieshu
    data = {"name": "第一次", "level": site.level, "place": site.place_id, "status": site.status,
            "named_year": site.named_year, "version": site.version}
    assert client.post(f"/creation/sites/{site.pk}/edit/", data).status_code == 302
    response = client.post(f"/creation/sites/{site.pk}/edit/", {**data, "name": "第二次"})
    assert response.status_code == 200
    assert "其他人" in response.content.decode()
    site.refresh_from_db()
    assert site.name == "第一次" and site.version == 2


def test_filters_by_level_status_and_place(people, sites, login, client):
    login(people.admin)
    assert names(client.get("/creation/", {"level": "provincial"})) == {"大港社区示范社区"}
    assert names(client.get("/creation/", {"status": "standing"})) == {"谢墅社区示范点", "大港社区示范社区"}
    daqi = sites.xieshu.place.parent_id
    assert names(client.get("/creation/", {"place": daqi})) == {"谢墅社区示范点", "九峰社区示范点"}
    assert names(client.get("/creation/", {"q": "候选"})) == {"大港候选点"}


def test_the_page_reads_in_chinese_and_in_english(people, sites, login, client):
    login(people.officer)
    zh = client.get("/creation/").content.decode()
    assert "示范点" in zh and "六个一" in zh and "市级" in zh
    en = client.get("/creation/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Demonstration sites" in en and "City level" in en and "Six ones" in en


@pytest.mark.parametrize("extra", [0, 30])
def test_list_query_count_does_not_grow_with_rows(people, tree, sites, login, client, django_assert_num_queries,
                                                   extra):
    from shiliu.creation.services import site_create

    for i in range(extra):
        site_create(by=people.admin, name=f"示范点{i:02d}", level="district", place=tree.xieshu)
    login(people.worker)
    client.get("/")
    # count, one page of sites with their place and progress, the place filter's options
    with django_assert_num_queries(PAGE_BASE_QUERIES + 3):
        response = client.get("/creation/")
    assert len(response.context["page"].object_list) == min(3 + extra, 25)
