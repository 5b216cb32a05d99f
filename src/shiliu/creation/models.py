"""Creation work as records: demonstration sites with their "six ones" and evidence, brands, honours.

Scope is decided by the owner place: a site, brand or honour stands at a place of the tree;
a checklist item and its evidence are reached through their site. A ``public`` record is
seen (never edited) by every holder of ``creation.view`` in the district; evidence is seen
only within scope, since documents and photos may show people.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shiliu.creation.choices import BrandStatus, EvidenceKind, Level, Recipient, SiteStatus, SixOnes

NAME_MAX = 100
TEXT_MAX = 2000
NOTE_MAX = 1000


class DemonstrationSite(models.Model):
    name = models.CharField(_("name"), max_length=NAME_MAX)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    status = models.CharField(_("status"), max_length=12, choices=SiteStatus.choices, default=SiteStatus.CANDIDATE)
    named_year = models.PositiveSmallIntegerField(_("year named"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("demonstration site")
        verbose_name_plural = _("demonstration sites")
        indexes = [models.Index(fields=["status", "named_year"], name="site_status_year")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("creation:site", args=[self.pk])


class SixOnesItem(models.Model):
    """One of the six items of a site. It is satisfied when it has evidence that is not withdrawn."""

    site = models.ForeignKey(DemonstrationSite, on_delete=models.PROTECT, related_name="items")
    kind = models.CharField(_("item"), max_length=24, choices=SixOnes.choices)
    note = models.CharField(_("what it is"), max_length=200, blank=True)

    class Meta:
        ordering = ["site_id", "id"]
        constraints = [models.UniqueConstraint(fields=["site", "kind"], name="one_item_per_kind")]

    def __str__(self) -> str:
        return f"{self.site} · {self.get_kind_display()}"


def evidence_path(instance, filename: str) -> str:
    # Never the uploader's file name on disk: a random token under the app's folder.
    return f"creation/evidence/{instance.token}"


class Evidence(models.Model):
    """Proof that an item is done: an activity, a document or a photo.

    Evidence is never deleted: withdrawing it keeps the row and the file, with who and why.
    """

    item = models.ForeignKey(SixOnesItem, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=EvidenceKind.choices)
    activity = models.ForeignKey("activities.Activity", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("activity"))
    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(upload_to=evidence_path, max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=120, blank=True)
    content_type = models.CharField(max_length=80, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    withdraw_reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["item_id", "added_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return f"evidence #{self.pk}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class Brand(models.Model):
    """A named programme of a place, such as a hotline or a studio."""

    name = models.CharField(_("name"), max_length=NAME_MAX)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=BrandStatus.choices, default=BrandStatus.ACTIVE)
    public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("brand")
        verbose_name_plural = _("brands")
        constraints = [models.UniqueConstraint(fields=["place", "name"], name="one_brand_name_per_place")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("creation:brand", args=[self.pk])


class Honour(models.Model):
    """An honour received by a unit (a place), an organization or a person.

    ``place`` is always set: the unit itself, or where the organization (always its own place)
    or the person belongs, so scope works the same for all three. A person is recorded by name only.
    """

    title = models.CharField(_("title"), max_length=200)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    awarding_body = models.CharField(_("awarded by"), max_length=NAME_MAX, blank=True)
    recipient = models.CharField(_("received by"), max_length=12, choices=Recipient.choices, default=Recipient.UNIT)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("organization"))
    person_name = models.CharField(_("person's name"), max_length=60, blank=True)
    public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-year", "title", "id"]
        verbose_name = _("honour")
        verbose_name_plural = _("honours")

    def __str__(self) -> str:
        return f"honour #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("creation:honour", args=[self.pk])
