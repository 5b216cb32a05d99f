"""Cultural work as records: amateur art troupes with their members, repertoire and performances,
publicity positions, and the ethnic knowledge museum with its visit slots and bookings.

Scope is decided by place: a troupe, position or museum stands at a place of the tree;
members, repertoire, performances, slots and bookings are reached through it. A ``public``
troupe, position or museum is seen (never edited) by every holder of ``culture.view`` in the
district; its members' names and every booking are seen only within scope.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shiliu.core.crypto import EncryptedTextField
from shiliu.culture.choices import BookingSource, BookingStatus, Genre, PositionKind, TroupeRole, TroupeStatus

NAME_MAX = 100
TEXT_MAX = 2000
NOTE_MAX = 1000


class ArtTroupe(models.Model):
    name = models.CharField(_("name"), max_length=NAME_MAX)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    # The micro-organization the troupe belongs to, if any (shiliu.organizations).
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("organization"))
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=TroupeStatus.choices, default=TroupeStatus.ACTIVE)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("art troupe")
        verbose_name_plural = _("art troupes")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("culture:troupe", args=[self.pk])


class TroupeMember(models.Model):
    """A member by name and role; the phone is optional, encrypted and shown masked."""

    troupe = models.ForeignKey(ArtTroupe, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=60)
    role = models.CharField(_("role"), max_length=12, choices=TroupeRole.choices, default=TroupeRole.PERFORMER)
    phone = EncryptedTextField(_("phone"), blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["troupe_id", "role", "id"]

    def __str__(self) -> str:
        return f"troupe member #{self.pk}"


class RepertoireItem(models.Model):
    """A piece the troupe performs. ``style`` describes the piece (e.g. "Uyghur dance"), never people."""

    troupe = models.ForeignKey(ArtTroupe, on_delete=models.CASCADE, related_name="repertoire")
    title = models.CharField(_("title"), max_length=NAME_MAX)
    genre = models.CharField(_("genre"), max_length=12, choices=Genre.choices)
    style = models.CharField(_("style of the piece"), max_length=NAME_MAX, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["troupe_id", "title", "id"]

    def __str__(self) -> str:
        return self.title


class Performance(models.Model):
    """One performance of a troupe: a cultural event counted in the place's figures."""

    troupe = models.ForeignKey(ArtTroupe, on_delete=models.PROTECT, related_name="performances")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=120)
    venue = models.CharField(_("venue"), max_length=120)
    audience = models.PositiveIntegerField(_("audience"), default=0)
    # The activity the performance was part of, when it was planned as one (shiliu.activities).
    activity = models.ForeignKey("activities.Activity", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("activity"))
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["date"], name="performance_date")]

    def __str__(self) -> str:
        return self.title


class PublicityPosition(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=PositionKind.choices)
    name = models.CharField(_("name"), max_length=NAME_MAX)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    address = models.CharField(_("address or web address"), max_length=200, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    active = models.BooleanField(_("in use"), default=True)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("publicity position")
        verbose_name_plural = _("publicity positions")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("culture:position", args=[self.pk])


class Museum(models.Model):
    """The ethnic knowledge museum (there may be more than one). Guides are staff accounts."""

    name = models.CharField(_("name"), max_length=NAME_MAX)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    guides = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("guides"))
    online_booking = models.BooleanField(_("groups may book online"), default=False)
    active = models.BooleanField(_("open to visitors"), default=True)
    public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("museum")
        verbose_name_plural = _("museums")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("culture:museum", args=[self.pk])


class VisitSlot(models.Model):
    """A time a group may visit. ``capacity`` counts people (not groups): the rooms and the guide
    limit how many people, and one large school class fills a slot that two small groups share."""

    museum = models.ForeignKey(Museum, on_delete=models.PROTECT, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("capacity (people)"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["museum", "starts_at"], name="slot_museum_start")]

    def __str__(self) -> str:
        return f"slot #{self.pk}"


class VisitBooking(models.Model):
    slot = models.ForeignKey(VisitSlot, on_delete=models.PROTECT, related_name="bookings")
    group_name = models.CharField(_("visiting group"), max_length=NAME_MAX)
    group_size = models.PositiveSmallIntegerField(_("people in the group"))
    contact_name = models.CharField(_("contact person"), max_length=60)
    contact_phone = EncryptedTextField(_("contact phone"))
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices,
                              default=BookingStatus.REQUESTED)
    source = models.CharField(_("booked"), max_length=10, choices=BookingSource.choices, default=BookingSource.STAFF)
    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    guide = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("guide"))
    notes = models.TextField(_("notes"), max_length=NOTE_MAX, blank=True)
    visited_count = models.PositiveSmallIntegerField(_("people who came"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"], name="booking_status")]

    def __str__(self) -> str:
        return f"booking #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("culture:booking", args=[self.pk])
