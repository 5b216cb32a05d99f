"""Shiliu's settings, read from the environment.

SHILIU_ENV chooses the profile:
- ``production`` (the default): DEBUG off, every secret required, secure cookies, HSTS.
- ``demo``: what ``shiliu demo`` sets; keys come from var/demo.env, written on first run.
- ``test``: what the test suite sets (see settings_test.py).
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from shiliu.conf.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("SHILIU_VAR_DIR") or Path.cwd() / "var")

SHILIU_ENV = env_str("SHILIU_ENV", "production")
if SHILIU_ENV not in {"production", "demo", "test"}:
    raise ImproperlyConfigured(f"SHILIU_ENV must be production, demo or test; got {SHILIU_ENV!r}")
PRODUCTION = SHILIU_ENV == "production"

DEBUG = env_bool("DEBUG", False)


def _required(name: str) -> str:
    value = env_str(name)
    if not value:
        raise ImproperlyConfigured(
            f"{name} is not set. Shiliu refuses to start in production without it; "
            f"see README.md, 'Configuration for production'."
        )
    return value


SECRET_KEY = _required("SECRET_KEY") if PRODUCTION else env_str("SECRET_KEY", "insecure-" + SHILIU_ENV + "-key")
# Keys for encrypted fields: a comma-separated list, newest first. Every key decrypts;
# only the first encrypts, so rotating means prepending a new key and re-saving rows.
SHILIU_FIELD_KEYS = env_list("SHILIU_FIELD_KEY", [])
# Key of the blind index (keyed HMAC) that makes exact lookup of encrypted values possible.
SHILIU_INDEX_KEY = env_str("SHILIU_INDEX_KEY", "")
if PRODUCTION:
    _required("SHILIU_FIELD_KEY")
    _required("SHILIU_INDEX_KEY")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "shiliu.core",
    "shiliu.places",
    "shiliu.accounts",
    "shiliu.access",
    "shiliu.audit",
    "shiliu.people",
    "shiliu.api",
    "shiliu.workdays",
    "shiliu.notify",
    "shiliu.workorders",
    "shiliu.hotline",
    "shiliu.knowledge",
    "shiliu.figures",
    "shiliu.open311",
    "shiliu.organizations",
    "shiliu.activities",
    "shiliu.creation",
    "shiliu.culture",
    "shiliu.guide",
    "shiliu.windows",
    "shiliu.news",
    "shiliu.jobs",
    "shiliu.portal",
    "shiliu.mydata",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "shiliu.core.middleware.RequestOriginMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "shiliu.core.middleware.NoStoreForStaffMiddleware",
    "shiliu.accounts.middleware.SessionPolicyMiddleware",
    "shiliu.access.middleware.AntiSurveillanceMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "shiliu.urls"
WSGI_APPLICATION = "shiliu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "shiliu.core.context_processors.navigation",
            ],
        },
    },
]

# --- database ------------------------------------------------------------------------------
_default_db = "sqlite:///" + str(VAR_DIR / "shiliu.sqlite3")
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL") or _default_db, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at
    # BEGIN so two writers queue instead of failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- accounts --------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "shiliu.accounts.passwords.CharacterClassValidator"},
]
AUTHENTICATION_BACKENDS = ["shiliu.accounts.backends.LockoutModelBackend"]
SHILIU_PASSWORD_MAX_AGE_DAYS = env_int("SHILIU_PASSWORD_MAX_AGE_DAYS", 90)
SHILIU_LOCKOUT_FAILURES = env_int("SHILIU_LOCKOUT_FAILURES", 5, minimum=1)
SHILIU_LOCKOUT_MINUTES = env_int("SHILIU_LOCKOUT_MINUTES", 15, minimum=1)
SHILIU_LOCKOUT_ADDRESS_FAILURES = env_int("SHILIU_LOCKOUT_ADDRESS_FAILURES", 20, minimum=1)
# How many reverse proxies stand in front of Shiliu. 0: trust only REMOTE_ADDR.
SHILIU_TRUSTED_PROXIES = env_int("SHILIU_TRUSTED_PROXIES", 0)
SHILIU_REAUTH_MINUTES = env_int("SHILIU_REAUTH_MINUTES", 10, minimum=1)
SHILIU_IDLE_MINUTES = env_int("SHILIU_IDLE_MINUTES", 30, minimum=1)
SHILIU_TOKEN_DAYS = env_int("SHILIU_TOKEN_DAYS", 30, minimum=1)

SESSION_COOKIE_AGE = env_int("SHILIU_SESSION_HOURS", 12, minimum=1) * 3600  # absolute limit
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("SHILIU_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION and env_bool("SHILIU_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
SHILIU_MAX_IMPORT_BYTES = env_int("SHILIU_MAX_IMPORT_BYTES", 5_000_000)
# Uploaded files (attachments of work orders, activity photos): never served as static files;
# each is read through a scoped view.
MEDIA_ROOT = Path(env_str("SHILIU_MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "/media-not-served/"
SHILIU_UPLOAD_MAX_BYTES = env_int("SHILIU_UPLOAD_MAX_BYTES", 10_000_000, minimum=1)

# --- notifications (shiliu.notify) ---------------------------------------------------------
# SMS: "console" (log), "file" (one JSON line per message in var/sms.log) or "http" (a gateway).
SHILIU_SMS_BACKEND = env_str("SHILIU_SMS_BACKEND", "console" if PRODUCTION else "file")
SHILIU_SMS_GATEWAY_URL = env_str("SHILIU_SMS_GATEWAY_URL", "")
SHILIU_SMS_GATEWAY_TOKEN = env_str("SHILIU_SMS_GATEWAY_TOKEN", "")
SHILIU_SMS_FILE = Path(env_str("SHILIU_SMS_FILE") or VAR_DIR / "sms.log")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "shiliu@localhost")
# The address residents open from an SMS (tracking, callback): the public site's origin.
SHILIU_PUBLIC_URL = env_str("SHILIU_PUBLIC_URL", "http://127.0.0.1:8000")

# --- language and time -----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not PRODUCTION

CACHES = {
    "default": {
        "BACKEND": env_str("SHILIU_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": env_str("SHILIU_CACHE_LOCATION", "shiliu"),
    }
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

OTP_TOTP_ISSUER = "Shiliu"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("SHILIU_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Figures: counts from 1 to k-1 are published as "<k" (SECURITY.md G2).
SHILIU_SUPPRESSION_K = env_int("SHILIU_SUPPRESSION_K", 5, minimum=2)
SHILIU_LIST_EXPORT_CAP = env_int("SHILIU_LIST_EXPORT_CAP", 500, minimum=1)

SHILIU_SITE_NAME = _("Shiliu")
