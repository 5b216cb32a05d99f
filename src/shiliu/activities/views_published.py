"""The public pages of published activities: no account needed.

They show what an activity is, where and when, and how many places are left while the public may
register; never who registered, their phones, the organizer's summary (it may name people) or the
photos. Participant counts are shown with small numbers suppressed (SECURITY.md G2, G3). Plain
reads, so no rate limit.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from shiliu.access.rules import public
from shiliu.activities import selectors


def _places_left(activity) -> int | None:
    """Free places (None: no limit); needs the counts of ``selectors.with_counts``."""
    return max(activity.capacity - activity.taken, 0) if activity.capacity else None


@require_GET
@public
def public_list(request):
    """Published activities by month: those still to come, then those held recently."""
    coming, recent = selectors.public_months()
    now = timezone.now()
    for month in coming:
        for activity in month.activities:
            activity.open_to_public = selectors.open_to_the_public(activity, now)
            activity.places_left = _places_left(activity)
    return render(request, "activities/public_list.html", {"coming": coming, "recent": recent})


@require_GET
@public
def public_detail(request, pk: int):
    activity = selectors.public_activity_get(pk)
    language = get_language()
    k = settings.SHILIU_SUPPRESSION_K
    return render(request, "activities/public_detail.html", {
        "activity": activity, "title": activity.display_title(language),
        "place_name": activity.place.display_name(language),
        "co_organizers": [p.display_name(language) for p in activity.co_organizers.order_by("path")],
        "open_to_public": selectors.open_to_the_public(activity),
        "places_left": _places_left(activity),
        "participation": selectors.public_participation(activity, k),
        "k": k, "below": k - 1,
    })
