"""The outbox (SECURITY.md H4) and the in-app notifications it delivers."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shiliu.core.crypto import EncryptedTextField
from shiliu.notify.choices import Channel, Status


class Outbox(models.Model):
    """One message to one recipient on one channel, written in the transaction of the change
    that causes it and delivered by the worker (shiliu.notify.delivery).

    ``dedupe`` is a keyed hash of (key, channel, recipient): unique, so the same event
    written twice is one message. It is keyed (the blind-index key) so that a phone number
    cannot be recovered from it by trying every number.
    """

    key = models.CharField(max_length=200, db_index=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                                  related_name="+")
    phone = EncryptedTextField(blank=True, default="")  # E.164, SMS only
    dedupe = models.CharField(max_length=64, unique=True, editable=False)
    template = models.CharField(max_length=100)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=500, blank=True, default="")
    language = models.CharField(max_length=10, default="zh-hans")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True, default="")
    provider_id = models.CharField(max_length=100, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="notify_outbox_due")]
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")

    def __str__(self) -> str:
        return f"outbox #{self.pk} {self.channel} {self.template} {self.status}"

    @property
    def client_id(self) -> str:
        """The id the SMS gateway sees with each attempt of this message; the gateway drops a
        second message with an id it has already accepted, so a resend after a crash (sent,
        but not yet marked sent) reaches the phone once. Stable across attempts and unique
        per deployment (it derives from the keyed dedupe hash)."""
        return f"shl-{self.dedupe[:32]}"


class Notification(models.Model):
    """A message in a staff member's list. Rendered in the reader's language when shown."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    outbox = models.OneToOneField(Outbox, on_delete=models.SET_NULL, null=True, blank=True, related_name="notification")
    template = models.CharField(max_length=100)
    params = models.JSONField(default=dict, blank=True)
    link = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notify_unread"),
            models.Index(fields=["user", "-created_at"], name="notify_newest"),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"notification #{self.pk} {self.template}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
