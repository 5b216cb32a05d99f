"""The client's real address behind a known number of proxies (SECURITY.md C4)."""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    """REMOTE_ADDR, or the address the outermost trusted proxy saw.

    With N trusted proxies, the client is the N-th address from the right of
    X-Forwarded-For: anything further left was written by the client and may be forged.
    """
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - "no address" for records, not a bind
    hops = settings.SHILIU_TRUSTED_PROXIES
    if hops <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:  # a misconfigured proxy; never store a non-address (inet column on PostgreSQL)
        return remote
    return candidate

# The header a resident's API token travels in (X-Resident-Token; shiliu.portal.identity reads it,
# NoStoreForStaffMiddleware keeps answers to it out of caches).
RESIDENT_TOKEN_HEADER = "HTTP_X_RESIDENT_TOKEN"
