"""Staff password rules (SECURITY.md C2)."""

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

_CLASSES = [re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"[0-9]"), re.compile(r"[^a-zA-Z0-9]")]


class CharacterClassValidator:
    """At least three of: lower case, upper case, digits, other characters."""

    def validate(self, password: str, user=None) -> None:
        if sum(1 for c in _CLASSES if c.search(password)) < 3:
            raise ValidationError(
                _("Use at least three of these: lower-case letters, capital letters, digits, other characters."),
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("Your password must use at least three of: lower-case letters, capital letters, digits, symbols.")


def password_expired(user) -> bool:
    """True when the user must choose a new password before working on.

    ``password_changed_at`` is None for an account whose password was set by someone
    else (an administrator creating the account, ``createsuperuser``): its owner must
    replace it at the first sign-in. Otherwise the password expires after
    SHILIU_PASSWORD_MAX_AGE_DAYS (0 turns rotation off).
    """
    if getattr(user, "machine", False):
        return False  # an integration has no password to rotate; its tokens expire instead
    changed = user.password_changed_at
    if changed is None:
        return True
    max_age = settings.SHILIU_PASSWORD_MAX_AGE_DAYS
    return bool(max_age) and timezone.now() - changed > timedelta(days=max_age)


# No 0/O, 1/l/I: the password is read off a screen and typed in by hand.
_LOWER, _UPPER, _DIGITS = "abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789"


def generate_password() -> str:
    """A one-time password for a new account: four groups of four, all four classes."""
    while True:
        alphabet = _LOWER + _UPPER + _DIGITS
        groups = ["".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4)]
        candidate = "-".join(groups)
        if all(c.search(candidate) for c in _CLASSES):
            return candidate
