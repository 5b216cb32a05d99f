"""Integrations (the phone system) get a long-lived token on an account without a password."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from shiliu.accounts.models import ApiToken, User

pytestmark = pytest.mark.django_db


def test_a_machine_token_outlives_password_rotation_and_cannot_sign_in(client, tree, capsys):
    call_command("machine_token", "pbx-daqi", "--place", tree.daqi.code, "--days", "365")
    secret = capsys.readouterr().out.strip()
    user = User.objects.get(username="pbx-daqi")
    assert user.machine and not user.has_usable_password() and user.password_changed_at is None
    token = ApiToken.objects.get(user=user)
    assert token.expires_at > timezone.now() + timedelta(days=360)
    r = client.post("/api/v1/hotline/calls", {"event": "ringing", "call_id": "c-1", "caller": "057486881234"},
                    content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert r.status_code in (200, 201), r.content
    assert client.post("/accounts/login/", {"username": "pbx-daqi", "password": ""}).status_code == 200


def test_the_integration_reports_calls_and_reads_nothing(client, tree, people, capsys):
    call_command("machine_token", "pbx", "--place", tree.daqi.code)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {capsys.readouterr().out.strip()}"}
    assert client.get("/api/v1/residents", **auth).status_code == 403
    assert client.get("/api/v1/hotline/calls", **auth).status_code == 403
    assert client.post("/api/v1/hotline/lookup", {"phone": "13812345678"}, content_type="application/json",
                       **auth).status_code == 403


def test_only_integration_roles_short_lives_and_no_peoples_accounts(tree, people):
    with pytest.raises(CommandError):
        call_command("machine_token", "x", "--place", tree.daqi.code, "--role", "operator")
    with pytest.raises(CommandError):
        call_command("machine_token", "x", "--place", tree.daqi.code, "--days", "3000")
    with pytest.raises(CommandError):
        call_command("machine_token", people.worker.username, "--place", tree.daqi.code)
