"""Writes to organizations and memberships: every field checked at once, the network's shape kept,
stale versions refused, memberships ended but never lost, every change audited."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from orgs_helpers import PHONE

from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion
from shiliu.organizations.choices import MemberRole, OrgKind, OrgStatus
from shiliu.organizations.models import Membership, Organization
from shiliu.organizations.services import (
    membership_add,
    membership_end,
    membership_update,
    organization_create,
    organization_dissolve,
    organization_update,
)


def errors(exc_info) -> dict:
    return exc_info.value.message_dict


def test_every_bad_field_is_reported_at_once_and_nothing_is_saved(people, tree):
    with pytest.raises(ValidationError) as exc:
        organization_create(by=people.officer, name="  ", kind="club", place=tree.xieshu,
                            founded_on=date.today() + timedelta(days=3), description="x" * 2001)
    assert set(errors(exc)) == {"name", "kind", "founded_on", "description"}
    assert not Organization.objects.exists()


def test_each_kind_stands_at_its_kind_of_place(people, tree):
    with pytest.raises(ValidationError) as exc:
        organization_create(by=people.admin, name="社区分会", kind=OrgKind.BRANCH, place=tree.xieshu)
    assert "place" in errors(exc)
    with pytest.raises(ValidationError) as exc:
        organization_create(by=people.admin, name="街道联系点", kind=OrgKind.CONTACT_POINT, place=tree.daqi)
    assert "place" in errors(exc)
    with pytest.raises(ValidationError) as exc:
        organization_create(by=people.admin, name="教育局小组", kind=OrgKind.GROUP, place=tree.education)
    assert "place" in errors(exc)


def test_one_association_per_district_and_one_branch_per_subdistrict(people, network, tree):
    with pytest.raises(ValidationError) as exc:
        organization_create(by=people.admin, name="第二个促进会", kind=OrgKind.ASSOCIATION, place=tree.district)
    assert "kind" in errors(exc)
    with pytest.raises(ValidationError) as exc:
        organization_create(by=people.officer, name="大碶另一分会", kind=OrgKind.BRANCH, place=tree.daqi)
    assert "kind" in errors(exc)


def test_parent_must_be_a_higher_tier_at_or_above_the_place(people, network, tree):
    with pytest.raises(ValidationError) as exc:  # a group cannot stand under a group
        organization_create(by=people.worker, name="谢墅二组", kind=OrgKind.GROUP, place=tree.xieshu,
                            parent=network.xieshu)
    assert "parent" in errors(exc)
    with pytest.raises(ValidationError) as exc:  # the 大碶 branch is not above 大港
        organization_create(by=people.other_worker, name="大港二组", kind=OrgKind.GROUP, place=tree.dagang,
                            parent=network.branch)
    assert "parent" in errors(exc)


def test_worker_cannot_create_outside_their_community(people, tree):
    with pytest.raises(ValidationError) as exc:
        organization_create(by=people.worker, name="九峰小组", kind=OrgKind.GROUP, place=tree.jiufeng)
    assert errors(exc) == {"place": ["您无权管理该地点的组织。"]}


def test_create_is_audited(people, tree):
    org = organization_create(by=people.worker, name="谢墅新组", kind=OrgKind.GROUP, place=tree.xieshu)
    event = AuditEvent.objects.get(action="org.create")
    assert event.actor_name == "xieshu_worker" and event.target_id == str(org.pk)
    assert org.created_by == people.worker and org.version == 1


def test_update_with_a_stale_version_is_refused_and_changes_nothing(people, network):
    organization_update(organization=network.xieshu, by=people.worker, version=1, description="每月一次活动")
    with pytest.raises(StaleVersion):
        organization_update(organization=network.xieshu, by=people.officer, version=1, name="旧版本改名")
    org = Organization.objects.get(pk=network.xieshu.pk)
    assert org.name == "谢墅社区促进小组" and org.version == 2 and org.description == "每月一次活动"
    assert AuditEvent.objects.filter(action="org.update").count() == 1


def test_update_refuses_a_public_organization_of_another_area(people, network):
    with pytest.raises(PermissionDenied):
        organization_update(organization=network.xieshu, by=people.other_worker, version=1, name="x")


def test_kind_change_that_would_misplace_an_organization_below_is_refused(people, network):
    with pytest.raises(ValidationError) as exc:
        organization_update(organization=network.branch, by=people.admin, version=1, kind=OrgKind.GROUP)
    assert "kind" in errors(exc) or "place" in errors(exc)


def test_page_shows_the_stale_version_message_and_keeps_the_other_change(people, network, login, client):
    organization_update(organization=network.xieshu, by=people.officer, version=1, description="先改的")
    login(people.worker)
    response = client.post(f"/organizations/{network.xieshu.pk}/edit/", {
        "name": "后改的", "kind": "group", "place": network.xieshu.place_id, "parent": network.branch.pk,
        "status": "active", "public": "on", "version": 1})
    assert response.status_code == 200
    assert "在您打开之后，其他人修改了这条记录" in response.content.decode()
    assert Organization.objects.get(pk=network.xieshu.pk).description == "先改的"


def test_api_stale_version_is_409(people, network, client, token_for):
    headers = token_for(people.worker)
    url = f"/api/v1/organizations/{network.xieshu.pk}"
    assert client.patch(url, {"version": 1, "description": "一"}, content_type="application/json",
                        **headers).status_code == 200
    response = client.patch(url, {"version": 1, "description": "二"}, content_type="application/json", **headers)
    assert response.status_code == 409
    assert response["Content-Type"].startswith("application/problem+json")


def test_dissolving_ends_current_memberships_and_keeps_them(people, network):
    organization_dissolve(organization=network.xieshu, by=people.worker, version=1, on=date(2025, 6, 30))
    org = Organization.objects.get(pk=network.xieshu.pk)
    assert org.status == OrgStatus.DISSOLVED and org.dissolved_on == date(2025, 6, 30)
    kept = Membership.objects.filter(organization=org)
    assert kept.count() == 3 and set(kept.values_list("until", flat=True)) == {date(2025, 6, 30)}
    with pytest.raises(ValidationError):
        organization_update(organization=org, by=people.worker, version=org.version, name="复活")
    with pytest.raises(ValidationError):
        membership_add(by=people.worker, organization=org, name="新人")
    assert AuditEvent.objects.get(action="org.dissolve").detail["memberships_ended"] == 3


def test_an_organization_with_live_organizations_below_cannot_be_dissolved(people, network):
    with pytest.raises(ValidationError) as exc:
        organization_dissolve(organization=network.branch, by=people.officer, version=1)
    assert "status" in errors(exc)


def test_member_without_a_name_or_with_a_bad_phone_is_refused_with_both_messages(people, network):
    with pytest.raises(ValidationError) as exc:
        membership_add(by=people.worker, organization=network.xieshu, name=" ", phone="12345", role="boss")
    assert set(errors(exc)) == {"name", "phone", "role"}
    assert network.xieshu.memberships.count() == 3


def test_phone_is_encrypted_at_rest_and_the_same_phone_cannot_join_twice(people, network):
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM organizations_membership WHERE id = %s", [network.chair.pk])
        stored = cursor.fetchone()[0]
    assert PHONE not in stored and stored
    assert Membership.objects.get(pk=network.chair.pk).phone == "+86" + PHONE
    with pytest.raises(ValidationError) as exc:
        membership_add(by=people.worker, organization=network.xieshu, name="另一个人", phone="138 1234 5678")
    assert "phone" in errors(exc)


def test_an_organization_has_one_current_chair(people, network):
    with pytest.raises(ValidationError) as exc:
        membership_add(by=people.worker, organization=network.xieshu, name="新主任", role=MemberRole.CHAIR)
    assert "role" in errors(exc)
    membership_end(membership=network.chair, by=people.worker, version=1, until=date(2025, 1, 31))
    membership_add(by=people.worker, organization=network.xieshu, name="新主任", role=MemberRole.CHAIR)
    assert network.xieshu.memberships.filter(role=MemberRole.CHAIR).count() == 2


def test_ending_a_membership_keeps_it_as_history(people, network, login, client):
    membership_end(membership=network.volunteer, by=people.worker, version=1, until=date(2025, 3, 1))
    ended = Membership.objects.get(pk=network.volunteer.pk)
    assert ended.until == date(2025, 3, 1) and ended.version == 2
    with pytest.raises(ValidationError):
        membership_end(membership=ended, by=people.worker, version=2)
    with pytest.raises(ValidationError):
        membership_update(membership=ended, by=people.worker, version=2, role=MemberRole.MEMBER)
    login(people.worker)
    response = client.get(f"/organizations/{network.xieshu.pk}/")
    assert [r["membership"].name for r in response.context["past"]] == ["阿依努尔"]
    assert "阿依努尔" not in [r["membership"].name for r in response.context["current"]]
    assert AuditEvent.objects.filter(action="org.member.end", target_id=str(ended.pk)).exists()


def test_membership_cannot_end_before_it_began(people, network):
    with pytest.raises(ValidationError) as exc:
        membership_end(membership=network.chair, by=people.worker, version=1, until=date(2019, 1, 1))
    assert "until" in errors(exc)


def test_membership_stale_version(people, network):
    membership_update(membership=network.volunteer, by=people.worker, version=1, role=MemberRole.MEMBER)
    with pytest.raises(StaleVersion):
        membership_end(membership=network.volunteer, by=people.officer, version=1)
    assert Membership.objects.get(pk=network.volunteer.pk).until is None


def test_outsider_cannot_add_or_end_members(people, network, login, client):
    login(people.other_worker)
    response = client.post(f"/organizations/{network.xieshu.pk}/members/new/", {"name": "外人", "role": "member"})
    assert response.status_code == 403
    response = client.post(f"/organizations/{network.jiufeng.pk}/members/new/", {"name": "外人", "role": "member"})
    assert response.status_code == 404
    response = client.post(f"/organizations/{network.xieshu.pk}/members/{network.chair.pk}/end/",
                           {"until": "2025-01-01", "version": 1})
    assert response.status_code == 404
    assert Membership.objects.filter(until__isnull=False).count() == 0
    assert Membership.objects.count() == 4


def test_member_form_shows_each_error_next_to_its_field(people, network, login, client):
    login(people.worker)
    response = client.post(f"/organizations/{network.xieshu.pk}/members/new/",
                           {"name": "", "phone": "0574-1", "role": "member"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["name"] == ["Enter the member's name."]
    assert "phone" in form.errors
    assert network.xieshu.memberships.count() == 3


def test_member_linked_to_a_resident_takes_name_and_phone_from_the_record(people, network, tree):
    from shiliu.people.services import resident_create

    resident = resident_create(by=people.worker, name="古丽", place=tree.xieshu, basis="joined", phone="13611112222")
    m = membership_add(by=people.worker, organization=network.xieshu, resident_id=resident.pk)
    assert (m.name, m.phone, m.resident_id) == ("古丽", "+8613611112222", resident.pk)
    far = resident_create(by=people.other_worker, name="远方", place=tree.dagang, basis="joined")
    with pytest.raises(ValidationError) as exc:
        membership_add(by=people.worker, organization=network.xieshu, name="远方", resident_id=far.pk)
    assert errors(exc) == {"resident": ["您的辖区内没有该居民。"]}
    with pytest.raises(ValidationError) as missing:
        membership_add(by=people.worker, organization=network.xieshu, name="无人", resident_id=987654)
    assert errors(missing) == errors(exc)  # the same answer for "not yours" and "not there" (D2)
