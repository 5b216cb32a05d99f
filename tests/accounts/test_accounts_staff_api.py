"""/api/v1/staff: the staff management of the pages, for administrators only."""

import pytest
from accounts_helpers import actions_since, audit_mark

from shiliu.accounts.models import ApiToken, Role, RoleAssignment, User
from shiliu.accounts.services import token_issue
from shiliu.audit.models import AuditEvent


def _post(client, url, body, headers):
    return client.post(url, body, content_type="application/json", **headers)


def test_admin_lists_staff_with_roles(people, client, token_for):
    body = client.get("/api/v1/staff", {"q": "xieshu"}, **token_for(people.admin)).json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["username"] == "xieshu_worker" and item["is_active"] is True and item["has_totp"] is False
    assert [(r["role"], r["place_code"]) for r in item["roles"]] == [("community_worker", "330206003001")]


@pytest.mark.parametrize("count", [1, 20])
def test_list_query_count_does_not_grow_with_staff(people, tree, client, token_for, django_assert_num_queries, count):
    headers = token_for(people.admin)
    for i in range(count):
        user = User.objects.create(username=f"extra{i}")
        RoleAssignment.objects.create(user=user, role=Role.OPERATOR, place=tree.jiufeng)
    # token, the admin's roles, count, page, roles of the page's staff; last_used_at is written once a minute
    client.get("/api/v1/staff", **headers)
    with django_assert_num_queries(5):
        response = client.get("/api/v1/staff", **headers)
    assert response.json()["count"] == 7 + count


def test_subdistrict_admin_gets_404_outside_the_area_and_nothing_changes(people, daqi_admin, tree, client,
                                                                        token_for):
    headers = token_for(daqi_admin)
    target = people.other_worker
    role = target.role_assignments.get()
    before = AuditEvent.objects.count()
    assert client.get(f"/api/v1/staff/{target.pk}", **headers).status_code == 404
    assert _post(client, f"/api/v1/staff/{target.pk}/roles", {"role": "operator", "place_id": tree.daqi.pk},
                 headers).status_code == 404
    assert client.delete(f"/api/v1/staff/{target.pk}/roles/{role.pk}", **headers).status_code == 404
    assert client.put(f"/api/v1/staff/{target.pk}/active", {"is_active": False}, content_type="application/json",
                      **headers).status_code == 404
    target.refresh_from_db()
    role.refresh_from_db()
    assert target.is_active and role.is_active
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("persona", ["officer", "auditor", "worker"])
def test_without_staff_management_the_api_answers_403(people, client, token_for, persona):
    headers = token_for(getattr(people, persona))
    assert client.get("/api/v1/staff", **headers).status_code == 403
    assert client.put(f"/api/v1/staff/{people.worker.pk}/active", {"is_active": False},
                      content_type="application/json", **headers).status_code == 403
    people.worker.refresh_from_db()
    assert people.worker.is_active


def test_admin_creates_an_account_and_gets_the_one_time_password(people, tree, client, token_for):
    headers = token_for(people.admin)
    response = _post(client, "/api/v1/staff", {"username": "api_worker", "display_name": "新同事",
                                               "languages": ["zh", " zh ", "ug"], "role": "community_worker",
                                               "place_id": tree.xieshu.pk}, headers)
    assert response.status_code == 201
    user = User.objects.get(username="api_worker")
    assert user.check_password(response.json()["initial_password"]) and user.password_changed_at is None
    assert user.languages == ["zh", "ug"]


def test_create_refuses_a_place_outside_the_area_and_a_weak_password(people, daqi_admin, tree, client, token_for):
    headers = token_for(daqi_admin)
    body = {"username": "api_worker", "display_name": "x", "role": "operator", "place_id": tree.dagang.pk}
    response = _post(client, "/api/v1/staff", body, headers)
    assert response.status_code == 422 and "place_id" in response.json()["errors"]
    response = _post(client, "/api/v1/staff", body | {"place_id": tree.daqi.pk, "password": "short"}, headers)
    assert response.status_code == 422 and "password" in response.json()["errors"]
    assert not User.objects.filter(username="api_worker").exists()


def test_grant_and_revoke_a_role(people, tree, client, token_for):
    headers = token_for(people.admin)
    mark = audit_mark()
    response = _post(client, f"/api/v1/staff/{people.worker.pk}/roles",
                     {"role": "operator", "place_id": tree.jiufeng.pk}, headers)
    assert response.status_code == 201
    assignment_id = response.json()["id"]
    assert client.delete(f"/api/v1/staff/{people.worker.pk}/roles/{assignment_id}", **headers).status_code == 204
    assert not RoleAssignment.objects.get(pk=assignment_id).is_active
    assert actions_since(mark) == ["role.grant", "role.revoke"]


def test_disabling_through_the_api_ends_the_tokens(people, client, token_for):
    _row, secret = token_issue(user=people.worker)
    response = client.put(f"/api/v1/staff/{people.worker.pk}/active", {"is_active": False},
                          content_type="application/json", **token_for(people.admin))
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert ApiToken.objects.get(user=people.worker).revoked_at is not None


def test_unknown_fields_are_refused(people, tree, client, token_for):
    response = _post(client, f"/api/v1/staff/{people.worker.pk}/roles",
                     {"role": "operator", "place_id": tree.daqi.pk, "is_superuser": True}, token_for(people.admin))
    assert response.status_code == 422


def test_languages_are_codes_of_the_language_list(client, people, token_for, tree):
    r = client.post("/api/v1/staff", {"username": "newbie2", "display_name": "新人", "languages": ["维语"],
                                      "role": "community_worker", "place_id": tree.xieshu.pk},
                    content_type="application/json", **token_for(people.admin))
    assert r.status_code == 422 and "languages" in r.json()["errors"]
