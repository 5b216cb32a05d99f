"""How services collect bad input: every field's messages first, then one ValidationError, so a
form shows each message next to its field and nothing is half-saved."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class FieldErrors(dict):
    """{field: [messages]}; ``raise_any`` raises them all as one ValidationError."""

    def add(self, field: str, message) -> None:
        self.setdefault(field, []).append(str(message))

    def add_all(self, exc: ValidationError) -> None:
        """Every message of ``exc`` (a check that raised on its own), each on its field."""
        for field, messages in exc.message_dict.items():
            for message in messages:
                self.add(field, message)

    def raise_any(self) -> None:
        if self:
            raise ValidationError(dict(self))


def clean_text(errors: FieldErrors, field: str, value, *, max_length: int, required: str | None = None) -> str:
    """Stripped text; ``required`` is the message when it is empty; a message when too long."""
    text = (value or "").strip() if isinstance(value, str) or value is None else str(value).strip()
    if required and not text:
        errors.add(field, required)
    elif len(text) > max_length:
        errors.add(field, _("At most %(n)d characters.") % {"n": max_length})
    return text
