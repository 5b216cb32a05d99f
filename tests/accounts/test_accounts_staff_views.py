"""Staff management: administrators manage the accounts in their area; everyone else is refused."""

import pytest
from accounts_helpers import actions_since, audit_mark
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from shiliu.accounts.models import ApiToken, Role, RoleAssignment, User
from shiliu.accounts.services import token_issue
from shiliu.audit.models import AuditEvent


def _create(client, **fields):
    data = {"username": "new_worker", "display_name": "新同事", "languages": ["zh", "ug"],
            "role": Role.COMMUNITY_WORKER, "place": "", "password": ""}
    data.update(fields)
    return client.post("/accounts/staff/new/", data)


# --- who may come in ----------------------------------------------------------------------------

@pytest.mark.parametrize("persona", ["officer", "worker", "auditor", "liaison", "operator", "nobody"])
def test_staff_pages_refuse_anyone_without_staff_management_and_audit_it(people, login, client, persona):
    login(getattr(people, persona))
    mark = audit_mark()
    assert client.get("/accounts/staff/").status_code == 403
    assert client.get(f"/accounts/staff/{people.worker.pk}/").status_code == 403
    assert actions_since(mark) == ["access.denied", "access.denied"]


def test_anonymous_is_sent_to_sign_in(db, client):
    assert client.get("/accounts/staff/")["Location"].startswith("/accounts/login/")


# --- list ---------------------------------------------------------------------------------------

def test_district_admin_lists_every_staff_member_with_roles_and_state(people, login, client):
    login(people.admin)
    response = client.get("/accounts/staff/")
    assert response.status_code == 200
    listed = {u.username for u in response.context["page"].object_list}
    assert listed == {"admin", "auditor", "daqi_officer", "xieshu_worker", "dagang_worker", "operator",
                      "edu_liaison"}
    html = response.content.decode()
    assert "谢墅社区" in html and "no_role" not in html


def test_subdistrict_admin_lists_only_staff_of_their_subdistrict(people, daqi_admin, login, client):
    login(daqi_admin)
    listed = {u.username for u in client.get("/accounts/staff/").context["page"].object_list}
    assert listed == {"daqi_admin", "daqi_officer", "xieshu_worker", "operator"}


def test_search_by_username_or_name(people, login, client):
    people.worker.display_name = "阿依古丽"
    people.worker.save()
    login(people.admin)
    by_name = client.get("/accounts/staff/", {"q": "古丽"}).context["page"].object_list
    assert [u.username for u in by_name] == ["xieshu_worker"]
    by_username = client.get("/accounts/staff/", {"q": "DAGANG"}).context["page"].object_list
    assert [u.username for u in by_username] == ["dagang_worker"]


def test_staff_list_query_count_does_not_grow_with_staff(people, tree, login, client, django_assert_num_queries):
    login(people.admin)
    client.get("/accounts/staff/")
    for i in range(15):
        user = User.objects.create(username=f"extra{i}")
        RoleAssignment.objects.create(user=user, role=Role.COMMUNITY_WORKER, place=tree.jiufeng)
    # session, user, OTP device, the admin's roles, count, page, roles of the page's staff
    # (last_seen is written at most once a minute)
    with django_assert_num_queries(7):
        response = client.get("/accounts/staff/")
    assert len(response.context["page"].object_list) == 22


# --- create -------------------------------------------------------------------------------------

def test_admin_creates_an_account_with_a_generated_password_shown_once(people, tree, login, client):
    login(people.admin)
    mark = audit_mark()
    response = _create(client, place=tree.xieshu.pk)
    assert response.status_code == 200
    password = response.context["password"]
    assert response.context["generated"] and password in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    user = User.objects.get(username="new_worker")
    assert user.check_password(password) and user.password_changed_at is None
    assert user.languages == ["zh", "ug"]
    assert [(a.role, a.place_id) for a in user.active_roles] == [(Role.COMMUNITY_WORKER, tree.xieshu.pk)]
    assert actions_since(mark) == ["user.create", "role.grant"]


def test_new_account_must_choose_its_own_password_at_first_sign_in(people, tree, login, client):
    login(people.admin)
    password = _create(client, place=tree.xieshu.pk, password="Granary-Lantern-73").context["password"]
    client.post("/accounts/logout/")
    response = client.post("/accounts/login/", {"username": "new_worker", "password": password})
    assert response.status_code == 302
    assert client.get("/")["Location"] == "/accounts/password/"


