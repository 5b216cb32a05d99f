"""Settings of the benchmark server: Shiliu's production profile over PostgreSQL, plus one
bare view that inserts a row (the ceiling the work-order creation is compared with)."""

import os

os.environ.setdefault("SHILIU_ENV", "production")
os.environ.setdefault("SECRET_KEY", "bench-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("SHILIU_FIELD_KEY", "YmVuY2gtZmllbGQta2V5LWZvci1iZW5jaC0xMjM0NTY=")
os.environ.setdefault("SHILIU_INDEX_KEY", "bench-index-key")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SHILIU_SSL_REDIRECT", "0")
os.environ.setdefault("SHILIU_LOG_LEVEL", "WARNING")

from shiliu.settings import *  # noqa: E402,F403

INSTALLED_APPS = [*INSTALLED_APPS, "benchsite.bare"]  # noqa: F405
ROOT_URLCONF = "benchsite.urls"
# Plain http on loopback: the cookies of the production profile are marked secure, which a
# load tool ignores; the session still needs to be read back.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
