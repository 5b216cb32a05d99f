import pytest


@pytest.mark.django_db
def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_home_needs_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_persona_logs_in_and_sees_home(people, login, client):
    login(people.worker)
    response = client.get("/")
    assert response.status_code == 200
    assert "谢墅社区" in response.content.decode()


def test_admin_is_sent_to_second_factor(people, client):
    client.post("/accounts/login/", {"username": "admin", "password": "Correct-Horse-42"})
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/")
