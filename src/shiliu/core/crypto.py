"""Field encryption and blind indexes (SECURITY.md B2, B3).

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256) under a key list:
the first key encrypts, every key decrypts, so keys rotate without downtime. A value
that no key opens raises FieldKeyError; ciphertext is never shown as if it were data.
Exact lookups use a keyed HMAC of the normalised value (the blind index), so the
database never holds a plain ID number even in an index.
"""

import base64
import binascii
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models


class FieldKeyError(ImproperlyConfigured):
    """The configured SHILIU_FIELD_KEY cannot open data stored in this database."""


def _parse_key(raw: str) -> Fernet:
    try:
        if len(base64.urlsafe_b64decode(raw.encode())) != 32:
            raise ValueError
        return Fernet(raw.encode())
    except (ValueError, binascii.Error):
        raise ImproperlyConfigured(
            "SHILIU_FIELD_KEY must be a comma-separated list of 32-byte url-safe base64 keys; "
            "make one with: shiliu newkey"
        ) from None


@functools.cache
def _fernet() -> MultiFernet:
    keys = settings.SHILIU_FIELD_KEYS
    if not keys:
        raise ImproperlyConfigured("SHILIU_FIELD_KEY is not set: encrypted fields cannot be read or written.")
    return MultiFernet([_parse_key(k) for k in keys])


@functools.cache
def _index_key() -> bytes:
    key = settings.SHILIU_INDEX_KEY
    if not key:
        raise ImproperlyConfigured("SHILIU_INDEX_KEY is not set: exact lookups of protected fields are impossible.")
    return key.encode()


def _reset(**kwargs) -> None:
    if kwargs.get("setting") in {"SHILIU_FIELD_KEYS", "SHILIU_INDEX_KEY"}:
        _fernet.cache_clear()
        _index_key.cache_clear()


setting_changed.connect(_reset)


def new_key() -> str:
    return Fernet.generate_key().decode()


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise FieldKeyError(
            "An encrypted field cannot be opened with the configured SHILIU_FIELD_KEY. "
            "The key is wrong or was removed from the key list."
        ) from None


def rotate(token: str) -> str:
    """Re-encrypt under the newest key."""
    return _fernet().rotate(token.encode()).decode()


def blind_index(value: str, *, purpose: str) -> str:
    message = f"{purpose}:{value}".encode()
    return hmac.new(_index_key(), message, hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """A text field stored encrypted. It cannot be filtered on; use a blind index."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name not in {"isnull"}:
            return None  # encrypted values cannot be compared in SQL
        return super().get_lookup(lookup_name)
