import os
from pathlib import Path

from django_otp.plugins.otp_static.models import StaticToken

from shiliu.accounts.models import RoleAssignment, User
from shiliu.cli import demo_environment
from shiliu.core.demo import DEMO_ACCOUNTS, DEMO_BACKUP_CODES, SUBDISTRICTS, load_demo
from shiliu.people.models import Consent, Resident
from shiliu.places.models import Place, PlaceKind


def test_demo_district_has_beilun_and_its_ten_subdistricts(db):
    load_demo(residents=30)
    names = set(Place.objects.filter(kind=PlaceKind.SUBDISTRICT).values_list("name", flat=True))
    assert names == {"新碶街道", "小港街道", "大碶街道", "霞浦街道", "柴桥街道", "戚家山街道", "春晓街道", "梅山街道",
                     "白峰街道", "郭巨街道"}
    assert len(SUBDISTRICTS) == 10
    grassroots = Place.objects.filter(kind__in=[PlaceKind.COMMUNITY, PlaceKind.VILLAGE]).count()
    assert 50 <= grassroots <= 70
    kinds = set(Place.objects.values_list("kind", flat=True))
    assert {PlaceKind.ENTERPRISE, PlaceKind.SCHOOL, PlaceKind.PARK, PlaceKind.DEPARTMENT} <= kinds


def test_loading_the_demo_twice_duplicates_nothing(db):
    load_demo(residents=30)
    before = (Place.objects.count(), User.objects.count(), RoleAssignment.objects.count(),
              Resident.objects.count(), Consent.objects.count())
    StaticToken.objects.filter(token=DEMO_BACKUP_CODES[0]).delete()  # a backup code was used
    result = load_demo(residents=30)
    after = (Place.objects.count(), User.objects.count(), RoleAssignment.objects.count(),
             Resident.objects.count(), Consent.objects.count())
    assert after == before
    assert result["residents_created"] == 0
    assert StaticToken.objects.filter(token=DEMO_BACKUP_CODES[0]).count() == 2  # topped up for admin and auditor


def test_every_demo_account_can_sign_in_with_the_documented_password(db, client):
    load_demo(residents=0)
    for username, _display, _role, _code, needs_2fa in DEMO_ACCOUNTS:
        response = client.post("/accounts/login/", {"username": username, "password": "Shiliu-Demo-2026"})
        assert response.status_code == 302, username
        if needs_2fa:
            response = client.post("/accounts/2fa/", {"code": DEMO_BACKUP_CODES[1]})
            assert response.status_code == 302, username
        assert client.get("/").status_code == 200, username
        client.post("/accounts/logout/")


def test_demo_keys_are_made_once_and_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("SHILIU_VAR_DIR", str(tmp_path))
    for name in ("SHILIU_ENV", "SECRET_KEY", "SHILIU_FIELD_KEY", "SHILIU_INDEX_KEY"):
        monkeypatch.delenv(name, raising=False)
    demo_environment()
    first = Path(tmp_path, "demo.env").read_text()
    key = os.environ["SHILIU_FIELD_KEY"]
    monkeypatch.delenv("SHILIU_FIELD_KEY")
    demo_environment()
    assert Path(tmp_path, "demo.env").read_text() == first
    assert os.environ["SHILIU_FIELD_KEY"] == key
    assert oct(Path(tmp_path, "demo.env").stat().st_mode)[-3:] == "600"


def test_every_demo_place_has_an_english_name(db):
    load_demo(residents=0)
    assert not Place.objects.filter(name_en="").exists()
    assert Place.objects.get(name="谢墅社区").name_en == "Xieshu Community"
