"""My account: languages, second factor, API tokens."""

from accounts_helpers import actions_since, audit_mark, sign_in
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shiliu.accounts.models import ApiToken
from shiliu.accounts.services import token_issue


def test_my_account_shows_name_roles_and_second_factor(people, login, client):
    login(people.worker)
    response = client.get("/accounts/me/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "xieshu_worker" in html and "谢墅社区" in html and "/accounts/password/" in html
    assert response.context["second_factor"] == {"totp": False, "backup_codes": 0}


def test_languages_are_saved_as_codes_and_audited(people, login, client):
    login(people.worker)
    mark = audit_mark()
    response = client.post("/accounts/me/", {"languages": ["ug", "zh", "ug"]})
    assert response.status_code == 302
    people.worker.refresh_from_db()
    assert people.worker.languages == ["zh", "ug"]  # codes, in the list's order, each once
    assert actions_since(mark) == ["user.languages"]
    page = client.get("/accounts/me/").content.decode()
    assert 'value="ug" id="id_languages_1" checked' in page and 'value="bo" id="id_languages_2" checked' not in page


def test_a_language_that_is_not_on_the_list_is_refused_next_to_the_field(people, login, client):
    login(people.worker)
    response = client.post("/accounts/me/", {"languages": ["维吾尔语"]})
    assert response.context["languages_form"].errors["languages"]
    people.worker.refresh_from_db()
    assert people.worker.languages == []


def test_token_created_on_the_page_is_shown_once_and_works(people, login, client):
    login(people.worker)
    response = client.post("/accounts/me/tokens/", {"name": "统计脚本"})
    assert response.status_code == 200
    secret = response.context["new_secret"]
    assert secret in response.content.decode() and "no-store" in response["Cache-Control"]
    assert Client().get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    page = client.get("/accounts/me/").content.decode()
    assert "统计脚本" in page and secret not in page


def test_token_list_shows_only_own_tokens_in_a_fixed_number_of_queries(people, login, client,
                                                                       django_assert_num_queries):
    token_issue(user=people.officer, name="officer's")
    login(people.worker)
    client.get("/accounts/me/")
    for i in range(5):
        token_issue(user=people.worker, name=f"t{i}")
    # session, user, roles, tokens, TOTP, backup codes (last_seen is written at most once a minute)
    with django_assert_num_queries(6):
        response = client.get("/accounts/me/")
    assert [t.name for t in response.context["tokens"]] == ["t4", "t3", "t2", "t1", "t0"]


def test_revoking_a_token_ends_it(people, login, client):
    login(people.worker)
    token, secret = token_issue(user=people.worker, name="old")
    mark = audit_mark()
    assert client.post(f"/accounts/me/tokens/{token.pk}/revoke/").status_code == 302
    assert Client().get("/api/v1/auth/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert actions_since(mark) == ["token.revoke"]


def test_someone_elses_token_answers_404_and_stays(people, login, client):
    token, _secret = token_issue(user=people.officer)
    login(people.worker)
    assert client.post(f"/accounts/me/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_removing_the_second_factor_needs_re_authentication(people, client):
    device = TOTPDevice.objects.create(user=people.worker, name="default", confirmed=True)
    sign_in(client, "xieshu_worker")
    assert client.post("/accounts/2fa/", {"code": f"{totp(device.bin_key):06d}"}).status_code == 302
    response = client.post("/accounts/me/2fa/remove/", {"next": "/accounts/me/"})
    assert response["Location"].startswith("/accounts/reauth/")
    assert TOTPDevice.objects.filter(user=people.worker).exists()


def test_worker_removes_their_second_factor_after_re_authentication(people, client, reauthed):
    device = TOTPDevice.objects.create(user=people.worker, name="default", confirmed=True)
    sign_in(client, "xieshu_worker")
    assert client.post("/accounts/2fa/", {"code": f"{totp(device.bin_key):06d}"}).status_code == 302
    reauthed()
    mark = audit_mark()
    assert client.post("/accounts/me/2fa/remove/", {"next": "/accounts/me/"}).status_code == 302
    assert not TOTPDevice.objects.filter(user=people.worker).exists()
    assert actions_since(mark) == ["2fa.remove"]
    assert client.get("/").status_code == 200  # no longer held at the second-factor page


def test_admin_cannot_remove_the_second_factor_their_role_needs(people, login, client, reauthed):
    login(people.admin)
    reauthed()
    client.post("/accounts/me/2fa/remove/", {"next": "/accounts/me/"})
    assert StaticToken.objects.filter(device__user=people.admin).exists()


def test_new_backup_codes_replace_the_old_ones_after_re_authentication(people, login, client, reauthed):
    login(people.admin)
    old = set(StaticToken.objects.filter(device__user=people.admin).values_list("token", flat=True))
    reauthed()
    response = client.post("/accounts/me/backup-codes/", {"next": "/accounts/me/"})
    codes = response.context["new_codes"]
    assert len(codes) == 10 and not old & set(codes)
    assert set(StaticToken.objects.filter(device__user=people.admin).values_list("token", flat=True)) == set(codes)


def test_api_me_reports_languages_and_roles(people, client, token_for):
    people.worker.languages = ["维吾尔语"]
    people.worker.save()
    body = client.get("/api/v1/auth/me", **token_for(people.worker)).json()
    assert body["languages"] == ["维吾尔语"]
    assert body["roles"] == [{"role": "community_worker", "place": "330206003001", "place_name": "谢墅社区"}]
    assert not ApiToken.objects.filter(user=people.worker, revoked_at__isnull=False).exists()


def test_every_page_links_the_signed_in_name_to_my_account(people, login, client):
    login(people.worker)
    assert 'href="/accounts/me/"' in client.get("/").content.decode()
