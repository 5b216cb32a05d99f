"""Callers' numbers as the phone system sends them, made comparable (E.164).

0574-8688 1234, +86 574 86881234 and 057486881234 are one caller; so are 138 1234 5678 and
+8613812345678. A local number without its area code (8688 1234, as a Ningbo exchange may
deliver it) gets the hotline's area code (``SHILIU_HOTLINE_AREA_CODE``, 0574 by default).
Anything that is not a number — hidden, "anonymous", garbage — is no number at all: its raw
text is never kept.
"""

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shiliu.people.services import phone_index
from shiliu.people.validation import clean_phone

RAW_MAX = 40
DEFAULT_AREA_CODE = "0574"


def _area_code() -> str:
    return str(getattr(settings, "SHILIU_HOTLINE_AREA_CODE", DEFAULT_AREA_CODE) or "")


def _digits(raw: str) -> str:
    return "".join(ch for ch in raw if ch.isdigit())


def caller_e164(raw: str | None) -> str:
    """The caller's number in E.164, or "" for a hidden or unreadable one (never an error:
    a phone system's call is recorded whatever number it reports)."""
    raw = (raw or "").strip()[:RAW_MAX]
    digits = _digits(raw)
    if len(digits) < 5:
        return ""
    try:
        return clean_phone(raw)
    except ValidationError:
        pass
    if not raw.startswith("+") and 7 <= len(digits) <= 8 and digits[0] not in "01" and _area_code():
        try:
            return clean_phone(_area_code() + digits)
        except ValidationError:
            return ""
    # A valid number of another country is kept as it is; it will simply match nobody here.
    try:
        parsed = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        return ""
    if parsed.country_code != 86 and phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return ""


def typed_e164(raw: str | None) -> str:
    """A number an operator typed: the same rules, but a wrong one is a ValidationError with
    the message to show next to the field."""
    raw = (raw or "").strip()
    number = caller_e164(raw) if len(raw) <= RAW_MAX else ""
    if number:
        return number
    if raw and len(raw) <= RAW_MAX:
        clean_phone(raw)  # raises its precise message (format, country, length)
    raise ValidationError(_("This is not a phone number."), code="phone_format")


def caller_index(e164: str) -> str:
    """The blind index residents' and orders' numbers use: one lookup finds all three."""
    return phone_index(e164)


def dialable(e164: str) -> str:
    """The number as one dials it from China: 0574 8688 1234, 138 1234 5678, +44 20 7946 0958."""
    if not e164:
        return ""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return ""
    style = phonenumbers.PhoneNumberFormat.NATIONAL if parsed.country_code == 86 else \
        phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(parsed, style)
