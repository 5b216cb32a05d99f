"""The portal's home: what a resident looks for first, on a phone.

The same for everyone (nothing personal), so its content is kept in the cache per language for
``HOME_SECONDS`` and the answer may be cached by the browser (``Vary`` on language and cookie:
the shared header carries a CSRF token for the language switch).
"""

import importlib

from django.core.cache import cache
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from shiliu.access.rules import public
from shiliu.activities import selectors as activity_selectors
from shiliu.portal import config
from shiliu.portal.identity import verified_phone

HOME_SECONDS = 60
ACTIVITIES_SHOWN = 3
NEWS_SHOWN = 5


def link(*names: str) -> str:
    """The first of ``names`` that reverses, or "" (an app whose public page is not built yet)."""
    for name in names:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


def _news(language: str) -> list[dict]:
    try:
        selectors = importlib.import_module("shiliu.news.selectors")
    except ImportError:
        return []
    published = getattr(selectors, "published", None)
    if published is None:
        return []
    rows = []
    for article in published(limit=NEWS_SHOWN):
        try:
            url = article.get_absolute_url()
        except (AttributeError, NoReverseMatch):
            url = ""
        rows.append({"title": article.title, "url": url, "kind": article.get_kind_display(),
                     "at": article.publish_at})
    return rows


def _activities(language: str) -> list[dict]:
    now = timezone.now()
    rows = []
    for activity in activity_selectors.public_activities().filter(ends_at__gte=now)[:ACTIVITIES_SHOWN]:
        rows.append({"pk": activity.pk, "title": activity.display_title(language), "starts": activity.starts_at,
                     "venue": activity.venue, "place": activity.place.display_name(language),
                     "open": activity_selectors.open_to_the_public(activity, now)})
    return rows


def home_content(language: str) -> dict:
    """Everything the home shows, for one language; cached (no personal data in it)."""
    key = f"portal:home:{language}"
    content = cache.get(key)
    if content is None:
        content = {
            "hotlines": config.hotlines(language),
            "news": _news(language),
            "activities": _activities(language),
            "links": {
                "windows": link("windows:public", "windows:public_list"),
                "guide": link("guide:public", "guide:public_list"),
                "news": link("news:public_list"),
                "activities": link("activities:public_list"),
                "jobs": link("jobs:public_list", "jobs:public"),
                "track": link("workorders:track"),
                "my_data": link("mydata:mine"),
            },
        }
        cache.set(key, content, HOME_SECONDS)
    return content


@require_GET
@public
def home(request):
    language = get_language() or "zh-hans"
    response = render(request, "portal/home.html", {**home_content(language),
                                                    "resident_signed_in": verified_phone(request) is not None})
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    patch_cache_control(response, private=True, max_age=HOME_SECONDS)
    return response
