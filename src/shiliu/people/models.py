"""Residents, recorded only as people who asked for, joined or received something."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shiliu.core.crypto import EncryptedTextField
from shiliu.people.choices import Basis, ConsentCategory, Gender


class Resident(models.Model):
    name = models.CharField(_("name"), max_length=60)
    phone = EncryptedTextField(_("phone"), blank=True)
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    id_number = EncryptedTextField(_("ID number"), blank=True)
    id_number_index = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    # A well-formed number whose area code GB 11643 no longer lists: kept, but checked by hand (B4).
    id_number_needs_review = models.BooleanField(default=False, editable=False)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True, default="")
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="residents",
                              verbose_name=_("place"))
    basis = models.CharField(_("why recorded"), max_length=10, choices=Basis.choices)
    # Optional, self-declared, consented and encrypted (A2, A3, B2); never filtered on.
    ethnicity = EncryptedTextField(_("ethnicity"), blank=True, default="")
    ethnicity_consent = models.ForeignKey("people.Consent", on_delete=models.PROTECT, null=True, blank=True,
                                          related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")

    def __str__(self) -> str:
        return self.name

    def age(self, today: date | None = None) -> int | None:
        if self.birth_date is None:
            return None
        today = today or timezone.localdate()
        before_birthday = (today.month, today.day) < (self.birth_date.month, self.birth_date.day)
        return today.year - self.birth_date.year - before_birthday


class Consent(models.Model):
    """A resident's consent to process one category of sensitive data (A3)."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="consents")
    category = models.CharField(_("category"), max_length=20, choices=ConsentCategory.choices)
    purpose = models.CharField(_("purpose"), max_length=60)
    notice_version = models.CharField(_("notice version"), max_length=30)
    given_by = models.CharField(_("given by"), max_length=60)  # the resident, or a named guardian
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")

    class Meta:
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.notice_version})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
