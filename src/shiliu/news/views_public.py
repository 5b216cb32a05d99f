"""The public pages of news and notices: no account, no JavaScript needed, no personal data.

They show what has been published and whose time has come (a scheduled article appears from its
``publish_at``); never who wrote or reviewed it. Anonymous answers may be kept by browsers and
proxies for a few minutes (``cacheable``); a signed-in visitor's answers are ``no-store`` (core
middleware).
"""

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from shiliu.access.rules import public
from shiliu.core.caching import cacheable
from shiliu.core.pages import paginate
from shiliu.news import selectors
from shiliu.news.choices import ArticleKind


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
