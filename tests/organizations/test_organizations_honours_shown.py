"""Honours on a unit's pages (issue 5): an organization's page and a place's page show the title,
level, year and awarding body of the honours the reader may see, by creation's rules (own area in
full, public ones elsewhere); a person's name goes to whoever sees the honour and showing it is
audited; another area's private honours and private units stay out; query counts are fixed."""

from types import SimpleNamespace

import pytest
from orgs_helpers import PAGE_BASE_QUERIES, audit_queries

from shiliu.audit.models import AuditEvent
from shiliu.creation.recognition import honour_create
from shiliu.organizations import honours as shown_honours
from shiliu.organizations import place_figures as org_figures
from shiliu.organizations import place_page


@pytest.fixture
def honours(people, tree, network):
    admin = people.admin
    return SimpleNamespace(
        group=honour_create(by=admin, title="市级民族团结进步示范小组", level="city", year=2023,
                            recipient="organization", organization=network.xieshu,
                            awarding_body="宁波市民族宗教事务局"),
        group_private=honour_create(by=admin, title="街道内部表扬", level="district", year=2024,
                                    recipient="organization", organization=network.xieshu, public=False),
        unit=honour_create(by=admin, title="省级民族团结进步模范集体", level="provincial", year=2019,
                           place=tree.xieshu, awarding_body="浙江省人民政府"),
        person=honour_create(by=admin, title="市级民族团结进步先进个人", level="city", year=2022,
                             place=tree.xieshu, recipient="person", person_name="马秀兰"),
        below=honour_create(by=admin, title="九峰社区先进集体", level="district", year=2024, place=tree.jiufeng),
        dagang_public=honour_create(by=admin, title="大港社区促进小组区级先进", level="district", year=2021,
                                    recipient="organization", organization=network.dagang),
        dagang_private=honour_create(by=admin, title="大港联系点内部嘉奖", level="district", year=2024,
                                     recipient="organization", organization=network.dagang_private, public=False),
    )


def org_page(client, org, **headers):
    return client.get(f"/organizations/{org.pk}/", **headers)


def place_page_of(client, place, **headers):
    return client.get(f"/organizations/place/{place.pk}/", **headers)


def test_the_organizations_page_shows_its_honours_newest_first(people, network, honours, login, client):
    login(people.worker)
    response = org_page(client, network.xieshu)
    assert response.context["honours"] == [honours.group_private, honours.group]
    body = response.content.decode()
    assert "市级民族团结进步示范小组" in body and "宁波市民族宗教事务局" in body and "2023" in body and "市级" in body
    assert f"/creation/honours/{honours.group.pk}/" in body
    assert "省级民族团结进步模范集体" not in body  # the unit's own honour belongs on the place page


def test_another_areas_private_honours_and_private_units_are_not_shown(people, network, tree, honours, login,
                                                                      client):
    login(people.other_worker)  # 大港 (新碶)
    response = org_page(client, network.xieshu)  # public group of 大碶
    assert response.context["honours"] == [honours.group]
    assert "街道内部表扬" not in response.content.decode()
    client.logout()
    login(people.worker)  # 谢墅 (大碶)
    assert org_page(client, network.dagang).context["honours"] == [honours.dagang_public]
    response = org_page(client, network.dagang_private)
    assert response.status_code == 404 and "大港联系点内部嘉奖" not in response.content.decode()
    assert place_page_of(client, tree.dagang).status_code == 404
    own = place_page_of(client, tree.xieshu).content.decode()
    assert "大港联系点内部嘉奖" not in own and "大港社区促进小组区级先进" not in own


def test_the_place_page_shows_the_units_own_honours_with_names_and_audits_them(people, tree, honours, login,
                                                                             client):
    login(people.worker)
    response = place_page_of(client, tree.xieshu)
    assert response.context["honours"] == [honours.group_private, honours.group, honours.person, honours.unit]
    body = response.content.decode()
    assert "马秀兰" in body and "浙江省人民政府" in body and "谢墅社区促进小组" in body
    record = AuditEvent.objects.get(action="org.place.honours.view")
    assert record.actor == people.worker and record.category == "name"
    assert record.detail["ids"] == [honours.person.pk]
    # not the honours below the place (九峰's is on 九峰's page), and no record where no name is shown
    client.logout()
    login(people.officer)
    response = place_page_of(client, tree.daqi)
    assert response.context["honours"] == []
    assert place_page_of(client, tree.jiufeng).context["honours"] == [honours.below]
    org_page(client, org=honours.group.organization)
    assert AuditEvent.objects.filter(action__in=["org.place.honours.view", "org.honours.view"]).count() == 1


def test_both_languages(people, tree, network, honours, login, client):
    login(people.officer)
    en = place_page_of(client, tree.xieshu, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Honours of this unit" in en and "Awarded by" in en and "Provincial level" in en and "Received by" in en
    zh = place_page_of(client, tree.xieshu).content.decode()
    assert "本单位所获荣誉" in zh and "授予单位" in zh and "省级" in zh and "获得者" in zh
    en = org_page(client, network.xieshu, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h2 id=\"honours\">Honours</h2>" in en and "City level" in en
    assert "尚未登记荣誉" in org_page(client, network.jiufeng).content.decode()


def test_a_long_list_shows_the_newest_and_links_to_all(people, tree, honours, login, client, monkeypatch):
    monkeypatch.setattr(shown_honours, "SHOWN", 2)
    login(people.worker)
    response = place_page_of(client, tree.xieshu)
    assert response.context["honours"] == [honours.group_private, honours.group]
    assert f'href="/creation/honours/?place={tree.xieshu.pk}"' in response.content.decode()
    assert AuditEvent.objects.filter(action="org.place.honours.view").count() == 0  # the name was not shown


def test_query_counts_are_fixed(people, tree, network, honours, login, client, monkeypatch,
                                django_assert_max_num_queries):
    monkeypatch.setattr(place_page, "providers", lambda: (org_figures,))  # this app's figures alone
    login(people.worker)
    org_url, place_url = f"/organizations/{network.xieshu.pk}/", f"/organizations/place/{tree.xieshu.pk}/"
    client.get(org_url)
    client.get(place_url)
    # organization, children, members, the members' audit record, honours
    org_budget = PAGE_BASE_QUERIES + 4 + audit_queries()
    # place, figures, organizations and groups (2), ancestors, children, honours, the names' audit record
    place_budget = PAGE_BASE_QUERIES + 7 + audit_queries()
    with django_assert_max_num_queries(org_budget):
        org_page(client, network.xieshu)
    with django_assert_max_num_queries(place_budget):
        place_page_of(client, tree.xieshu)
    for i in range(8):
        honour_create(by=people.admin, title=f"荣誉{i}", level="district", year=2020, recipient="organization",
                      organization=network.xieshu, awarding_body="北仑区人民政府")
        honour_create(by=people.admin, title=f"个人荣誉{i}", level="district", year=2020, place=tree.xieshu,
                      recipient="person", person_name=f"志愿者{i}")
    with django_assert_max_num_queries(org_budget):
        assert len(org_page(client, network.xieshu).context["honours"]) == 10
    with django_assert_max_num_queries(place_budget):
        assert len(place_page_of(client, tree.xieshu).context["honours"]) == 20
