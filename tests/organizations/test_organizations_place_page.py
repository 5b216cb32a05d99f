"""The place page: a place's network and its figures for a period, counted from records in the
user's scope, each number linking to exactly the records behind it; other apps plug in."""

from datetime import date
from types import SimpleNamespace
from urllib.parse import parse_qs, urlparse

import pytest
from orgs_helpers import PAGE_BASE_QUERIES

from shiliu.organizations import place_figures as org_figures
from shiliu.organizations import place_page
from shiliu.organizations.choices import OrgKind
from shiliu.organizations.services import organization_create, organization_dissolve

YEAR = {"from": "2024-01-01", "to": "2024-12-31"}


def figures(response) -> dict:
    return {f["key"]: f for f in response.context["figures"]}


@pytest.fixture
def only_organizations(monkeypatch):
    """The page with this app's provider alone, so counts and query budgets are this app's."""
    monkeypatch.setattr(place_page, "providers", lambda: (org_figures,))


@pytest.fixture
def history(people, network, tree):
    """A contact point founded in 2025 and a group dissolved in 2023, both at 谢墅."""
    organization_create(by=people.admin, name="谢墅新联系点", kind=OrgKind.CONTACT_POINT, place=tree.xieshu,
                        founded_on=date(2025, 2, 1))
    old = organization_create(by=people.admin, name="谢墅旧小组", kind=OrgKind.GROUP, place=tree.xieshu,
                              founded_on=date(2015, 1, 1))
    organization_dissolve(organization=old, by=people.admin, version=1, on=date(2023, 6, 30))


def test_figures_count_the_subtree_in_the_period(people, tree, history, only_organizations, login, client):
    login(people.officer)
    daqi = figures(client.get(f"/organizations/place/{tree.daqi.pk}/", YEAR))
    # 2024 at 大碶: the branch, 谢墅 group, 九峰 contact point (not the 2025 one, not the one dissolved in 2023)
    assert daqi["organizations.total"]["value"] == 3
    assert daqi["organizations.contact_points"]["value"] == 1
    later = figures(client.get(f"/organizations/place/{tree.daqi.pk}/", {"from": "2025-01-01", "to": "2025-12-31"}))
    assert later["organizations.total"]["value"] == 4
    assert later["organizations.contact_points"]["value"] == 2
    earlier = figures(client.get(f"/organizations/place/{tree.xieshu.pk}/", {"from": "2016-01-01", "to": "2017-12-31"}))
    assert earlier["organizations.total"]["value"] == 1  # only the group dissolved in 2023, founded 2015


def test_each_figure_links_to_exactly_the_records_it_counts(people, tree, history, only_organizations, login, client):
    login(people.admin)
    for place in (tree.district, tree.daqi, tree.xieshu, tree.dagang):
        for period in (YEAR, {"from": "2025-01-01", "to": "2025-12-31"}):
            for figure in client.get(f"/organizations/place/{place.pk}/", period).context["figures"]:
                listed = client.get(figure["url"])
                assert listed.status_code == 200
                assert listed.context["page"].paginator.count == figure["value"], (place.name, figure["key"])
                query = parse_qs(urlparse(figure["url"]).query)
                assert query["place"] == [str(place.pk)] and query["from"] == [period["from"]]


def test_figures_stay_in_the_users_scope(people, tree, network, only_organizations, login, client):
    login(people.officer)
    assert client.get(f"/organizations/place/{tree.dagang.pk}/").status_code == 404
    assert client.get(f"/organizations/place/{tree.district.pk}/").status_code == 404
    client.logout()
    login(people.worker)
    xieshu = figures(client.get(f"/organizations/place/{tree.xieshu.pk}/", YEAR))
    assert xieshu["organizations.total"]["value"] == 1
    assert client.get(f"/organizations/place/{tree.daqi.pk}/").status_code == 404
    client.logout()
    login(people.admin)
    district = figures(client.get(f"/organizations/place/{tree.district.pk}/", YEAR))
    assert district["organizations.total"]["value"] == 6
    assert district["organizations.contact_points"]["value"] == 2


def test_the_page_lists_the_places_organizations_and_groups(people, tree, network, only_organizations, login,
                                                            client):
    from shiliu.organizations.group_services import group_create

    group_create(by=people.officer, kind="leadership", level="subdistrict", place=tree.daqi, name="大碶领导小组")
    login(people.officer)
    response = client.get(f"/organizations/place/{tree.daqi.pk}/")
    titles = [s["title"] for s in response.context["sections"]]
    assert titles == ["微组织", "领导小组和协调小组"]
    html = response.content.decode()
    assert f'href="/organizations/{network.jiufeng.pk}/"' in html
    assert "大碶领导小组" in html
    assert f'/organizations/place/{tree.xieshu.pk}/?from=' in html  # the places below, same period


