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


class ResidentToken(models.Model):
    """One API token a resident was given after proving a phone: the signed token carries ``key``
    (random), so a token can be revoked ("sign out", "sign out everywhere") before it expires.
    The number is kept only as its blind index; expired rows are deleted daily (portal.tasks)."""

    key = models.CharField(max_length=43, unique=True)
    phone_index = models.CharField(max_length=64, db_index=True)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("resident token")
        verbose_name_plural = _("resident tokens")

    def __str__(self) -> str:
        return f"resident token #{self.pk}"
