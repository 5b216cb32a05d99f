"""F6: the place export answers 429 with Retry-After past 10 a minute per user, page and API together."""

from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from shiliu.accounts.models import Role, User
from shiliu.accounts.services import password_set, role_grant
from shiliu.audit.models import AuditEvent

PASSWORD = "Correct-Horse-42"  # the personas' password (tests/conftest.py)


def exports() -> int:
    return AuditEvent.objects.filter(action="place.export").count()


def test_the_eleventh_page_export_in_a_minute_is_429_with_retry_after(people, login, client):
    login(people.admin)
    for _ in range(10):
        assert client.get("/places/export.xlsx").status_code == 200
    before = exports()
    response = client.get("/places/export.xlsx")
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "请求过于频繁" in response.content.decode()
    assert response.content[:4] != b"PK\x03\x04"
    assert exports() == before  # nothing was exported


def test_the_eleventh_api_export_in_a_minute_is_429_problem_json(people, token_for, client):
    headers = token_for(people.admin)
    for _ in range(10):
        assert client.get("/api/v1/places/export", **headers).status_code == 200
    before = exports()
    response = client.get("/api/v1/places/export", **headers)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert exports() == before


def test_page_and_api_exports_share_one_count(people, login, token_for, client):
    headers = token_for(people.admin)
    for _ in range(5):
        assert client.get("/api/v1/places/export", **headers).status_code == 200
    login(people.admin)
    for _ in range(5):
        assert client.get("/places/export.xlsx").status_code == 200
    assert client.get("/places/export.xlsx").status_code == 429
    assert client.get("/api/v1/places/export", **headers).status_code == 429


def test_the_limit_is_per_user(people, tree, login, client):
    second_admin = User.objects.create(username="admin2", display_name="admin2")
    password_set(user=second_admin, raw=PASSWORD, by=second_admin)
    role_grant(user=second_admin, role=Role.DISTRICT_ADMIN, place=tree.district, by=None)
    device = StaticDevice.objects.create(user=second_admin, name="backup")
    StaticToken.objects.create(device=device, token="backup-code-1")  # tests/conftest.py's BACKUP_CODE
    login(people.admin)
    for _ in range(10):
        client.get("/places/export.xlsx")
    assert client.get("/places/export.xlsx").status_code == 429
    client.post("/accounts/logout/")
    login(second_admin)
    assert client.get("/places/export.xlsx").status_code == 200


def test_the_limit_is_stated_in_the_api_description(client, db):
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/places/export"]["get"]
    assert "10 exports a minute" in operation["description"]