def test_initial_password_is_checked_by_the_policy(people, tree, login, client):
    login(people.admin)
    response = _create(client, place=tree.xieshu.pk, password="short1A")
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert not User.objects.filter(username="new_worker").exists()


def test_taken_username_is_refused_next_to_its_field(people, tree, login, client):
    login(people.admin)
    response = _create(client, username="XIESHU_WORKER", place=tree.xieshu.pk)
    assert response.context["form"].errors["username"]


def test_place_outside_the_admins_area_cannot_be_chosen(people, daqi_admin, tree, login, client):
    login(daqi_admin)
    page = client.get("/accounts/staff/new/")
    offered = set(page.context["form"].fields["place"].queryset.values_list("pk", flat=True))
    assert offered == {tree.daqi.pk, tree.xieshu.pk, tree.jiufeng.pk}
    response = _create(client, place=tree.dagang.pk)
    assert response.context["form"].errors["place"]
    assert not User.objects.filter(username="new_worker").exists()


def test_outsider_cannot_create_an_account(people, tree, login, client):
    login(people.officer)
    assert _create(client, place=tree.xieshu.pk).status_code == 403
    assert not User.objects.filter(username="new_worker").exists()


# --- roles --------------------------------------------------------------------------------------

def test_admin_grants_and_revokes_a_role_audited(people, tree, login, client):
    login(people.admin)
    mark = audit_mark()
    response = client.post(f"/accounts/staff/{people.worker.pk}/roles/",
                           {"role": Role.COMMUNITY_WORKER, "place": tree.jiufeng.pk})
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=people.worker, place=tree.jiufeng)
    response = client.post(f"/accounts/staff/{people.worker.pk}/roles/{assignment.pk}/revoke/")
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert not assignment.is_active
    assert actions_since(mark) == ["role.grant", "role.revoke"]


def test_auditor_role_cannot_be_combined_with_another(people, tree, login, client):
    login(people.admin)
    response = client.post(f"/accounts/staff/{people.worker.pk}/roles/", {"role": Role.AUDITOR,
                                                                            "place": tree.district.pk})
    assert response.status_code == 200
    assert response.context["grant_form"].errors["role"]
    assert not people.worker.role_assignments.filter(role=Role.AUDITOR).exists()


def test_admin_of_another_area_gets_404_for_staff_outside_it_and_nothing_changes(people, daqi_admin, tree, login,
                                                                                 client, reauthed):
    login(daqi_admin)
    reauthed()
    target = people.other_worker
    role = target.role_assignments.get()
    TOTPDevice.objects.create(user=target, name="default", confirmed=True)
    before = AuditEvent.objects.count()
    assert client.get(f"/accounts/staff/{target.pk}/").status_code == 404
    assert client.post(f"/accounts/staff/{target.pk}/roles/", {"role": Role.OPERATOR,
                                                                 "place": tree.daqi.pk}).status_code == 404
    assert client.post(f"/accounts/staff/{target.pk}/roles/{role.pk}/revoke/").status_code == 404
    assert client.post(f"/accounts/staff/{target.pk}/active/", {"active": "0"}).status_code == 404
    assert client.post(f"/accounts/staff/{target.pk}/2fa-reset/", {"next": "/"}).status_code == 404
    target.refresh_from_db()
    role.refresh_from_db()
    assert target.is_active and role.is_active and TOTPDevice.objects.filter(user=target).exists()
    assert not target.role_assignments.filter(role=Role.OPERATOR).exists()
    assert AuditEvent.objects.count() == before


def test_role_outside_the_admins_area_cannot_be_revoked(people, daqi_admin, tree, login, client):
    """The officer is in 大碶, but a role of theirs at 新碶 is not the 大碶 administrator's to end."""
    outside = RoleAssignment.objects.create(user=people.officer, role=Role.OPERATOR, place=tree.xinqi)
    login(daqi_admin)
    assert client.post(f"/accounts/staff/{people.officer.pk}/roles/{outside.pk}/revoke/").status_code == 404
    outside.refresh_from_db()
    assert outside.is_active


