"""Rate limits of the portal's public forms (SECURITY.md F6), per client address and per phone."""

from shiliu.core import ratelimit

ASK_PER_ADDRESS = ratelimit.Limit("portal-ask-address", 20, 3600)
ASK_PER_PHONE = ratelimit.Limit("portal-ask-phone", 10, 3600)
SIGN_UP_PER_ADDRESS = ratelimit.Limit("portal-signup-address", 30, 3600)
SIGN_UP_PER_PHONE = ratelimit.Limit("portal-signup-phone", 10, 3600)
RATE_PER_ADDRESS = ratelimit.Limit("portal-rate-address", 30, 3600)


def hit_both(per_address: ratelimit.Limit, per_phone: ratelimit.Limit, *, address: str, index: str) -> None:
    """Count one request for the address and for the phone (its blind index); RateLimited past either."""
    ratelimit.hit(per_address, address or "-")
    ratelimit.hit(per_phone, index)
