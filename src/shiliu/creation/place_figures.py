"""Creation work on the place page (contract: shiliu.organizations.place_page).

Figures, for ``place`` and everything below it:
- demonstration sites: named or under review, named in or before the period's last year;
- brands: running now, started by the period's end (or with no start date);
- honours: received in the period's years.
Each links to the list showing exactly the records counted.
"""

from datetime import date

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.creation.choices import STANDING, BrandStatus
from shiliu.creation.models import Brand, DemonstrationSite, Honour
from shiliu.creation.selectors import SIX, visible, with_progress, within

ORDER = 70
LISTED = 10


def _url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def figures(user, place, start: date, end: date) -> list[dict]:
    if not can(user, Cap.CREATION_VIEW, place):
        return []
    sites = within(visible(DemonstrationSite.objects.all(), user), place).aggregate(n=Count(
        "pk", filter=Q(status__in=STANDING, named_year__lte=end.year)))["n"]
    brands = within(visible(Brand.objects.all(), user), place).aggregate(n=Count(
        "pk", filter=Q(status=BrandStatus.ACTIVE) & (Q(since__isnull=True) | Q(since__lte=end))))["n"]
    honours = within(visible(Honour.objects.all(), user), place).aggregate(n=Count(
        "pk", filter=Q(year__gte=start.year, year__lte=end.year)))["n"]
    return [
        {"key": "creation.sites", "label": _("Demonstration sites"), "value": sites,
         "url": _url("creation:home", place=place.pk, status="standing", until_year=end.year)},
        {"key": "creation.brands", "label": _("Brands"), "value": brands,
         "url": _url("creation:brands", place=place.pk, status=BrandStatus.ACTIVE, until=end.isoformat())},
        {"key": "creation.honours", "label": _("Honours"), "value": honours,
         "url": _url("creation:honours", place=place.pk, year_from=start.year, year_to=end.year)},
    ]


def section(title: str, queryset, label, list_url: str, noun) -> dict:
    rows = list(queryset[: LISTED + 1])
    items = [(label(r), r.get_absolute_url()) for r in rows[:LISTED]]
    if len(rows) > LISTED:
        items.append((noun(queryset.count()), list_url))
    return {"title": title, "items": items}


def records(user, place) -> list[dict]:
    if not can(user, Cap.CREATION_VIEW, place):
        return []
    sites = with_progress(within(visible(DemonstrationSite.objects.all(), user), place)).order_by("name", "id")
    brands = within(visible(Brand.objects.all(), user), place).order_by("name", "id")
    honours = within(visible(Honour.objects.all(), user), place).order_by("-year", "title", "id")
    return [
        section(_("Demonstration sites"), sites,
                 lambda s: f"{s.name} · {s.get_level_display()} · {s.get_status_display()} · "
                           + _("six ones %(done)d/%(total)d") % {"done": s.satisfied, "total": SIX},
                 _url("creation:home", place=place.pk), lambda n: _("All %(n)d demonstration sites") % {"n": n}),
        section(_("Brands"), brands, lambda b: f"{b.name} · {b.get_status_display()}",
                 _url("creation:brands", place=place.pk), lambda n: _("All %(n)d brands") % {"n": n}),
        # Titles only: a person's name stays on the honour's own page, where reading it is audited.
        section(_("Honours"), honours, lambda h: f"{h.year} · {h.title} · {h.get_level_display()}",
                 _url("creation:honours", place=place.pk), lambda n: _("All %(n)d honours") % {"n": n}),
    ]
