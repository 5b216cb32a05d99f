"""Masked display of personal identifiers (SECURITY.md B1)."""

from shiliu.people.validation import national_phone


def mask_id_number(value: str) -> str:
    if not value:
        return ""
    return value[:6] + "*" * 8 + value[-4:]


def mask_phone(e164: str) -> str:
    if not e164:
        return ""
    number = national_phone(e164)
    if len(number) == 11:
        return number[:3] + "****" + number[-4:]
    return number[:2] + "*" * max(len(number) - 4, 1) + number[-2:]
