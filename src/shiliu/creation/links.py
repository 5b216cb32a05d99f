"""Links from creation and cultural work to activities (shiliu.activities), looked up within scope."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import scoped
from shiliu.activities.models import Activity


def activity_for_evidence(user, activity_id, *, field: str = "activity") -> Activity:
    """An activity the user may see (``activity.view`` at its place), or a message under ``field``."""
    activity = scoped(Activity.objects.select_related("place"), user, Cap.ACTIVITY_VIEW).filter(
        pk=activity_id).first() if isinstance(activity_id, int) else None
    if activity is None:
        raise ValidationError({field: [_("Choose an activity of your places.")]})
    return activity
