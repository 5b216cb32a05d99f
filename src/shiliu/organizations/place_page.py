"""The place page (``organizations:place``, ``/organizations/place/<pk>/``): one place's network,
activities, demonstration sites, brands, honours and windows, and its figures for a period —
the figures of the district's report, computed from records, each linking to the records behind it.

The page gathers what every app contributes. THE CONTRACT for an app ``shiliu.<app>``:

Provide a module ``shiliu/<app>/place_figures.py`` with any of::

    ORDER = 20   # optional: lower comes first (organizations 10; activities, creation, culture after)

    def figures(user, place, start: date, end: date) -> list[dict]:
        # One dict per figure, in the order to show them:
        #   {"key": "activities.count",          # unique, prefixed with the app's name
        #    "label": gettext("Activities"),     # translated, short
        #    "value": 12,                        # an int counted from records (never typed in)
        #    "url": "/activities/?place=5&from=2026-01-01&to=2026-12-31"}  # the records behind it, or None
        ...

    def records(user, place) -> list[dict]:
        # Sections of records to list on the page:
        #   {"title": gettext("Activities"),
        #    "items": [("Book sharing day · 2026-05-17", "/activities/12/"), ...]}   # (label, url)
        ...

Rules every provider keeps:

- **Subtree.** Count and list records of ``place`` and everything below it: the range
  ``path >= place.path AND path < place.path_upper`` on the record's place path
  (``shiliu.organizations.selectors.within(place, "place__path")`` builds it).
- **Period.** ``start`` and ``end`` are dates, both inclusive (the page defaults to this calendar
  year). Count what happened, or existed, within them; say in the label's app what that means.
- **Scope.** The page has already checked ``org.view`` at ``place`` (404 otherwise). A provider
  checks its own capability (``can(user, Cap.ACTIVITY_VIEW, place)``) and returns ``[]`` when the
  user lacks it; it counts only records the user may see (``shiliu.access.scope``).
- **Drill-down.** ``url`` opens a list showing exactly the records counted: the same subtree, the
  same period, the same filters. A test should prove the number equals the rows behind the link.
- **Cost.** A constant number of queries whatever the data (the page's query count is pinned):
  one ``aggregate()`` with filtered ``Count``s is the usual shape. ``records`` lists at most about
  ten items per section; the last item may be an "all N …" link to the full list.
- **People.** Figures are counts of records, never of people by ethnicity or religion (D4); labels
  and items carry no personal data beyond what the linked page itself shows.

A missing module (or a missing function in it) is simply skipped, so apps land in any order;
an error *inside* a provider is not hidden: it fails the page and the tests.
"""

import importlib
import pkgutil
from datetime import date
from functools import cache
from types import ModuleType

import shiliu

MODULE = "place_figures"


@cache
def providers() -> tuple[ModuleType, ...]:
    """Every app's ``place_figures`` module, ordered by ``ORDER`` then app name."""
    found = []
    for module in pkgutil.iter_modules(shiliu.__path__):
        if not module.ispkg:
            continue
        name = f"shiliu.{module.name}.{MODULE}"
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
    return tuple(sorted(found, key=lambda m: (getattr(m, "ORDER", 100), m.__name__)))


def place_figures(user, place, start: date, end: date) -> list[dict]:
    """Every provider's figures for ``place`` in the period, in order."""
    out: list[dict] = []
    for provider in providers():
        if hasattr(provider, "figures"):
            for figure in provider.figures(user, place, start, end) or []:
                out.append({"key": figure["key"], "label": figure["label"], "value": figure["value"],
                            "url": figure.get("url")})
    return out


def place_records(user, place) -> list[dict]:
    """Every provider's sections of records for ``place``, in order; empty sections are kept out."""
    out: list[dict] = []
    for provider in providers():
        if hasattr(provider, "records"):
            for section in provider.records(user, place) or []:
                items = list(section.get("items") or [])
                if items:
                    out.append({"title": section["title"], "items": items})
    return out


def default_period(today: date) -> tuple[date, date]:
    """This calendar year."""
    return date(today.year, 1, 1), date(today.year, 12, 31)
