"""Cultural work on the place page (contract: shiliu.organizations.place_page).

Figures, for ``place`` and everything below it:
- art troupes: active now;
- performances: held in the period (the troupes' cultural events);
- publicity positions: in use, in use since the period's end or earlier (or with no date);
- museum visiting groups: bookings recorded as visited, whose slot started in the period,
  and the people who came with them.
Each links to the list showing exactly the records counted.
"""

from datetime import date

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.creation.place_figures import LISTED, section
from shiliu.creation.selectors import within
from shiliu.culture import selectors
from shiliu.culture.choices import BookingStatus, TroupeStatus
from shiliu.culture.models import ArtTroupe, PublicityPosition

ORDER = 80


def _url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def figures(user, place, start: date, end: date) -> list[dict]:
    if not can(user, Cap.CULTURE_VIEW, place):
        return []
    troupes = within(selectors.visible(ArtTroupe.objects.all(), user), place).aggregate(
        n=Count("pk", filter=Q(status=TroupeStatus.ACTIVE)))["n"]
    performances = selectors.performance_list(user, place=place, date_from=start, date_to=end).count()
    positions = within(selectors.visible(PublicityPosition.objects.all(), user), place).aggregate(
        n=Count("pk", filter=Q(active=True) & (Q(since__isnull=True) | Q(since__lte=end))))["n"]
    visits = selectors.booking_list(user, place=place, status=BookingStatus.VISITED, date_from=start,
                                    date_to=end).aggregate(groups=Count("pk"), people=Sum("visited_count"))
    period = {"date_from": start.isoformat(), "date_to": end.isoformat()}
    visited = _url("culture:bookings", place=place.pk, status=BookingStatus.VISITED, **period)
    return [
        {"key": "culture.troupes", "label": _("Art troupes"), "value": troupes,
         "url": _url("culture:troupes", place=place.pk, status=TroupeStatus.ACTIVE)},
        {"key": "culture.performances", "label": _("Performances"), "value": performances,
         "url": _url("culture:performances", place=place.pk, **period)},
        {"key": "culture.positions", "label": _("Publicity positions"), "value": positions,
         "url": _url("culture:positions", place=place.pk, active="yes", until=end.isoformat())},
        {"key": "culture.visiting_groups", "label": _("Museum visiting groups"), "value": visits["groups"],
         "url": visited},
        {"key": "culture.visitors", "label": _("Museum visitors"), "value": visits["people"] or 0, "url": visited},
    ]


def records(user, place) -> list[dict]:
    if not can(user, Cap.CULTURE_VIEW, place):
        return []
    troupes = within(selectors.visible(ArtTroupe.objects.all(), user), place).order_by("name", "id")
    positions = within(selectors.visible(PublicityPosition.objects.all(), user), place).order_by("name", "id")
    museums = within(selectors.museum_list(user), place)
    return [
        section(_("Art troupes"), troupes, lambda t: f"{t.name} · {t.get_status_display()}",
                 _url("culture:troupes", place=place.pk), lambda n: _("All %(n)d art troupes") % {"n": n}),
        section(_("Publicity positions"), positions, lambda p: f"{p.name} · {p.get_kind_display()}",
                 _url("culture:positions", place=place.pk), lambda n: _("All %(n)d publicity positions") % {"n": n}),
        {"title": _("Ethnic knowledge museum"), "items": [(m.name, m.get_absolute_url()) for m in museums[:LISTED]]},
    ]
