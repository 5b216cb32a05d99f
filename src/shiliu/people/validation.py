"""Validation of residents' identifiers (SECURITY.md B4)."""

from dataclasses import dataclass
from datetime import date

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent


@dataclass(frozen=True)
class IdNumber:
    value: str
    needs_review: bool
    birth_date: date


def clean_id_number(raw: str) -> IdNumber:
    """An 18-character GB 11643 number, upper-case X. Area codes that GB 11643 no
    longer lists are accepted for manual review instead of refused."""
    number = ric.compact(raw or "")
    if len(number) != 18:
        raise ValidationError(_("An ID number has 18 characters; this one has %(n)d.") % {"n": len(number)},
                              code="id_length")
    if not number[:-1].isdigit() or not (number[-1].isdigit() or number[-1] == "X"):
        raise ValidationError(_("An ID number has 17 digits followed by a digit or X."), code="id_format")
    if number[-1] != ric.calc_check_digit(number):
        raise ValidationError(_("The last character (the check digit) does not match: please check the number."),
                              code="id_checksum")
    try:
        born = ric.get_birth_date(number)
    except InvalidComponent:
        raise ValidationError(_("The birth date inside the ID number is not a real date."),
                              code="id_birth_date") from None
    if born > timezone.localdate() or born.year < 1900:
        raise ValidationError(_("The birth date inside the ID number is not possible."), code="id_birth_date")
    try:
        ric.get_birth_place(number)
        needs_review = False
    except (InvalidComponent, KeyError):
        # python-stdnum raises KeyError for an unknown county inside a known prefecture
        # (e.g. 330299): the same case as an abolished code, so review, not refusal (B4).
        needs_review = True
    return IdNumber(value=number, needs_review=needs_review, birth_date=born)


def clean_phone(raw: str) -> str:
    """A Chinese mobile or landline number, stored as E.164 (+8613812345678).

    New mobile prefixes that the library does not know yet pass as "possible numbers".
    """
    raw = (raw or "").strip()
    try:
        parsed = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        raise ValidationError(_("This is not a phone number."), code="phone_format") from None
    if parsed.country_code != 86:
        raise ValidationError(_("Enter a mainland China phone number."), code="phone_country")
    national = str(parsed.national_number)
    # The "possible number" fallback is for mobile prefixes newer than the library
    # (11 digits starting with 1); on its own it would let through any short number.
    new_mobile = len(national) == 11 and national.startswith("1") and phonenumbers.is_possible_number(parsed)
    if not (phonenumbers.is_valid_number(parsed) or new_mobile):
        raise ValidationError(_("This phone number has the wrong length or an unknown prefix. "
                                "A landline needs its area code, like 0574."), code="phone_invalid")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def national_phone(e164: str) -> str:
    """+8613812345678 -> 13812345678 (how people in China write it)."""
    return e164[3:] if e164.startswith("+86") else e164
