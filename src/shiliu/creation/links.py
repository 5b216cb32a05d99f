"""Links from creation and cultural work to activities (shiliu.activities), looked up within scope.

An activity can prove a six-ones item or hold a troupe's performance when the user's area ran it:
it stands at a place where the user holds ``activity.view``, or one of those places co-organized it.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import holds, scope_q
from shiliu.activities.models import Activity

CHOICES = 100  # the most recent activities offered in a form


def linkable_activities(user) -> QuerySet[Activity]:
    if not holds(user, Cap.ACTIVITY_VIEW):
        return Activity.objects.none()
    co_organized = Activity.co_organizers.through.objects.filter(
        scope_q(user, Cap.ACTIVITY_VIEW, "place__path")).values("activity_id")
    return (Activity.objects.filter(scope_q(user, Cap.ACTIVITY_VIEW, "place__path") | Q(pk__in=co_organized))
            .select_related("place"))


def activity_choices(user, *, held_only: bool = False) -> list[tuple[str, str]]:
    """("", "—") and the most recent activities the user may link, newest first, for a select.
    ``held_only``: only activities recorded as held (the proof of a six-ones item)."""
    from shiliu.activities.choices import ActivityStatus

    rows = linkable_activities(user)
    if held_only:
        rows = rows.filter(status=ActivityStatus.DONE)
    rows = rows.order_by("-starts_at", "-id")[:CHOICES]
    return [("", "—")] + [(str(a.pk), f"{timezone.localtime(a.starts_at):%Y-%m-%d} · {a.title}") for a in rows]


def activity_for_evidence(user, activity_id, *, field: str = "activity") -> Activity:
    """An activity the user may link, or a message under ``field``."""
    activity = linkable_activities(user).filter(pk=activity_id).first() if isinstance(activity_id, int) else None
    if activity is None:
        raise ValidationError({field: [_("Choose an activity of your places.")]})
    return activity
