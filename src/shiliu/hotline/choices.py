"""The fixed vocabularies of the hotline (GLOSSARY.md: 来电 call, 直接答复 answered on the call)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CallState(models.TextChoices):
    RINGING = "ringing", pgettext_lazy("call state", "Ringing")
    ANSWERED = "answered", pgettext_lazy("call state", "Answered")
    ENDED = "ended", pgettext_lazy("call state", "Ended")
    MISSED = "missed", pgettext_lazy("call state", "Missed")


class CallEventKind(models.TextChoices):
    """What a phone system reports about a call."""

    RINGING = "ringing", pgettext_lazy("call state", "Ringing")
    ANSWERED = "answered", pgettext_lazy("call state", "Answered")
    ENDED = "ended", pgettext_lazy("call state", "Ended")


class Outcome(models.TextChoices):
    ANSWERED_ON_CALL = "answered_on_call", _("Answered on the call")
    ORDER_OPENED = "order_opened", _("Work order opened")
    MISSED = "missed", pgettext_lazy("call state", "Missed")
    OTHER = "other", pgettext_lazy("call outcome", "Other")


# Calls the operator still has to take or log: the incoming panel shows these.
LIVE_STATES = frozenset({CallState.RINGING, CallState.ANSWERED})

# Where a call was recorded from when no phone system reported it.
SOURCE_DESK = "desk"  # typed in by the operator at the desk
