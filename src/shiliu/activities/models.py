"""Activities of creation work: planned, registered for, checked in, and their outcome recorded.

Participants are counted by group (for example minority and local participants) as numbers
on the activity (ParticipantCount); nobody is asked their ethnicity to register or check in.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shiliu.activities.choices import ActivityStatus, ActivityType, RegistrationSource, RegistrationStatus
from shiliu.core.crypto import EncryptedTextField

# Check-in opens this long before the start and closes at the end.
CHECKIN_OPENS_BEFORE = timedelta(minutes=30)
CODE_DIGITS = 8


def new_token() -> str:
    return secrets.token_urlsafe(16)


def new_code() -> str:
    """A one-time check-in code: digits only, easy to type on any phone keypad."""
    return "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))


class Activity(models.Model):
    title = models.CharField(_("title"), max_length=120)
    title_en = models.CharField(_("English title"), max_length=120, blank=True)
    type = models.CharField(_("type"), max_length=30, choices=ActivityType.choices)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="activities",
                              verbose_name=_("organizing place"))
    # The micro-organization that runs it, when one does (a community's group, a subdistrict branch).
    organization = models.ForeignKey("organizations.Organization", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="activities", verbose_name=_("organization"))
    co_organizers = models.ManyToManyField("places.Place", blank=True, related_name="co_organized_activities",
                                           verbose_name=_("co-organizing places"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(pgettext_lazy("activity", "venue"), max_length=200)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)  # None: no limit
    waiting_list = models.BooleanField(_("keep a waiting list when full"), default=True)
    public_registration = models.BooleanField(_("the public may register"), default=False)
    published = models.BooleanField(_("published"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=ActivityStatus.choices,
                              default=ActivityStatus.PLANNED)
    # The address the venue's QR code points to; random, so activities cannot be enumerated.
    checkin_token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    # Outcome: people who came without checking in (counted at the door), and a short summary.
    extra_attendance = models.PositiveIntegerField(_("attendance not checked in"), default=0)
    summary = models.TextField(pgettext_lazy("activity", "summary"), max_length=2000, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["starts_at"], name="activity_starts_at")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="activity_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                                   name="activity_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def display_title(self, language: str | None = None) -> str:
        if language and language.startswith("en") and self.title_en:
            return self.title_en
        return self.title

    @property
    def checkin_opens_at(self):
        return self.starts_at - CHECKIN_OPENS_BEFORE


class Registration(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="registrations")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=60)
    phone = EncryptedTextField(_("phone"))
    phone_index = models.CharField(max_length=64, editable=False)
    resident = models.ForeignKey("people.Resident", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("resident"))
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices)
    # Place on the waiting list (1 is next); empty once promoted or for a registration with a place.
    position = models.PositiveIntegerField(_("waiting list position"), null=True, blank=True)
    code = models.CharField(_("check-in code"), max_length=CODE_DIGITS, default=new_code, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=RegistrationSource.choices,
                              default=RegistrationSource.STAFF)
    registered_at = models.DateTimeField(_("registered at"))
    promoted_at = models.DateTimeField(_("promoted from the waiting list at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="+")  # empty: the participant checked in by code
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")  # empty: registered online
    # Idempotency-Key of the API request that made it, and a hash of that request (H1).
    request_key = models.CharField(max_length=100, blank=True, editable=False)
    request_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["registered_at", "id"]
        constraints = [
            # Nobody holds two live registrations (or waiting-list entries) for one activity.
            models.UniqueConstraint(fields=["activity", "phone_index"],
                                    condition=~Q(status=RegistrationStatus.CANCELLED),
                                    name="registration_one_per_phone"),
            models.UniqueConstraint(fields=["activity", "code"], name="registration_code_unique"),
            models.UniqueConstraint(fields=["created_by", "request_key"], condition=~Q(request_key=""),
                                    name="registration_request_key"),
        ]
        indexes = [models.Index(fields=["activity", "status", "position"], name="registration_queue")]

    def __str__(self) -> str:
        return f"registration #{self.pk}"


class ParticipantCount(models.Model):
    """How many participants of one group took part, e.g. "minority participants: 23".
    A number recorded by the organizer, never derived from people's records."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participant_counts")
    group = models.CharField(pgettext_lazy("participants", "group"), max_length=40)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["activity", "group"], name="participant_count_group")]

    def __str__(self) -> str:
        return f"{self.group}: {self.count}"


def photo_path(instance: "ActivityPhoto", filename: str) -> str:
    # Never the uploader's file name on disk: a random name under the activity's folder.
    return f"activities/{instance.activity_id}/{instance.token}.{filename.rsplit('.', 1)[-1]}"


def thumbnail_path(instance: "ActivityPhoto", filename: str) -> str:
    return f"activities/{instance.activity_id}/{instance.token}-thumb.jpg"


class ActivityPhoto(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="photos")
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    file = models.FileField(upload_to=photo_path, max_length=200)
    thumbnail = models.FileField(upload_to=thumbnail_path, max_length=200, blank=True)  # made by the worker
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    caption = models.CharField(_("caption"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"photo #{self.pk}"
