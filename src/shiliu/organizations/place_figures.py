"""This app's contribution to the place page (contract in shiliu.organizations.place_page):
the organizations and contact points that existed in the period, and the lists of
organizations and groups of the place."""

from datetime import date

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.organizations.choices import OrgKind, OrgStatus
from shiliu.organizations.selectors import existing_during, groups_visible, orgs_visible, within

ORDER = 10
SHOWN = 10


def list_url(place, start: date | None = None, end: date | None = None, **filters) -> str:
    """The organizations list filtered to ``place``'s subtree (and the period): the records behind a figure."""
    query = {"place": place.pk}
    if start:
        query["from"] = start.isoformat()
    if end:
        query["to"] = end.isoformat()
    query.update(filters)
    return reverse("organizations:list") + "?" + urlencode(query)


def figures(user, place, start: date, end: date) -> list[dict]:
    """Organizations of every kind, and contact points, that existed at some time in the period
    (founded by its end, not dissolved before its start): one query."""
    if not can(user, Cap.ORG_VIEW, place):
        return []
    counts = (orgs_visible(user).filter(within(place)).filter(existing_during(start, end))
              .aggregate(total=Count("id"), contact_points=Count("id", filter=Q(kind=OrgKind.CONTACT_POINT))))
    return [
        {"key": "organizations.total", "label": _("Organizations"), "value": counts["total"],
         "url": list_url(place, start, end)},
        {"key": "organizations.contact_points", "label": _("Contact points"), "value": counts["contact_points"],
         "url": list_url(place, start, end, kind=OrgKind.CONTACT_POINT)},
    ]


def records(user, place) -> list[dict]:
    """The organizations (not dissolved) and the groups of the place and below it."""
    if not can(user, Cap.ORG_VIEW, place):
        return []
    language = get_language()
    orgs = list(orgs_visible(user).filter(within(place)).exclude(status=OrgStatus.DISSOLVED)
                .order_by("place__path", "kind", "name", "id")[: SHOWN + 1])
    org_items = [(f"{o.display_name(language)} · {o.get_kind_display()} · {o.place.display_name(language)}",
                  reverse("organizations:detail", args=[o.pk])) for o in orgs[:SHOWN]]
    if len(orgs) > SHOWN:
        org_items.append((_("All organizations here"), list_url(place)))
    groups = list(groups_visible(user).filter(within(place)).order_by("place__path", "kind", "name", "id")
                  [: SHOWN + 1])
    group_items = [(f"{g.display_name(language)} · {g.get_kind_display()}", reverse("organizations:group_detail",
                                                                                     args=[g.pk]))
                   for g in groups[:SHOWN]]
    if len(groups) > SHOWN:
        group_items.append((_("All groups here"), reverse("organizations:groups") + "?"
                            + urlencode({"place": place.pk})))
    return [{"title": _("Organizations"), "items": org_items},
            {"title": _("Leadership and coordination groups"), "items": group_items}]