@pytest.mark.parametrize("url", ["roles/", "roles/1/revoke/", "active/", "2fa-reset/"])
def test_outsider_cannot_post_to_staff_endpoints(people, login, client, url):
    login(people.officer)
    before = AuditEvent.objects.exclude(action="access.denied").count()
    assert client.post(f"/accounts/staff/{people.worker.pk}/{url}", {"active": "0"}).status_code == 403
    people.worker.refresh_from_db()
    assert people.worker.is_active
    assert AuditEvent.objects.exclude(action="access.denied").count() == before


# --- disable / enable ---------------------------------------------------------------------------

def test_disabling_ends_the_accounts_sessions_and_tokens_at_once(people, login, client, django_user_model):
    from django.test import Client

    worker_client = Client()
    login(people.worker, c=worker_client)
    _token, secret = token_issue(user=people.worker)
    login(people.admin)
    mark = audit_mark()
    assert client.post(f"/accounts/staff/{people.worker.pk}/active/", {"active": "0"}).status_code == 302
    people.worker.refresh_from_db()
    assert not people.worker.is_active
    assert worker_client.get("/accounts/me/")["Location"].startswith("/accounts/login/")
    assert worker_client.get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert ApiToken.objects.get(user=people.worker).revoked_at is not None
    assert actions_since(mark) == ["user.disable"]
    assert client.post(f"/accounts/staff/{people.worker.pk}/active/", {"active": "1"}).status_code == 302
    people.worker.refresh_from_db()
    assert people.worker.is_active


def test_admin_cannot_disable_their_own_account(people, login, client):
    login(people.admin)
    client.post(f"/accounts/staff/{people.admin.pk}/active/", {"active": "0"})
    people.admin.refresh_from_db()
    assert people.admin.is_active


def test_subdistrict_admin_cannot_disable_someone_who_also_holds_a_role_above(people, daqi_admin, tree, login,
                                                                              client):
    RoleAssignment.objects.create(user=people.officer, role=Role.OPERATOR, place=tree.district)
    login(daqi_admin)
    client.post(f"/accounts/staff/{people.officer.pk}/active/", {"active": "0"})
    # refused with a message on the page, and recorded like any refusal (E2)
    assert AuditEvent.objects.filter(kind="denied", actor=daqi_admin).count() == 1
    people.officer.refresh_from_db()
    assert people.officer.is_active


# --- second factor reset ------------------------------------------------------------------------

def test_resetting_a_second_factor_needs_recent_re_authentication(people, login, client, reauthed):
    TOTPDevice.objects.create(user=people.auditor, name="default", confirmed=True)
    login(people.admin)
    url = f"/accounts/staff/{people.auditor.pk}/2fa-reset/"
    response = client.post(url, {"next": f"/accounts/staff/{people.auditor.pk}/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauth/")
    assert TOTPDevice.objects.filter(user=people.auditor).exists()
    reauthed()
    mark = audit_mark()
    assert client.post(url, {"next": "/"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=people.auditor).exists()
    assert not StaticDevice.objects.filter(user=people.auditor).exists()
    assert actions_since(mark) == ["2fa.reset"]


def test_detail_page_shows_roles_and_second_factor(people, login, client):
    login(people.admin)
    response = client.get(f"/accounts/staff/{people.auditor.pk}/")
    assert response.status_code == 200
    assert response.context["second_factor"] == {"totp": False, "backup_codes": 1}
    assert "区教育局" in client.get(f"/accounts/staff/{people.liaison.pk}/").content.decode()


def test_staff_pages_speak_chinese_by_default_and_english_on_request(people, login, client):
    login(people.admin)
    html = client.get("/accounts/staff/").content.decode()
    assert "新建账号" in html and "社区工作人员" in html
    english = client.get("/accounts/staff/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "New account" in english


def test_create_reports_every_bad_field_at_once(people, login, client, tree):
    login(people.admin)
    response = client.post("/accounts/staff/new/", {
        "username": "new one!", "display_name": "新同事", "languages": [], "role": "community_worker",
        "place": tree.xieshu.pk, "password": "password1234"})
    errors = response.context["form"].errors
    assert set(errors) == {"username", "password"}
    assert not User.objects.filter(display_name="新同事").exists()
