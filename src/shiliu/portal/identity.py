"""Who the resident on the portal is: a phone number they proved with a one-time code.

This is not an account and has nothing to do with staff sign-in (``request.user``): the
verified number lives in the session under its own keys, for ``SHILIU_PORTAL_IDLE_MINUTES``
without a request (30 by default) and at most ``SHILIU_PORTAL_SESSION_HOURS`` in all (4).
Signing out of the portal removes those keys and nothing else; a staff sign-out flushes the
whole session and so ends it too.

What other apps use::

    from shiliu.portal.identity import verified_phone, resident_required, phone_index

    @resident_required                      # no verified phone: to the code page, then back here
    def my_page(request):
        phone = verified_phone(request)     # "+8613812345678"
        key = phone_index(phone)            # the keyed blind index residents, calls and orders use

The API has the same identity as a short-lived bearer token (``resident_token`` /
``token_phone``): the number inside is encrypted, never readable by the client. Each token has
a row (``portal.ResidentToken``, found by the random key the token carries), so it can be revoked
before it expires: ``token_revoke`` (this one) and ``tokens_revoke_all`` (every token of a phone).
"""

from __future__ import annotations

import functools
import secrets
import time
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from shiliu.core import crypto
from shiliu.core.net import RESIDENT_TOKEN_HEADER
from shiliu.people.services import phone_index as _people_phone_index

PHONE = "portal_phone"  # E.164
VERIFIED_AT = "portal_verified_at"
SEEN = "portal_seen"
SEEN_RESOLUTION = 60  # seconds: the session is written back at most once a minute
TOKEN_SALT = "shiliu.portal.resident-token"
TOKEN_HEADER = RESIDENT_TOKEN_HEADER  # the API's X-Resident-Token


def idle_seconds() -> int:
    return int(getattr(settings, "SHILIU_PORTAL_IDLE_MINUTES", 30)) * 60


def absolute_seconds() -> int:
    return int(getattr(settings, "SHILIU_PORTAL_SESSION_HOURS", 4)) * 3600


def phone_index(e164: str) -> str:
    """The keyed blind index of a number (people.Resident.phone_index, hotline calls' caller_index):
    find "records of this phone" without decrypting anything. "" for no number."""
    return _people_phone_index(e164)


def verified_phone(request) -> str | None:
    """The phone number (E.164) this browser proved with a code, or None (never verified,
    idle too long, too old, signed out)."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    phone = session.get(PHONE)
    if not phone:
        return None
    now = time.time()
    seen = session.get(SEEN) or 0
    at = session.get(VERIFIED_AT) or 0
    if now - seen > idle_seconds() or now - at > absolute_seconds():
        sign_out(request)
        return None
    if now - seen >= SEEN_RESOLUTION:
        session[SEEN] = now
    return str(phone)


def sign_in(request, phone: str) -> None:
    """Remember ``phone`` (already verified, E.164) for this browser. A new session key is
    issued, so a key planted before the code was typed is worth nothing (session fixation)."""
    request.session.cycle_key()
    now = time.time()
    request.session[PHONE] = phone
    request.session[VERIFIED_AT] = now
    request.session[SEEN] = now


def sign_out(request) -> None:
    """Forget the verified phone; a staff member signed in on the same browser stays signed in."""
    for key in (PHONE, VERIFIED_AT, SEEN):
        request.session.pop(key, None)


def resident_required(view):
    """The view needs a verified phone. Without one, a GET goes to the code page and comes
    back afterwards (``next`` holds only the path, never a number); a POST goes to the code
    page and the form is sent again by hand. Answers are never cached."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if verified_phone(request) is None:
            target = reverse("portal:code")
            back = request.get_full_path() if request.method == "GET" else request.path
            return redirect(f"{target}?{urlencode({'next': back})}")
        response = view(request, *args, **kwargs)
        patch_cache_control(response, no_store=True, private=True)
        return response

    return wrapped


def resident_token(phone: str) -> str:
    """A bearer token for the API that stands for ``phone`` for ``idle_seconds()``. It is signed
    and carries a random key: a ``ResidentToken`` row with that key, which a sign-out revokes."""
    from shiliu.portal.models import ResidentToken

    now = timezone.now()
    key = secrets.token_urlsafe(32)
    ResidentToken.objects.create(key=key, phone_index=phone_index(phone), issued_at=now,
                                 expires_at=now + timedelta(seconds=idle_seconds()))
    return signing.dumps({"p": crypto.encrypt(phone), "k": key}, salt=TOKEN_SALT, compress=True)


def _token_row(token: str):
    """(phone, live ResidentToken row) of a token, or None when it is forged, altered, expired,
    revoked or its row is gone."""
    from shiliu.portal.models import ResidentToken

    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=idle_seconds())
        phone, key = crypto.decrypt(data["p"]), data["k"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    if not isinstance(key, str) or not key:
        return None
    row = ResidentToken.objects.filter(key=key, revoked_at__isnull=True, expires_at__gt=timezone.now()).first()
    if row is None or row.phone_index != phone_index(phone):
        return None
    return phone, row


def token_phone(token: str) -> str | None:
    """The phone a token stands for, or None when it is forged, altered, expired or revoked."""
    found = _token_row(token)
    return found[0] if found else None


def token_revoke(token: str) -> bool:
    """Revoke this one token ("sign out" in an app). False when it was not valid anyway."""
    from shiliu.portal.models import ResidentToken

    found = _token_row(token)
    if found is None:
        return False
    return bool(ResidentToken.objects.filter(pk=found[1].pk, revoked_at__isnull=True)
                .update(revoked_at=timezone.now()))


@transaction.atomic
def tokens_revoke_all(phone: str) -> int:
    """Revoke every token still valid of ``phone`` ("sign out everywhere"): how many were.
    Writes a ``portal.sign_out_everywhere`` security record (the count, never the number)."""
    from shiliu.audit.services import audit_security
    from shiliu.portal.models import ResidentToken

    index = phone_index(phone)
    if not index:
        return 0
    revoked = ResidentToken.objects.filter(phone_index=index, revoked_at__isnull=True,
                                           expires_at__gt=timezone.now()).update(revoked_at=timezone.now())
    audit_security(action="portal.sign_out_everywhere", username="resident", detail={"tokens": revoked})
    return revoked


def forget_tokens(*, before) -> int:
    """Delete the token rows that expired before ``before`` (valid or revoked, they open nothing)."""
    from shiliu.portal.models import ResidentToken

    deleted, _rows = ResidentToken.objects.filter(expires_at__lt=before).delete()
    return deleted


def request_token(request) -> str:
    """The resident token the API request carries in X-Resident-Token ("" for none)."""
    return request.META.get(TOKEN_HEADER, "")


def api_phone(request) -> str:
    """The phone the API request's resident token stands for; 401 (problem+json) without a valid
    one. Every resident operation of the API (portal, employers' desk) starts here."""
    phone = token_phone(request_token(request))
    if phone is None:
        raise HttpError(401, _("Send a valid resident token in X-Resident-Token (verify your number first)."))
    return phone