def test_default_period_is_this_year_and_a_reversed_one_is_refused(people, tree, network, only_organizations,
                                                                   login, client):
    from django.utils import timezone

    login(people.officer)
    response = client.get(f"/organizations/place/{tree.daqi.pk}/")
    year = timezone.localdate().year
    assert (response.context["start"], response.context["end"]) == (date(year, 1, 1), date(year, 12, 31))
    response = client.get(f"/organizations/place/{tree.daqi.pk}/", {"from": "2024-12-31", "to": "2024-01-01"},
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors["to"] == ["The end of the period comes before its start."]
    assert response.context["figures"] == []


def test_both_languages(people, tree, network, only_organizations, login, client):
    login(people.officer)
    zh = client.get(f"/organizations/place/{tree.daqi.pk}/", YEAR).content.decode()
    assert "联系点" in zh and "2024-01-01" in zh
    en = client.get(f"/organizations/place/{tree.daqi.pk}/", YEAR, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Contact points" in en and "Daqi Subdistrict" in en


def test_query_count_is_fixed(people, tree, network, only_organizations, login, client, django_assert_max_num_queries):
    login(people.admin)
    url = f"/organizations/place/{tree.district.pk}/"
    client.get(url)
    # base + place + figures (1) + organizations and groups (2) + ancestors + children + the unit's honours
    with django_assert_max_num_queries(PAGE_BASE_QUERIES + 7):
        client.get(url, YEAR)
    for i in range(12):
        organization_create(by=people.admin, name=f"新组{i}", kind=OrgKind.GROUP, place=tree.jiufeng)
    with django_assert_max_num_queries(PAGE_BASE_QUERIES + 7):
        client.get(url, YEAR)


def test_other_apps_plug_in_through_the_contract(people, tree, network, login, client, monkeypatch):
    seen = {}

    def fake_figures(user, place, start, end):
        seen["args"] = (user.username, place.pk, start, end)
        return [{"key": "fake.things", "label": "Things", "value": 7, "url": "/things/?place=1"}]

    def fake_records(user, place):
        return [{"title": "Things here", "items": [("A thing", "/things/1/")]}, {"title": "Empty", "items": []}]

    fake = SimpleNamespace(__name__="shiliu.fake.place_figures", ORDER=5, figures=fake_figures, records=fake_records)
    silent = SimpleNamespace(__name__="shiliu.silent.place_figures")  # neither function: skipped
    monkeypatch.setattr(place_page, "providers", lambda: (fake, silent, org_figures))
    login(people.officer)
    response = client.get(f"/organizations/place/{tree.daqi.pk}/", YEAR)
    keys = [f["key"] for f in response.context["figures"]]
    assert keys == ["fake.things", "organizations.total", "organizations.contact_points"]
    assert seen["args"] == ("daqi_officer", tree.daqi.pk, date(2024, 1, 1), date(2024, 12, 31))
    titles = [s["title"] for s in response.context["sections"]]
    assert titles[0] == "Things here" and "Empty" not in titles
    assert 'href="/things/?place=1"' in response.content.decode()


def test_providers_are_found_in_every_app():
    place_page.providers.cache_clear()
    found = place_page.providers()
    assert org_figures in found
    assert all(m.__name__.endswith(".place_figures") for m in found)
    orders = [getattr(m, "ORDER", 100) for m in found]
    assert orders == sorted(orders)


def test_api_gives_the_same_figures(people, tree, history, only_organizations, client, token_for):
    response = client.get(f"/api/v1/organizations/places/{tree.daqi.pk}/figures", YEAR, **token_for(people.officer))
    assert response.status_code == 200
    body = response.json()
    assert body["start"] == "2024-01-01"
    assert {f["key"]: f["value"] for f in body["figures"]} == {"organizations.total": 3,
                                                              "organizations.contact_points": 1}
    other = client.get(f"/api/v1/organizations/places/{tree.dagang.pk}/figures", **token_for(people.officer))
    assert other.status_code == 404
    bad = client.get(f"/api/v1/organizations/places/{tree.daqi.pk}/figures", {"from": "2024-12-31", "to": "2024-01-01"},
                     **token_for(people.officer))
    assert bad.status_code == 422


def test_the_page_renders_every_apps_figures_by_the_contract(people, tree, network, login, client):
    """With whatever providers the apps have now: each figure has its four keys and an int value."""
    place_page.providers.cache_clear()
    login(people.admin)
    response = client.get(f"/organizations/place/{tree.district.pk}/", YEAR)
    assert response.status_code == 200
    keys = [f["key"] for f in response.context["figures"]]
    assert len(keys) == len(set(keys)) and {"organizations.total", "organizations.contact_points"} <= set(keys)
    for figure in response.context["figures"]:
        assert isinstance(figure["value"], int) and str(figure["label"]), figure
        assert figure["url"] is None or figure["url"].startswith("/"), figure
    for section in response.context["sections"]:
        assert str(section["title"]) and all(len(item) == 2 for item in section["items"])
