"""Cache headers of the public pages (guide, windows, news, job market): no account, no personal data."""

import functools

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers

PUBLIC_MAX_AGE = 300  # seconds: a newly published item shows at most five minutes late


def cacheable(view):
    """Shared caches may keep the page a few minutes (varying on the cookie and the language) —
    except an answer to a signed-in visitor, or one that hands a new CSRF cookie (the language
    switch's form) to a visitor who had none: a cache must never give one visitor's token to another."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
        if signed_in or settings.CSRF_COOKIE_NAME not in request.COOKIES:
            patch_cache_control(response, private=True, max_age=PUBLIC_MAX_AGE)
        else:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response

    return wrapped
