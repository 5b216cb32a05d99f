"""The portal's own records: one-time codes (hashed) and which online request came from which
verified phone (by blind index only). Work orders themselves stay in shiliu.workorders."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OneTimeCode(models.Model):
    """A 6-digit code sent by SMS to prove a phone number. Only a keyed hash of the code is
    kept (``code_hash``), and the number only as its blind index (``phone_index``)."""

    phone_index = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")

    def __str__(self) -> str:
        return f"one-time code #{self.pk}"


class OnlineRequest(models.Model):
    """A work order a resident opened on the portal, linked to the phone that was verified then
    (its blind index: "my requests" finds them without decrypting anything), with the consent
    text's version the resident accepted. ``form_key`` makes a double submit one order."""

    order = models.OneToOneField("workorders.WorkOrder", on_delete=models.CASCADE, related_name="portal_request")
    phone_index = models.CharField(max_length=64, db_index=True)
    form_key = models.CharField(max_length=64, unique=True)
    consent_version = models.CharField(max_length=20)
    consented_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("online request")
        verbose_name_plural = _("online requests")

    def __str__(self) -> str:
        return f"online request #{self.pk}"
