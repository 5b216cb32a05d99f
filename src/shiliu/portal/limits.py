"""Rate limits of the portal's public forms (SECURITY.md F6), per client address and per phone."""

from django.utils.translation import gettext as _

from shiliu.core import ratelimit
from shiliu.core.errors import too_many_requests

ASK_PER_ADDRESS = ratelimit.Limit("portal-ask-address", 20, 3600)
ASK_PER_PHONE = ratelimit.Limit("portal-ask-phone", 10, 3600)
SIGN_UP_PER_ADDRESS = ratelimit.Limit("portal-signup-address", 30, 3600)
SIGN_UP_PER_PHONE = ratelimit.Limit("portal-signup-phone", 10, 3600)
FILES_PER_ADDRESS = ratelimit.Limit("portal-files-address", 30, 3600)
FILES_PER_PHONE = ratelimit.Limit("portal-files-phone", 20, 3600)
PROFILE_PER_ADDRESS = ratelimit.Limit("portal-profile-address", 60, 3600)
PROFILE_PER_PHONE = ratelimit.Limit("portal-profile-phone", 30, 3600)
RATE_PER_ADDRESS = ratelimit.Limit("portal-rate-address", 30, 3600)


def hit_both(per_address: ratelimit.Limit, per_phone: ratelimit.Limit, *, address: str, index: str) -> None:
    """Count one request for the address and for the phone (its blind index); RateLimited past either."""
    ratelimit.hit(per_address, address or "-")
    ratelimit.hit(per_phone, index)


def refused(request, retry_after: int, form, page):
    """429 with Retry-After (F6). A form sent by htmx (hx-boost) would not show a 429, so it gets
    its page back with the reason on top of the form, still with Retry-After."""
    if request.headers.get("HX-Request") != "true":
        return too_many_requests(request, retry_after)
    minutes = max(1, -(-retry_after // 60))
    form.add_error(None, _("Too many requests from this number or this network. Try again in %(n)d minutes.")
                   % {"n": minutes})
    response = page()
    response["Retry-After"] = str(retry_after)
    return response
