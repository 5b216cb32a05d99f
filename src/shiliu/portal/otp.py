"""One-time codes that prove a phone number (docs/decisions/0020-resident-one-time-codes.md).

6 digits, valid 5 minutes, at most 5 tries each, at most 3 sends per number per hour and
``SEND_PER_ADDRESS`` per client address per hour. Only a keyed hash of the code is kept
(the outbox holds the SMS text until it is delivered, like any message).
"""

import hmac
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.audit.services import audit_write
from shiliu.core import crypto, ratelimit
from shiliu.notify.services import send_sms
from shiliu.people.validation import clean_phone
from shiliu.portal.identity import phone_index
from shiliu.portal.models import OneTimeCode

DIGITS = 6
VALID = timedelta(minutes=5)
MAX_TRIES = 5
SENDS_PER_HOUR = 3
SEND_PER_ADDRESS = ratelimit.Limit("portal-code-send", 10, 3600)
VERIFY_PER_ADDRESS = ratelimit.Limit("portal-code-verify", 30, 600)


class TooManyCodes(ratelimit.RateLimited):
    """Too many codes for this number or from this address; ``retry_after`` in seconds."""


def _hash(index: str, code: str, nonce: int) -> str:
    return crypto.blind_index(f"{index}:{nonce}:{code}", purpose="portal.otp")


def clean_number(raw: str) -> str:
    """The number in E.164, or ValidationError({"phone": [...]}) with the precise message."""
    raw = (raw or "").strip()
    if not raw:
        raise ValidationError({"phone": [_("Enter your mobile phone number.")]})
    if len(raw) > 30:
        raise ValidationError({"phone": [_("This is not a phone number.")]})
    try:
        return clean_phone(raw)
    except ValidationError as e:
        raise ValidationError({"phone": e.messages}) from None


def code_send(*, phone: str, address: str, language: str = "zh-hans", now=None) -> OneTimeCode:
    """Send a new code to ``phone`` (raw as typed). Raises ValidationError for a wrong number and
    TooManyCodes past the limits (nothing is sent then). Earlier unused codes stop working."""
    e164 = clean_number(phone)
    now = now or timezone.now()
    index = phone_index(e164)
    try:
        ratelimit.hit(SEND_PER_ADDRESS, address)
    except ratelimit.RateLimited as e:
        raise TooManyCodes(e.retry_after) from None
    with transaction.atomic():
        recent = list(OneTimeCode.objects.select_for_update()
                      .filter(phone_index=index, created_at__gt=now - timedelta(hours=1))
                      .order_by("created_at").values_list("created_at", flat=True))
        if len(recent) >= SENDS_PER_HOUR:
            wait = recent[-SENDS_PER_HOUR] + timedelta(hours=1) - now
            raise TooManyCodes(max(int(wait.total_seconds()), 1))
        OneTimeCode.objects.filter(phone_index=index, used_at__isnull=True, expires_at__gt=now).update(
            expires_at=now)
        code = "".join(secrets.choice("0123456789") for _ in range(DIGITS))
        row = OneTimeCode.objects.create(phone_index=index, code_hash="", created_at=now, expires_at=now + VALID)
        row.code_hash = _hash(index, code, row.pk)
        row.save(update_fields=["code_hash"])
        send_sms(key=f"portal.code:{row.pk}", phone=e164, template="portal.code", params={"code": code},
                 language=language)
        audit_write(by=None, action="portal.code.send", target=row)
    return row


def code_verify(*, phone: str, code: str, address: str, now=None) -> str:
    """The number (E.164) when ``code`` is the latest code sent to it, unexpired, within its tries.
    Each wrong try counts, even when the answer is an error. Raises ValidationError
    ({"code": [...]} or {"phone": [...]}) or TooManyCodes (per address)."""
    e164 = clean_number(phone)
    now = now or timezone.now()
    try:
        ratelimit.hit(VERIFY_PER_ADDRESS, address)
    except ratelimit.RateLimited as e:
        raise TooManyCodes(e.retry_after) from None
    typed = "".join(ch for ch in (code or "") if not ch.isspace())
    if not typed:
        raise ValidationError({"code": [_("Enter the 6-digit code from the SMS.")]})
    index = phone_index(e164)
    message = ""
    with transaction.atomic():
        row = (OneTimeCode.objects.select_for_update().filter(phone_index=index, used_at__isnull=True)
               .order_by("-created_at", "-id").first())
        if row is None:
            message = _("No code was sent to this number. Ask for a code first.")
        elif row.expires_at <= now:
            message = _("This code has expired. Ask for a new one.")
        elif row.tries >= MAX_TRIES:
            message = _("Too many wrong tries for this code. Ask for a new one.")
        else:
            row.tries += 1
            if hmac.compare_digest(row.code_hash, _hash(index, typed, row.pk)):
                row.used_at = now
                row.save(update_fields=["tries", "used_at"])
                audit_write(by=None, action="portal.code.verify", target=row)
                return e164
            row.save(update_fields=["tries"])
            left = MAX_TRIES - row.tries
            message = (_("The code is wrong. %(n)d tries left.") % {"n": left} if left else
                       _("The code is wrong, and that was the last try. Ask for a new one."))
    raise ValidationError({"code": [message]})


def forget_codes(*, before) -> int:
    """Delete codes created before ``before`` (they are useless after 5 minutes)."""
    deleted, _rows = OneTimeCode.objects.filter(created_at__lt=before).delete()
    return deleted
