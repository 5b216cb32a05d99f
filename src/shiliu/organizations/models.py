"""The "1+10+N" network as records: organizations and their members, and the leadership and
coordination groups with their member units.

Scope is decided by place: every organization and group stands at a place of the tree, and a
member is reached through their organization. No field holds, or may ever hold, a person's
ethnicity or religion (SECURITY.md D4).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shiliu.core.crypto import EncryptedTextField
from shiliu.organizations.choices import GroupKind, GroupLevel, GroupRole, MemberRole, OrgKind, OrgStatus


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="organizations",
                              verbose_name=_("place"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("parent organization"))
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=OrgStatus.choices, default=OrgStatus.ACTIVE)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    # A public organization is seen (never edited) by every holder of org.view in the district.
    public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["place__path", "kind", "name", "id"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str | None = None) -> str:
        if language and language.startswith("en") and self.name_en:
            return self.name_en
        return self.name


class Membership(models.Model):
    """A person's place in an organization. Ending one sets ``until``; it is never deleted."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="memberships",
                                     verbose_name=_("organization"))
    name = models.CharField(_("name"), max_length=60)
    phone = EncryptedTextField(_("phone"), blank=True)
    # Keyed hash of the phone: refuses the same person twice in one organization (B3).
    phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    resident = models.ForeignKey("people.Resident", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="memberships", verbose_name=_("resident"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="memberships", verbose_name=_("staff account"))
    role = models.CharField(pgettext_lazy("member", "role"), max_length=12, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["organization_id", "id"]  # selectors order by role and current first
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"membership #{self.pk}"

    @property
    def is_current(self) -> bool:
        return self.until is None


class Group(models.Model):
    """A leadership group (three levels) or the coordination group of departments and subdistricts."""

    kind = models.CharField(_("kind"), max_length=15, choices=GroupKind.choices)
    level = models.CharField(_("level"), max_length=12, choices=GroupLevel.choices)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="org_groups",
                              verbose_name=_("place"))
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["place__path", "kind", "name", "id"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str | None = None) -> str:
        if language and language.startswith("en") and self.name_en:
            return self.name_en
        return self.name


class GroupMember(models.Model):
    """A seat on a group: a member unit (a department, a subdistrict, ...), a named person, or both."""

    group = models.ForeignKey(Group, on_delete=models.PROTECT, related_name="members", verbose_name=_("group"))
    unit = models.ForeignKey("places.Place", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("member unit"))
    person_name = models.CharField(_("person"), max_length=60, blank=True)
    title = models.CharField(pgettext_lazy("post", "title"), max_length=60, blank=True)
    role = models.CharField(pgettext_lazy("member", "role"), max_length=10, choices=GroupRole.choices,
                            default=GroupRole.MEMBER)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["group_id", "id"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")

    def __str__(self) -> str:
        return f"group member #{self.pk}"

    @property
    def is_current(self) -> bool:
        return self.until is None
