"""Staff password rules (SECURITY.md C2)."""

import re

from django.core.exceptions import ValidationError
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
