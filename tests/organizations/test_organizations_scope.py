"""Who sees and who changes which organization (D2): own area in full, public ones elsewhere
read-only, private ones elsewhere not at all (404, exactly like a missing one)."""

import pytest
from orgs_helpers import PHONE, PHONE_MASKED

from shiliu.audit.models import AuditEvent
from shiliu.organizations.models import Organization


def names(response) -> set[str]:
    return {row["org"].name for row in response.context["rows"]}


PUBLIC = {"北仑区民族团结进步促进会", "大碶街道分会", "谢墅社区促进小组", "大港社区促进小组"}
ALL = PUBLIC | {"九峰社区联系点", "大港社区联系点"}


@pytest.mark.parametrize("persona, expected", [
    ("admin", ALL),
    ("officer", PUBLIC | {"九峰社区联系点"}),
    ("worker", PUBLIC),
    ("other_worker", PUBLIC | {"大港社区联系点"}),
])
def test_list_shows_own_area_and_public_organizations_elsewhere(people, network, login, client, persona, expected):
    login(getattr(people, persona))
    response = client.get("/organizations/")
    assert response.status_code == 200
    assert names(response) == expected


@pytest.mark.parametrize("persona", ["auditor", "liaison", "operator", "nobody"])
def test_roles_without_org_view_are_refused(people, network, login, client, persona):
    login(getattr(people, persona))
    assert client.get("/organizations/").status_code == 403
    assert client.get(f"/organizations/{network.xieshu.pk}/").status_code == 403
    assert client.get(f"/organizations/place/{network.xieshu.place_id}/").status_code == 403


def test_list_needs_login(network, client):
    response = client.get("/organizations/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_private_organization_of_another_area_is_404_like_a_missing_one(people, network, login, client):
    login(people.other_worker)
    for url in (f"/organizations/{network.jiufeng.pk}/", f"/organizations/{network.jiufeng.pk}/edit/",
                f"/organizations/{network.jiufeng.pk}/members/new/", "/organizations/999999/"):
        assert client.get(url).status_code == 404, url
    response = client.post(f"/organizations/{network.jiufeng.pk}/edit/", {"name": "改名", "version": 1})
    assert response.status_code == 404
    assert Organization.objects.get(pk=network.jiufeng.pk).name == "九峰社区联系点"


def test_public_organization_of_another_area_is_read_only(people, network, login, client):
    login(people.other_worker)
    response = client.get(f"/organizations/{network.xieshu.pk}/")
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    html = response.content.decode()
    assert f"/organizations/{network.xieshu.pk}/edit/" not in html
    for url in (f"/organizations/{network.xieshu.pk}/edit/", f"/organizations/{network.xieshu.pk}/dissolve/",
                f"/organizations/{network.xieshu.pk}/members/new/",
                f"/organizations/{network.xieshu.pk}/members/{network.chair.pk}/end/"):
        assert client.get(url).status_code in (403, 404), url
    assert client.get(f"/organizations/{network.xieshu.pk}/edit/").status_code == 403
    response = client.post(f"/organizations/{network.xieshu.pk}/edit/", {
        "name": "改名", "kind": "group", "place": network.xieshu.place_id, "status": "active", "version": 1})
    assert response.status_code == 403
    assert Organization.objects.get(pk=network.xieshu.pk).name == "谢墅社区促进小组"
    assert AuditEvent.objects.filter(action="access.denied", actor_name="dagang_worker").exists()


def test_public_organization_elsewhere_shows_its_contacts_without_phones(people, network, login, client):
    login(people.other_worker)
    response = client.get(f"/organizations/{network.xieshu.pk}/")
    html = response.content.decode()
    assert "马春花" in html and "周建国" in html  # chair and secretary: the contacts of a public body
    assert "阿依努尔" not in html  # a volunteer is not shown outside the area
    assert PHONE_MASKED not in html and PHONE not in html
    assert response.context["full"] is False


def test_own_area_shows_every_member_with_masked_phones_and_audits_the_read(people, network, login, client):
    login(people.worker)
    response = client.get(f"/organizations/{network.xieshu.pk}/")
    html = response.content.decode()
    assert {"马春花", "阿依努尔", "周建国"} <= {r["membership"].name for r in response.context["current"]}
    assert PHONE_MASKED in html and PHONE not in html
    event = AuditEvent.objects.filter(action="org.members.view").latest("id")
    assert event.actor_name == "xieshu_worker"
    assert sorted(event.detail["ids"]) == sorted([network.chair.pk, network.volunteer.pk, network.secretary.pk])


def test_community_worker_edits_their_community_but_not_the_branch_above(people, network, login, client):
    login(people.worker)
    assert client.get(f"/organizations/{network.xieshu.pk}/edit/").status_code == 200
    assert client.get(f"/organizations/{network.branch.pk}/").status_code == 200  # public, above
    assert client.get(f"/organizations/{network.branch.pk}/edit/").status_code == 403
    assert client.get(f"/organizations/{network.jiufeng.pk}/").status_code == 404  # private, a sibling


def test_officer_edits_every_organization_of_the_subdistrict(people, network, login, client):
    login(people.officer)
    for org in (network.branch, network.xieshu, network.jiufeng):
        assert client.get(f"/organizations/{org.pk}/edit/").status_code == 200, org.name
    assert client.get(f"/organizations/{network.association.pk}/edit/").status_code == 403
    assert client.get(f"/organizations/{network.dagang.pk}/edit/").status_code == 403
    assert client.get(f"/organizations/{network.dagang_private.pk}/edit/").status_code == 404


def test_api_follows_the_same_scope(people, network, client, token_for):
    headers = token_for(people.other_worker)
    listed = {o["name"] for o in client.get("/api/v1/organizations", **headers).json()["items"]}
    assert listed == PUBLIC | {"大港社区联系点"}
    assert client.get(f"/api/v1/organizations/{network.jiufeng.pk}", **headers).status_code == 404
    assert client.get(f"/api/v1/organizations/{network.xieshu.pk}", **headers).status_code == 200
    response = client.patch(f"/api/v1/organizations/{network.xieshu.pk}", {"version": 1, "name": "改名"},
                            content_type="application/json", **headers)
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    response = client.patch(f"/api/v1/organizations/{network.jiufeng.pk}", {"version": 1, "name": "改名"},
                            content_type="application/json", **headers)
    assert response.status_code == 404
    members = client.get(f"/api/v1/organizations/{network.xieshu.pk}/members", **headers).json()["items"]
    assert {m["name"] for m in members} == {"马春花", "周建国"}
    assert all("phone_masked" not in m for m in members)
    assert Organization.objects.get(pk=network.xieshu.pk).name == "谢墅社区促进小组"


def test_api_members_in_own_area_are_masked_and_audited(people, network, client, token_for):
    response = client.get(f"/api/v1/organizations/{network.xieshu.pk}/members", **token_for(people.worker))
    items = response.json()["items"]
    assert [m["name"] for m in items] == ["马春花", "周建国", "阿依努尔"]  # chair, secretary, volunteer
    assert items[0]["phone_masked"] == PHONE_MASKED
    assert PHONE not in response.content.decode()
    event = AuditEvent.objects.filter(action="org.members.list").latest("id")
    assert event.detail["count"] == 3


@pytest.mark.parametrize("persona", ["auditor", "liaison", "operator"])
def test_api_refuses_roles_without_org_view(people, network, client, token_for, persona):
    assert client.get("/api/v1/organizations", **token_for(getattr(people, persona))).status_code == 403
