"""What activities give the place page (contract: shiliu.organizations.place_page).

Counted over the activities organized or co-organized at or below the place that were held in
the period (marked held, or past their end and not cancelled; by start date, both ends included).
Each figure links to the activity list showing exactly the activities it counts.
"""

from datetime import date

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.activities import selectors
from shiliu.activities.choices import GROUP_PREFIXES, ActivityStatus, ActivityType, RegistrationStatus
from shiliu.activities.models import Registration

ORDER = 20
RECORDS = 8


def _url(place, start: date, end: date, **extra) -> str:
    query = {"place": place.pk, "start": start.isoformat(), "end": end.isoformat(), "held": "on", **extra}
    return reverse("activities:list") + "?" + urlencode(query)


def figures(user, place, start: date, end: date) -> list[dict]:
    if not can(user, Cap.ACTIVITY_VIEW, place):
        return []
    base = selectors.held(selectors.between(selectors.in_place(selectors.activities_visible(user), place),
                                            start, end))
    totals = base.aggregate(
        held=Count("pk"),
        at_door=Sum("extra_attendance"),
        five=Count("pk", filter=Q(type__startswith=GROUP_PREFIXES["five_in_one"])),
        visits=Count("pk", filter=Q(type=ActivityType.CULTURAL_VISIT)),
    )
    checked_in = Registration.objects.filter(activity__in=base.values("pk"),
                                             status=RegistrationStatus.CHECKED_IN).count()
    return [
        {"key": "activities.held", "label": _("Activities held"), "value": totals["held"],
         "url": _url(place, start, end)},
        {"key": "activities.participations", "label": _("Participations (check-ins and counted at the door)"),
         "value": checked_in + (totals["at_door"] or 0), "url": _url(place, start, end)},
        {"key": "activities.five_in_one", "label": _("Five-in-one activities held"), "value": totals["five"],
         "url": _url(place, start, end, group="five_in_one")},
        {"key": "activities.cultural_visits", "label": _("Cultural exchange visits"), "value": totals["visits"],
         "url": _url(place, start, end, type=ActivityType.CULTURAL_VISIT)},
    ]


def _label(activity) -> str:
    return f"{activity.display_title(get_language())} · {timezone.localtime(activity.starts_at):%Y-%m-%d}"


def records(user, place) -> list[dict]:
    if not can(user, Cap.ACTIVITY_VIEW, place):
        return []
    around = selectors.in_place(selectors.activities_visible(user), place)
    now = timezone.now()
    coming = list(around.filter(ends_at__gte=now).exclude(status=ActivityStatus.CANCELLED)
                  .order_by("starts_at", "id")[:RECORDS])
    recent = list(selectors.held(around).order_by("-starts_at", "-id")[:RECORDS])
    sections = []
    if coming:
        sections.append({"title": _("Coming activities"),
                         "items": [(_label(a), reverse("activities:detail", args=[a.pk])) for a in coming]})
    if recent:
        items = [(_label(a), reverse("activities:detail", args=[a.pk])) for a in recent]
        items.append((_("All activities held here"),
                      reverse("activities:list") + "?" + urlencode({"place": place.pk, "held": "on"})))
        sections.append({"title": _("Recent activities"), "items": items})
    return sections
