"""The organization pages: list filters, forms that put each error next to its field, both
languages, and query counts that do not grow with the data."""

from datetime import date

import pytest
from orgs_helpers import PAGE_BASE_QUERIES

from shiliu.audit.models import AuditEvent
from shiliu.organizations.choices import MemberRole, OrgKind
from shiliu.organizations.models import Organization
from shiliu.organizations.services import membership_add, organization_create


def names(response) -> list[str]:
    return [row["org"].name for row in response.context["rows"]]


def test_list_filters_by_kind_status_place_and_name(people, network, tree, login, client):
    login(people.admin)
    assert set(names(client.get("/organizations/", {"kind": "contact_point"}))) == {"九峰社区联系点", "大港社区联系点"}
    assert set(names(client.get("/organizations/", {"place": tree.daqi.pk}))) == {
        "大碶街道分会", "谢墅社区促进小组", "九峰社区联系点"}
    assert names(client.get("/organizations/", {"q": "Xieshu"})) == ["谢墅社区促进小组"]
    assert names(client.get("/organizations/", {"status": "dissolved"})) == []
    assert set(names(client.get("/organizations/", {"from": "2019-01-01", "to": "2019-01-31"}))) == {
        "北仑区民族团结进步促进会", "大碶街道分会", "谢墅社区促进小组", "大港社区促进小组"}


def test_list_refuses_a_place_outside_the_scope_as_a_filter(people, network, tree, login, client):
    login(people.worker)
    response = client.get("/organizations/", {"place": tree.dagang.pk})
    assert "place" in response.context["form"].errors
    assert "大港社区联系点" not in names(response)


def test_list_is_in_tree_order_with_member_counts(people, network, login, client):
    login(people.admin)
    response = client.get("/organizations/")
    rows = {row["org"].name: row["org"].member_count for row in response.context["rows"]}
    assert rows["谢墅社区促进小组"] == 3 and rows["大港社区促进小组"] == 1
    assert names(response)[0] == "北仑区民族团结进步促进会"


def test_list_query_count_is_fixed(people, network, tree, login, client, django_assert_max_num_queries):
    login(people.officer)
    client.get("/organizations/")
    budget = PAGE_BASE_QUERIES + 3  # the place filter's choices, the count, the page
    with django_assert_max_num_queries(budget):
        client.get("/organizations/", {"kind": "group"})
    for i in range(20):
        org = organization_create(by=people.admin, name=f"小组{i}", kind=OrgKind.GROUP, place=tree.jiufeng)
        membership_add(by=people.admin, organization=org, name=f"成员{i}")
    with django_assert_max_num_queries(budget):
        assert client.get("/organizations/", {"kind": "group"}).context["page"].paginator.count == 22


def test_detail_query_count_is_fixed(people, network, login, client, django_assert_max_num_queries):
    from orgs_helpers import audit_queries

    login(people.worker)
    url = f"/organizations/{network.xieshu.pk}/"
    client.get(url)
    budget = PAGE_BASE_QUERIES + 3 + audit_queries()  # organization, children, members, the audit record
    with django_assert_max_num_queries(budget):
        client.get(url)
    for i in range(10):
        membership_add(by=people.worker, organization=network.xieshu, name=f"志愿者{i}", role=MemberRole.VOLUNTEER)
    with django_assert_max_num_queries(budget):
        client.get(url)


def test_api_list_query_count_is_fixed(people, network, tree, client, token_for, django_assert_max_num_queries):
    headers = token_for(people.admin)
    client.get("/api/v1/organizations", **headers)
    with django_assert_max_num_queries(6):
        client.get("/api/v1/organizations", **headers)
    for i in range(15):
        organization_create(by=people.admin, name=f"小组{i}", kind=OrgKind.GROUP, place=tree.jiufeng)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/organizations", **headers).json()["count"] == 21


def test_create_form_puts_each_error_next_to_its_field(people, tree, login, client):
    login(people.worker)
    response = client.post("/organizations/new/", {"name": "", "kind": "branch", "place": tree.xieshu.pk,
                                                   "status": "active", "founded_on": "2999-01-01"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    form = response.context["form"]
    assert "name" in form.errors and "founded_on" in form.errors
    assert not Organization.objects.exists()
    response = client.post("/organizations/new/", {"name": "谢墅一组", "kind": "branch", "place": tree.xieshu.pk,
                                                   "status": "active"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "place" in response.context["form"].errors  # a branch stands at a subdistrict
    assert not Organization.objects.exists()


def test_create_through_the_page(people, tree, login, client):
    login(people.worker)
    response = client.post("/organizations/new/", {"name": "谢墅读书小组", "kind": "group", "place": tree.xieshu.pk,
                                                   "status": "active", "public": "on", "founded_on": "2024-03-01"})
    org = Organization.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/organizations/{org.pk}/"
    assert org.created_by == people.worker and org.public and org.founded_on == date(2024, 3, 1)
    assert AuditEvent.objects.filter(action="org.create").exists()


def test_the_create_form_offers_only_editable_places(people, network, tree, login, client):
    login(people.worker)
    places = list(client.get("/organizations/new/").context["form"].fields["place"].queryset)
    assert places == [tree.xieshu]


def test_add_and_end_a_member_through_the_pages(people, network, login, client):
    login(people.worker)
    response = client.post(f"/organizations/{network.xieshu.pk}/members/new/",
                           {"name": "新志愿者", "phone": "139 0000 3333", "role": "volunteer", "since": "2024-05-01"})
    assert response.status_code == 302
    member = network.xieshu.memberships.get(name="新志愿者")
    response = client.post(f"/organizations/{network.xieshu.pk}/members/{member.pk}/end/",
                           {"until": "2025-01-01", "version": member.version})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.until == date(2025, 1, 1)


@pytest.mark.parametrize("language, words", [("zh-hans", ["组织", "联系点", "成员"]),
                                             ("en", ["Organizations", "Contact point", "Members"])])
def test_pages_speak_both_languages(people, network, login, client, language, words):
    login(people.admin)
    html = client.get("/organizations/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    html += client.get(f"/organizations/{network.jiufeng.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for word in words:
        assert word in html, word


def test_english_names_show_in_english(people, network, login, client):
    login(people.admin)
    html = client.get("/organizations/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Xieshu Unity Group" in html


def test_list_refuses_an_ethnicity_filter(people, network, login, client):
    login(people.admin)
    assert client.get("/organizations/", {"ethnicity": "05"}).status_code == 400
