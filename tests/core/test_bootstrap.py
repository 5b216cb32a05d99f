import io

import pytest
from django.core.management import CommandError, call_command

from shiliu.accounts.models import Role, User
from shiliu.places.models import Place


def _run(monkeypatch, password, *extra):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("bootstrap", "--district-code", "330206", "--district-name", "北仑区", "--admin", "chief",
                 "--password-stdin", *extra, stdout=out)
    return out.getvalue()


def test_bootstrap_creates_the_district_and_an_admin_who_can_sign_in(db, monkeypatch, client):
    out = _run(monkeypatch, "First-Admin-2026!")
    district = Place.objects.get(code="330206")
    chief = User.objects.get(username="chief")
    assert chief.has_role(Role.DISTRICT_ADMIN) and chief.active_roles[0].place == district
    code = out.split("keep them safe):")[1].split()[0]
    assert client.post("/accounts/login/", {"username": "chief", "password": "First-Admin-2026!"}).status_code == 302
    assert client.post("/accounts/2fa/", {"code": code}).status_code == 302
    assert client.get("/").status_code == 200


def test_bootstrap_refuses_a_weak_password_and_saves_nothing(db, monkeypatch):
    with pytest.raises(CommandError):
        _run(monkeypatch, "short")
    assert not User.objects.filter(username="chief").exists()
    assert not Place.objects.exists()


def test_bootstrap_twice_changes_nothing(db, monkeypatch):
    _run(monkeypatch, "First-Admin-2026!")
    with pytest.raises(CommandError, match="exists already"):
        _run(monkeypatch, "First-Admin-2026!")
    assert User.objects.count() == 1
