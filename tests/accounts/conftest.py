"""Fixtures for the accounts tests: an administrator of one subdistrict only, and helpers."""

import pytest
from accounts_helpers import BACKUP_CODE, PASSWORD
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from shiliu.accounts.models import Role, User
from shiliu.accounts.services import password_set, role_grant


@pytest.fixture
def daqi_admin(people, tree):
    """An administrator whose area is 大碶 only: 谢墅 is in, 大港 (新碶) is not."""
    user = User.objects.create(username="daqi_admin", display_name="大碶管理员")
    password_set(user=user, raw=PASSWORD, by=user)
    role_grant(user=user, role=Role.DISTRICT_ADMIN, place=tree.daqi, by=None)
    device = StaticDevice.objects.create(user=user, name="backup")
    StaticToken.objects.create(device=device, token=BACKUP_CODE)
    return user


@pytest.fixture
def reauthed(client):
    """Confirm the signed-in user's password on the real re-authentication page (C7)."""

    def _reauth(c=None):
        c = c or client
        response = c.post("/accounts/reauth/", {"password": PASSWORD, "next": "/accounts/me/"})
        assert response.status_code == 302, response.content[:300]
        return c

    return _reauth


@pytest.fixture
def admin_without_factor(people):
    """The district administrator with no second factor at all, as a reset by a colleague
    leaves them: the next sign-in sets an authenticator app up."""
    StaticDevice.objects.filter(user=people.admin).delete()
    return people.admin
