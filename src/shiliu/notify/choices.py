from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("Email")
    INAPP = "inapp", _("In-app")


class Status(models.TextChoices):
    """The life of one outbox message.

    pending → sending → sent; a failed attempt → failed (retried after a back-off) → … → dead
    after the last attempt. A message left in ``sending`` by a worker that died is taken
    again once its lease has run out.
    """

    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will retry")
    DEAD = "dead", _("Given up")
