"""The service guide (服务指南) as data: domains, life events, service items and their versions.

A ``ServiceItem`` is the stable identity of one standardized service (its code). What the item
says — eligibility, required materials, steps with their owners and time limits, the promised
total time limit — lives in an ``ItemVersion``. Publishing an edit makes a new version and moves
``ServiceItem.current`` to it; versions are never changed afterwards, so a work order that began
under version 3 keeps following version 3's steps and deadlines (shiliu.workorders).

The guide is public: nothing here holds personal data, and residents read it on the portal.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CODE_MAX = 20


def pick(language: str | None, zh: str, en: str) -> str:
    """The English text on English pages when there is one, else the Chinese."""
    return en if language and language.startswith("en") and en else zh


class _Heading(models.Model):
    """What a domain and a life event share: a code, a name in two languages, a place in the list."""

    code = models.CharField(_("code"), max_length=CODE_MAX, unique=True)
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    def label(self, language: str | None) -> str:
        return pick(language, self.name, self.name_en)


class Domain(_Heading):
    """A domain of the guide (social insurance, compulsory education, legal aid ...)."""

    class Meta(_Heading.Meta):
        verbose_name = _("domain")
        verbose_name_plural = _("domains")


class LifeEvent(_Heading):
    """A situation a resident starts from ("my child starts school", "I lost my job")."""

    class Meta(_Heading.Meta):
        verbose_name = _("life event")
        verbose_name_plural = _("life events")


class ItemChannel(models.TextChoices):
    """Where a service item is offered; the same words as a work order's channel."""

    WINDOW = "window", _("Window")
    HOTLINE = "hotline", _("Hotline")
    ONLINE = "online", _("Online")
    VISIT = "visit", _("Visit")


class ServiceItem(models.Model):
    """One standardized service, by its code. Its content is ``current`` (an ItemVersion)."""

    code = models.CharField(_("code"), max_length=CODE_MAX, unique=True)
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="items", verbose_name=_("domain"))
    life_events = models.ManyToManyField(LifeEvent, blank=True, related_name="items", verbose_name=_("life events"))
    # The work-order category its orders are routed and counted under (hotline categories).
    category = models.ForeignKey("workorders.Category", on_delete=models.PROTECT, related_name="service_items",
                                 verbose_name=_("work-order category"))
    current = models.ForeignKey("ItemVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("current version"))
    active = models.BooleanField(_("offered"), default=True)
    sample = models.BooleanField(_("sample content"), default=False,
                                 help_text=_("Written from public knowledge as an example; check it against "
                                             "your own guide before relying on it."))
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("service item")
        verbose_name_plural = _("service items")

    def __str__(self) -> str:
        return f"{self.code} {self.current.name if self.current else ''}".strip()


class ItemVersion(models.Model):
    """What a service item said from ``published_at`` on. Never edited after it is saved."""

    item = models.ForeignKey(ServiceItem, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=160, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    description_en = models.TextField(_("description in English"), max_length=3000, blank=True)
    eligibility = models.TextField(_("who may ask"), max_length=1000, blank=True)
    eligibility_en = models.TextField(_("who may ask, in English"), max_length=1500, blank=True)
    promised_days = models.PositiveSmallIntegerField(_("promised time limit (working days)"))
    fees = models.CharField(_("fees"), max_length=200, blank=True)
    fees_en = models.CharField(_("fees in English"), max_length=300, blank=True)
    legal_basis = models.TextField(_("legal basis"), max_length=1000, blank=True)
    channels = models.JSONField(_("channels"), default=list)  # ItemChannel values
    note = models.CharField(_("what changed"), max_length=200, blank=True)
    # jieba's words of the version's text (shiliu.knowledge.search), for search in Chinese.
    search_words = models.TextField(blank=True, default="", editable=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                     related_name="+")
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["item", "-number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="guide_item_version_unique")]
        verbose_name = _("item version")
        verbose_name_plural = _("item versions")

    def __str__(self) -> str:
        return f"{self.item.code} v{self.number}"

    def label(self, language: str | None) -> str:
        return pick(language, self.name, self.name_en)


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", _("Copy")
    BOTH = "both", _("Original and copy")


class Material(models.Model):
    """A required material of one version: what to bring."""

    item_version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="materials")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    form = models.CharField(_("original or copy"), max_length=10, choices=MaterialForm.choices,
                            default=MaterialForm.ORIGINAL)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    required = models.BooleanField(_("required"), default=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    notes_en = models.CharField(_("notes in English"), max_length=400, blank=True)

    class Meta:
        ordering = ["item_version", "position"]
        constraints = [models.UniqueConstraint(fields=["item_version", "position"], name="guide_material_position")]
        verbose_name = _("required material")
        verbose_name_plural = _("required materials")

    def __str__(self) -> str:
        return self.name

    def label(self, language: str | None) -> str:
        return pick(language, self.name, self.name_en)


class StepOwner(models.TextChoices):
    """Who does a step. A department step goes to that department's liaison as a referral."""

    WINDOW = "window", _("The window that took the request")
    COMMUNITY = "community", _("The community")
    SUBDISTRICT = "subdistrict", _("The subdistrict office")
    DISTRICT = "district", _("The district office")
    DEPARTMENT = "department", _("A department")


class Step(models.Model):
    """One step of one version, with its owner and its own time limit."""

    item_version = models.ForeignKey(ItemVersion, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    owner = models.CharField(_("done by"), max_length=12, choices=StepOwner.choices)
    # For owner=department: the department (a place of kind department).
    department = models.ForeignKey("places.Place", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("department"))
    time_limit_days = models.PositiveSmallIntegerField(_("time limit (working days)"))
    tell_resident = models.BooleanField(_("tell the resident when done"), default=False)

    class Meta:
        ordering = ["item_version", "position"]
        constraints = [models.UniqueConstraint(fields=["item_version", "position"], name="guide_step_position")]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self) -> str:
        return self.name

    def label(self, language: str | None) -> str:
        return pick(language, self.name, self.name_en)
