"""The public pages of news and notices: no account, no JavaScript needed, no personal data.

They show what has been published and whose time has come (a scheduled article appears from its
``publish_at``); never who wrote or reviewed it. Anonymous answers may be kept by browsers and
proxies for a few minutes (``cacheable``); a signed-in visitor's answers are ``no-store`` (core
middleware).
"""

import functools

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from shiliu.access.rules import public
from shiliu.creation.views import paginate
from shiliu.news import selectors
from shiliu.news.choices import ArticleKind

PUBLIC_MAX_AGE = 300  # seconds: a scheduled article shows at most five minutes late


def cacheable(view):
    """Shared caches may keep the page a few minutes (varying on the cookie and the language) —
    except an answer that hands a new CSRF cookie (the language switch's form) to a visitor who had
    none: a cache must never give one visitor's token to another. The same rule as the guide's
    public pages."""

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


@require_GET
@public
@cacheable
def public_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in ArticleKind.values else ""
    return render(request, "news/public_list.html", {
        "page": paginate(request, selectors.public_list(kind=kind or None)), "kind": kind,
        "kinds": ArticleKind.choices, "language": get_language(),
    })


@require_GET
@public
@cacheable
def public_detail(request, pk: int):
    article = selectors.public_get(pk)
    return render(request, "news/public_detail.html", {"article": article, "language": get_language()})
