"""C1 disabled accounts end at once, C6 session lifetime and cookies, C7 re-authentication expiry."""

import json
import os
import subprocess
import sys
import time

from accounts_helpers import PASSWORD, sign_in
from django.conf import settings as django_settings

from shiliu.accounts.models import ApiToken
from shiliu.accounts.services import user_set_active


def test_disabled_user_session_and_token_stop_at_the_next_request(people, login, client, token_for):
    login(people.worker)
    headers = token_for(people.worker)
    assert client.get("/accounts/me/").status_code == 200
    assert client.get("/api/v1/auth/me", **headers).status_code == 200
    user_set_active(user=people.worker, active=False, by=people.admin)
    assert client.get("/accounts/me/")["Location"].startswith("/accounts/login/")
    assert client.get("/api/v1/auth/me", **headers).status_code == 401


def test_re_enabling_does_not_revive_the_old_session_or_token(people, login, client, token_for):
    login(people.worker)
    headers = token_for(people.worker)
    user_set_active(user=people.worker, active=False, by=people.admin)
    user_set_active(user=people.worker, active=True, by=people.admin)
    assert client.get("/accounts/me/")["Location"].startswith("/accounts/login/")
    assert client.get("/api/v1/auth/me", **headers).status_code == 401
    assert ApiToken.objects.get(user=people.worker).revoked_at is not None


def test_disabled_user_cannot_sign_in(people, client):
    user_set_active(user=people.worker, active=False, by=people.admin)
    assert sign_in(client, "xieshu_worker").status_code == 200
    assert client.post("/api/v1/auth/token", {"username": "xieshu_worker", "password": PASSWORD},
                       content_type="application/json").status_code == 401


def _age_session(client, key: str, seconds: float) -> None:
    session = client.session
    session[key] = time.time() - seconds
    session.save()


def test_idle_longer_than_the_limit_signs_the_user_out(people, login, client, settings):
    login(people.worker)
    _age_session(client, "last_seen", settings.SHILIU_IDLE_MINUTES * 60 + 5)
    response = client.get("/accounts/me/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?ended=idle")
    assert client.get("/accounts/me/")["Location"].startswith("/accounts/login/")  # really signed out


def test_idle_just_under_the_limit_keeps_the_user_signed_in(people, login, client, settings):
    login(people.worker)
    _age_session(client, "last_seen", settings.SHILIU_IDLE_MINUTES * 60 - 30)
    assert client.get("/accounts/me/").status_code == 200


def test_idle_session_also_stops_authenticating_the_api(people, login, client, settings):
    login(people.worker)
    _age_session(client, "last_seen", settings.SHILIU_IDLE_MINUTES * 60 + 5)
    assert client.get("/api/v1/auth/me").status_code == 401


def test_session_ends_at_the_absolute_limit_even_when_active(people, login, client, settings):
    login(people.worker)
    _age_session(client, "signed_in_at", settings.SESSION_COOKIE_AGE + 5)
    assert client.get("/accounts/me/")["Location"].startswith("/accounts/login/?ended=expired")


def test_session_id_changes_at_sign_in_and_at_the_second_factor(people, client):
    session = client.session
    session["probe"] = 1
    session.save()
    anonymous_key = session.session_key
    sign_in(client, "admin")
    after_password = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert after_password != anonymous_key
    client.post("/accounts/2fa/", {"code": "backup-code-1"})
    assert client.cookies[django_settings.SESSION_COOKIE_NAME].value != after_password


def test_production_settings_make_cookies_secure_http_only_and_same_site(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHILIU_", "DJANGO_"))}
    env.update({
        "SHILIU_ENV": "production", "DJANGO_SETTINGS_MODULE": "shiliu.settings",
        "SECRET_KEY": "x" * 50, "SHILIU_FIELD_KEY": "ZmllbGQta2V5LWZvci10ZXN0cy1vbmx5LTEyMzQ1Njc=",
        "SHILIU_INDEX_KEY": "index", "ALLOWED_HOSTS": "shiliu.example", "SHILIU_VAR_DIR": str(tmp_path),
    })
    script = (
        "import json, django; from django.conf import settings as s; django.setup(); print(json.dumps({n: "
        "getattr(s, n) for n in ['SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', "
        "'CSRF_COOKIE_SECURE', 'CSRF_COOKIE_HTTPONLY', 'CSRF_COOKIE_SAMESITE', 'LANGUAGE_COOKIE_SECURE', "
        "'SESSION_COOKIE_AGE', 'DEBUG']} | {'policy': 'shiliu.accounts.middleware.SessionPolicyMiddleware' "
        "in s.MIDDLEWARE}))"
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60,
                         check=True)
    values = json.loads(out.stdout.strip().splitlines()[-1])
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    assert values["LANGUAGE_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True and values["CSRF_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert values["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert 0 < values["SESSION_COOKIE_AGE"] <= 24 * 3600
    assert values["DEBUG"] is False and values["policy"] is True


def test_the_session_cookie_is_http_only_and_same_site_on_the_wire(people, client):
    response = sign_in(client, "xieshu_worker")
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


def test_re_authentication_expires_after_the_configured_minutes(people, login, client, settings, reauthed):
    login(people.worker)
    reauthed()
    _age_session(client, "reauth_at", settings.SHILIU_REAUTH_MINUTES * 60 - 30)
    response = client.post("/accounts/me/backup-codes/", {"next": "/accounts/me/"})
    assert response.status_code == 200 and response.context["new_codes"]
    _age_session(client, "reauth_at", settings.SHILIU_REAUTH_MINUTES * 60 + 5)
    response = client.post("/accounts/me/backup-codes/", {"next": "/accounts/me/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauth/")


def test_wrong_password_at_re_authentication_counts_towards_the_lockout(people, login, client, settings):
    login(people.worker)
    for _ in range(settings.SHILIU_LOCKOUT_FAILURES):
        assert client.post("/accounts/reauth/", {"password": "Wrong-Password-1"}).status_code == 200
    response = client.post("/accounts/reauth/", {"password": PASSWORD})
    assert response.status_code == 200
    assert "reauth_at" not in client.session


def test_api_session_needs_the_second_factor_the_user_set_up(people, client):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=people.worker, name="default", confirmed=True)
    sign_in(client, "xieshu_worker")
    assert client.get("/api/v1/auth/me").status_code == 401
    client.post("/accounts/2fa/", {"code": f"{totp(device.bin_key):06d}"})
    assert client.get("/api/v1/auth/me").status_code == 200


def test_api_session_refuses_a_user_who_must_change_the_password(people, login, client):
    login(people.worker)
    assert client.get("/api/v1/auth/me").status_code == 200
    people.worker.password_changed_at = None
    people.worker.save(update_fields=["password_changed_at"])
    assert client.get("/api/v1/auth/me").status_code == 401


def test_last_seen_is_written_at_most_once_a_minute(people, login, client):
    """Most requests read the session without writing it back; activity still counts."""
    login(people.worker)
    client.get("/")
    _age_session(client, "last_seen", 30)
    seen = client.session["last_seen"]
    client.get("/")
    assert client.session["last_seen"] == seen  # 30 s ago: not rewritten
    _age_session(client, "last_seen", 90)
    client.get("/")
    assert time.time() - client.session["last_seen"] < 5  # 90 s ago: brought up to date
