"""The fixed vocabularies of the working-day calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# Years the calendar accepts: wide enough for any deadline Shiliu computes, narrow enough
# that a typing slip (20277) is refused rather than stored.
MIN_YEAR = 2000
MAX_YEAR = 2100
NAME_MAX = 40


class DaySource(models.TextChoices):
    """What decided whether a day is a working day."""

    DISTRICT = "district", _("District entry")
    STATE_COUNCIL = "state_council", _("State Council")
    WEEKDAY = "weekday", _("Weekday rule")
