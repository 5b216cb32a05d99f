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


def test_roles_that_need_a_second_factor_and_peoples_accounts_are_refused(tree, people):
    with pytest.raises(CommandError):
        call_command("machine_token", "x", "--place", tree.daqi.code, "--role", "district_admin")
    with pytest.raises(CommandError):
        call_command("machine_token", people.worker.username, "--place", tree.daqi.code)
