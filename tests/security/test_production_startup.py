"""Production refuses to start without its secrets, and passes `check --deploy` with them."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

import shiliu
from shiliu.core.crypto import new_key

SRC = str(Path(shiliu.__file__).resolve().parent.parent)


def _environment(tmp_path, **overrides) -> dict:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": SRC,
        "DJANGO_SETTINGS_MODULE": "shiliu.settings",
        "SHILIU_ENV": "production",
        "SHILIU_VAR_DIR": str(tmp_path),
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "shiliu.example.gov.cn",
        "SHILIU_FIELD_KEY": new_key(),
        "SHILIU_INDEX_KEY": secrets.token_urlsafe(32),
    }
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def _django(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "django", *args], env=env, capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.mark.parametrize("missing", ["SHILIU_FIELD_KEY", "SHILIU_INDEX_KEY", "SECRET_KEY"])
def test_production_refuses_to_start_without_a_secret_and_names_it(tmp_path, missing):
    result = _django(_environment(tmp_path, **{missing: None}), "check")
    assert result.returncode != 0
    assert f"{missing} is not set" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_production_with_every_variable_set_passes_the_deploy_check(tmp_path):
    result = _django(_environment(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_the_deploy_check_notices_a_weak_secret_key(tmp_path):
    """The check above can fail: with a short key Django warns (security.W009)."""
    result = _django(_environment(tmp_path, SECRET_KEY="short"), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "W009" in result.stdout + result.stderr
