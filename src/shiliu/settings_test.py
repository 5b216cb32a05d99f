"""Settings for the test suite: the test profile, fixed keys, fast hashing."""

import os

os.environ.setdefault("SHILIU_ENV", "test")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("SHILIU_FIELD_KEY", "ZmllbGQta2V5LWZvci10ZXN0cy1vbmx5LTEyMzQ1Njc=")
os.environ.setdefault("SHILIU_INDEX_KEY", "index-key-for-tests-only")

from shiliu.settings import *  # noqa: E402,F403

# Still Argon2id, with a small cost so hundreds of test logins stay fast.
PASSWORD_HASHERS = ["shiliu.accounts.hashers.TestArgon2PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None  # type: ignore[assignment]
SHILIU_SMS_BACKEND = "memory"  # messages kept in shiliu.notify.backends.sent, like django.core.mail.outbox
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: threads of a concurrency test then queue for the write
    # lock (WAL, IMMEDIATE, busy timeout) as in production, instead of failing "table is locked".
    import tempfile
    from pathlib import Path

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"shiliu-test-{os.getpid()}.sqlite3")}
