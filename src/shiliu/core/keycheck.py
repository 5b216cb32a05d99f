"""Refuse to start with a field key that cannot read this database's data."""

from django.db import DatabaseError

from shiliu.core import crypto
from shiliu.core.models import KeyCheck

KNOWN = "shiliu-key-check"


def verify_field_key() -> None:
    """Raise FieldKeyError when the configured key cannot open the stored canary.

    On a new database the canary is written with the current key.
    """
    try:
        check = KeyCheck.objects.order_by("id").first()
    except DatabaseError:
        return  # not migrated yet; migrate comes first
    if check is None:
        KeyCheck.objects.create(token=crypto.encrypt(KNOWN))
        return
    if crypto.decrypt(check.token) != KNOWN:
        raise crypto.FieldKeyError("SHILIU_FIELD_KEY opens the key check but yields the wrong value.")
