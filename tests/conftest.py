"""Shared personas and places (STYLE.md): every test speaks of the same people."""

import pytest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from dbtriggers import AUDIT_TRIGGERS, lift_audit_triggers
from shiliu.accounts.models import Role, User
from shiliu.accounts.services import password_set, role_grant
from shiliu.places.models import PlaceKind
from shiliu.places.services import place_create

PASSWORD = "Correct-Horse-42"
BACKUP_CODE = "backup-code-1"

pytest_plugins = ["pii_log_scan"]  # B5: fails the session if a log record holds an ID or phone number


def pytest_configure(config):
    from shiliu.core.i18n import compile_catalogs

    if compile_catalogs():
        # pytest-django has set Django up before this hook, and django.setup() already looked
        # for the catalogs (then missing on a fresh clone) and cached the result: forget it.
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """Rate limits count in fixed windows of the clock; a test that makes its 30 requests across a
    minute's boundary would find its count reset. Each test runs in the middle of one window."""
    import types

    from shiliu.core import ratelimit

    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: 1_800_000_030.0))


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request with Accept-Language: en leaves
    English active in the thread, which would change the next test's messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    """Uploaded files and the file SMS backend write under this test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SHILIU_SMS_FILE = tmp_path / "sms.log"


@pytest.fixture
def _audit_triggers_back(django_db_blocker):
    """Put the triggers back after the flush that ends a transactional test."""
    yield
    from django.db import connection

    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        AUDIT_TRIGGERS.forward(None, editor)


@pytest.fixture
def transactional_db(_audit_triggers_back, transactional_db):
    """pytest-django's transactional_db, with the audit triggers lifted for its flush only:
    they rightly refuse the DELETE / TRUNCATE that empties the tables afterwards.
    Request this fixture by name (not the django_db(transaction=True) mark)."""
    yield
    lift_audit_triggers()


class Tree:
    """Beilun with two subdistricts, three communities and a department."""

    def __init__(self):
        self.district = place_create(code="330206", kind=PlaceKind.DISTRICT, name="北仑区",
                                     name_en="Beilun District", parent=None, by=None)
        self.daqi = place_create(code="330206003", kind=PlaceKind.SUBDISTRICT, name="大碶街道",
                                 name_en="Daqi Subdistrict", parent=self.district, by=None)
        self.xieshu = place_create(code="330206003001", kind=PlaceKind.COMMUNITY, name="谢墅社区",
                                   parent=self.daqi, by=None)
        self.jiufeng = place_create(code="330206003002", kind=PlaceKind.COMMUNITY, name="九峰社区",
                                    parent=self.daqi, by=None)
        self.xinqi = place_create(code="330206001", kind=PlaceKind.SUBDISTRICT, name="新碶街道",
                                  name_en="Xinqi Subdistrict", parent=self.district, by=None)
        self.dagang = place_create(code="330206001001", kind=PlaceKind.COMMUNITY, name="大港社区",
                                   parent=self.xinqi, by=None)
        self.education = place_create(code="330206802", kind=PlaceKind.DEPARTMENT, name="区教育局",
                                      parent=self.district, by=None)


@pytest.fixture
def tree(db):
    return Tree()


def make_user(username: str, role: str | None, place, *, backup_code: bool = False) -> User:
    user = User.objects.create(username=username, display_name=username)
    password_set(user=user, raw=PASSWORD, by=user)
    if role:
        role_grant(user=user, role=role, place=place, by=None)
    if backup_code:
        device = StaticDevice.objects.create(user=user, name="backup")
        StaticToken.objects.create(device=device, token=BACKUP_CODE)
    return user


class Personas:
    def __init__(self, tree: Tree):
        self.admin = make_user("admin", Role.DISTRICT_ADMIN, tree.district, backup_code=True)
        self.auditor = make_user("auditor", Role.AUDITOR, tree.district, backup_code=True)
        self.officer = make_user("daqi_officer", Role.SUBDISTRICT_OFFICER, tree.daqi)
        self.worker = make_user("xieshu_worker", Role.COMMUNITY_WORKER, tree.xieshu)
        self.other_worker = make_user("dagang_worker", Role.COMMUNITY_WORKER, tree.dagang)
        self.operator = make_user("operator", Role.OPERATOR, tree.daqi)
        self.liaison = make_user("edu_liaison", Role.LIAISON, tree.education)
        self.nobody = make_user("no_role", None, None)


@pytest.fixture
def people(tree):
    return Personas(tree)


@pytest.fixture
def login(client):
    """Sign a persona in through the real login form (and the second factor where required)."""

    def _login(user, *, otp: bool = True, c=None):
        c = c or client
        response = c.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302, response.content[:500]
        if otp and user.requires_2fa:
            response = c.post("/accounts/2fa/", {"code": BACKUP_CODE})
            assert response.status_code == 302, response.content[:500]
            # a backup code works once; give the persona a fresh one for the next sign-in
            StaticToken.objects.create(device=StaticDevice.objects.get(user=user), token=BACKUP_CODE)
        return c

    return _login


@pytest.fixture
def token_for(client):
    """A bearer token for a persona, as the token endpoint issues it: after the second
    factor for whoever has or needs one."""
    from django_otp import user_has_device

    from shiliu.accounts.services import token_issue

    def _token(user) -> dict:
        _row, secret = token_issue(user=user, second_factor=user.requires_2fa or user_has_device(user))
        return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    return _token
