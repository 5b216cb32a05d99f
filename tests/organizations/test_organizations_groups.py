"""Leadership groups (three levels) and the coordination group: their seats, scoped like
organizations, ended seats kept as history, officials' names only within the area."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion
from shiliu.organizations.choices import GroupKind, GroupLevel, GroupRole
from shiliu.organizations.group_services import group_create, group_member_add, group_member_end, group_update
from shiliu.organizations.models import Group, GroupMember


@pytest.fixture
def groups(people, tree):
    district = group_create(by=people.admin, kind=GroupKind.LEADERSHIP, level=GroupLevel.DISTRICT,
                            place=tree.district, name="区领导小组")
    leader = group_member_add(by=people.admin, group=district, person_name="王区长", title="副区长",
                              role=GroupRole.LEADER, since=date(2023, 1, 1))
    coordination = group_create(by=people.admin, kind=GroupKind.COORDINATION, level=GroupLevel.DISTRICT,
                                place=tree.district, name="协调小组")
    for unit in (tree.education, tree.daqi, tree.xinqi):
        group_member_add(by=people.admin, group=coordination, unit=unit, since=date(2023, 1, 1))
    daqi = group_create(by=people.officer, kind=GroupKind.LEADERSHIP, level=GroupLevel.SUBDISTRICT, place=tree.daqi,
                        name="大碶领导小组", public=False)
    return {"district": district, "leader": leader, "coordination": coordination, "daqi": daqi}


def test_level_must_match_the_place_and_every_error_is_reported(people, tree):
    with pytest.raises(ValidationError) as exc:
        group_create(by=people.officer, kind="club", level=GroupLevel.DISTRICT, place=tree.daqi, name="")
    assert set(exc.value.message_dict) == {"kind", "place", "name"}
    with pytest.raises(ValidationError) as exc:
        group_create(by=people.officer, kind=GroupKind.LEADERSHIP, level=GroupLevel.SUBDISTRICT, place=tree.xinqi,
                     name="新碶领导小组")
    assert exc.value.message_dict == {"place": ["您无权管理该地点的小组。"]}
    assert not Group.objects.exists()


def test_coordination_group_seats_departments_and_subdistricts_only(people, groups, tree):
    with pytest.raises(ValidationError) as exc:
        group_member_add(by=people.admin, group=groups["coordination"], unit=tree.xieshu)
    assert "unit" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        group_member_add(by=people.admin, group=groups["coordination"], unit=tree.daqi)  # already seated
    assert "unit" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        group_member_add(by=people.admin, group=groups["coordination"])
    assert "unit" in exc.value.message_dict


def test_a_seat_unit_lies_within_the_groups_place(people, groups, tree):
    with pytest.raises(ValidationError) as exc:
        group_member_add(by=people.officer, group=groups["daqi"], unit=tree.dagang)
    assert "unit" in exc.value.message_dict
    group_member_add(by=people.officer, group=groups["daqi"], unit=tree.xieshu, title="书记")


def test_ending_a_seat_keeps_it_and_stale_versions_are_refused(people, groups):
    seat = groups["leader"]
    group_member_end(member=seat, by=people.admin, version=1, until=date(2025, 1, 31))
    with pytest.raises(StaleVersion):
        group_member_end(member=seat, by=people.admin, version=1)
    assert GroupMember.objects.get(pk=seat.pk).until == date(2025, 1, 31)
    assert AuditEvent.objects.filter(action="org.group.member.end").count() == 1
    group_update(group=groups["district"], by=people.admin, version=1, description="2023年调整")
    with pytest.raises(StaleVersion):
        group_update(group=groups["district"], by=people.admin, version=1, name="旧")


def test_groups_are_scoped_like_organizations(people, groups, login, client):
    login(people.other_worker)
    listed = {row["group"].name for row in client.get("/organizations/groups/").context["rows"]}
    assert listed == {"区领导小组", "协调小组"}  # public ones; not 大碶's private group
    assert client.get(f"/organizations/groups/{groups['daqi'].pk}/").status_code == 404
    response = client.get(f"/organizations/groups/{groups['district'].pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "副区长" in html and "王区长" not in html  # the post, not the official's name, outside the area
    assert client.get(f"/organizations/groups/{groups['district'].pk}/edit/").status_code == 403
    response = client.post(f"/organizations/groups/{groups['district'].pk}/members/new/", {"person_name": "外人"})
    assert response.status_code == 403
    assert groups["district"].members.count() == 1


def test_admin_sees_the_officials_names_and_can_add_a_seat_through_the_page(people, groups, tree, login, client):
    login(people.admin)
    response = client.get(f"/organizations/groups/{groups['district'].pk}/")
    assert "王区长" in response.content.decode()
    response = client.post(f"/organizations/groups/{groups['district'].pk}/members/new/",
                           {"unit": tree.education.pk, "title": "局长", "role": "member", "since": "2024-01-01"})
    assert response.status_code == 302
    assert groups["district"].members.filter(unit=tree.education, title="局长").exists()


def test_group_seat_form_needs_a_unit_or_a_person(people, groups, login, client):
    login(people.admin)
    response = client.post(f"/organizations/groups/{groups['district'].pk}/members/new/", {"role": "member"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors["unit"] == ["Choose a member unit, name a person, or both."]


def test_api_groups(people, groups, tree, client, token_for):
    headers = token_for(people.other_worker)
    listed = client.get("/api/v1/organizations/groups", **headers).json()["items"]
    assert {g["name"] for g in listed} == {"区领导小组", "协调小组"}
    detail = client.get(f"/api/v1/organizations/groups/{groups['district'].pk}", **headers).json()
    assert detail["seats"][0]["title"] == "副区长" and "person_name" not in detail["seats"][0]
    assert client.get(f"/api/v1/organizations/groups/{groups['daqi'].pk}", **headers).status_code == 404
    admin = token_for(people.admin)
    detail = client.get(f"/api/v1/organizations/groups/{groups['district'].pk}", **admin).json()
    assert detail["seats"][0]["person_name"] == "王区长"
    response = client.post(f"/api/v1/organizations/groups/{groups['coordination'].pk}/members",
                           {"unit_id": tree.xieshu.pk}, content_type="application/json", **admin)
    assert response.status_code == 422 and "unit" in response.json()["errors"]
    response = client.post("/api/v1/organizations/groups", {"kind": "leadership", "level": "community",
                                                             "place_id": tree.xieshu.pk, "name": "谢墅领导小组",
                                                             "colour": "red"},
                           content_type="application/json", **token_for(people.worker))
    assert response.status_code == 422  # unknown field refused (F4)
    response = client.post("/api/v1/organizations/groups", {"kind": "leadership", "level": "community",
                                                             "place_id": tree.xieshu.pk, "name": "谢墅领导小组"},
                           content_type="application/json", **token_for(people.worker))
    assert response.status_code == 201 and response.json()["seats"] == []


def test_group_list_query_count_is_fixed(people, groups, tree, login, client, django_assert_max_num_queries):
    from orgs_helpers import PAGE_BASE_QUERIES

    login(people.officer)
    client.get("/organizations/groups/")
    budget = PAGE_BASE_QUERIES + 3  # the place filter's choices, the count, the page
    with django_assert_max_num_queries(budget):
        client.get("/organizations/groups/")
    for i in range(8):
        group = group_create(by=people.officer, kind=GroupKind.LEADERSHIP, level=GroupLevel.COMMUNITY,
                             place=tree.jiufeng, name=f"九峰小组{i}")
        group_member_add(by=people.officer, group=group, person_name=f"成员{i}")
    with django_assert_max_num_queries(budget):
        assert client.get("/organizations/groups/").context["page"].paginator.count == 11
