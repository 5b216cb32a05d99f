"""The audit trail: append-only and hash-chained (SECURITY.md E1–E4)."""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    WRITE = "write", _("Change")
    READ = "read", _("Personal data viewed")
    REVEAL = "reveal", _("Unmasked field revealed")
    EXPORT = "export", _("Export")
    SECURITY = "security", _("Sign-in and security")
    DENIED = "denied", _("Permission refused")


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The audit trail is append-only.")

    def delete(self):
        raise PermissionError("The audit trail is append-only.")

    def bulk_update(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("who"))
    actor_name = models.CharField(max_length=150, blank=True)
    actor_roles = models.CharField(max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=AuditKind.choices)
    action = models.CharField(_("action"), max_length=60, db_index=True)
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    target_label = models.CharField(_("record"), max_length=120, blank=True)
    # Whose personal data was read (the resident's id), so a resident can later see
    # who accessed their record (E5) without parsing detail.
    subject_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    category = models.CharField(_("data category"), max_length=40, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit record")
        verbose_name_plural = _("audit records")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The audit trail is append-only.")

    def canonical(self) -> bytes:
        """The bytes the hash covers: every field but the hashes themselves."""
        body = {
            "at": self.at.isoformat(timespec="microseconds"),
            "actor": self.actor_id,
            "actor_name": self.actor_name,
            "actor_roles": self.actor_roles,
            "kind": self.kind,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "target_label": self.target_label,
            "subject_id": self.subject_id,
            "category": self.category,
            "reason": self.reason,
            "detail": self.detail,
            "address": self.address,
        }
        return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()

    def compute_hash(self) -> str:
        return hashlib.sha256(self.prev_hash.encode() + self.canonical()).hexdigest()


class ChainHead(models.Model):
    """The chain's last hash in one row (PostgreSQL): an append locks and moves it in the
    statement that inserts the record, so writers queue on one row lock, not on a read of
    the trail's newest record. The records alone stay the proof (``audit_verify``)."""

    prev = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.hash
