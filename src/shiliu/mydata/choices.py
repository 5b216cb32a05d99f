"""Choices of residents' requests about their own data."""

from django.db import models
from django.utils.translation import pgettext_lazy


class RequestKind(models.TextChoices):
    CORRECT = "correct", pgettext_lazy("data request", "Correction")
    DELETE = "delete", pgettext_lazy("data request", "Deletion")


class RequestStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("data request", "Received")
    IN_PROGRESS = "in_progress", pgettext_lazy("data request", "In progress")
    DONE = "done", pgettext_lazy("data request", "Done")
    REFUSED = "refused", pgettext_lazy("data request", "Refused")


OPEN = {RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS}
