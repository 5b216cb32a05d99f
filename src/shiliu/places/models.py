"""The place tree: one model for every node, from the district down to a school.

Each node keeps a materialized path of fixed-width decimal segments (its ancestors'
ids and its own), so "this place and everything below it" is one range query on an
indexed column at any depth. Digits only, so every database collation orders the
paths the same way as plain bytes.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SEGMENT = 8  # digits per level: ids up to 99,999,999


class PlaceKind(models.TextChoices):
    DISTRICT = "district", _("District")
    SUBDISTRICT = "subdistrict", _("Subdistrict")
    COMMUNITY = "community", _("Community")
    VILLAGE = "village", _("Village")
    ENTERPRISE = "enterprise", _("Enterprise")
    SCHOOL = "school", _("School")
    PARK = "park", _("Park")
    ARMY_UNIT = "army_unit", _("Army unit")
    RELIGIOUS_SITE = "religious_site", _("Religious site")
    GOVERNMENT_OFFICE = "government_office", _("Government office")
    DEPARTMENT = "department", _("Department")


# Which kinds may sit under which. The district is the only root kind.
ALLOWED_CHILDREN: dict[str, set[str]] = {
    PlaceKind.DISTRICT: {
        PlaceKind.SUBDISTRICT, PlaceKind.DEPARTMENT, PlaceKind.ENTERPRISE, PlaceKind.SCHOOL,
        PlaceKind.PARK, PlaceKind.ARMY_UNIT, PlaceKind.GOVERNMENT_OFFICE,
    },
    PlaceKind.SUBDISTRICT: {
        PlaceKind.COMMUNITY, PlaceKind.VILLAGE, PlaceKind.ENTERPRISE, PlaceKind.SCHOOL,
        PlaceKind.PARK, PlaceKind.ARMY_UNIT, PlaceKind.RELIGIOUS_SITE, PlaceKind.GOVERNMENT_OFFICE,
    },
    PlaceKind.COMMUNITY: {PlaceKind.ENTERPRISE, PlaceKind.SCHOOL, PlaceKind.RELIGIOUS_SITE, PlaceKind.PARK},
    PlaceKind.VILLAGE: {PlaceKind.ENTERPRISE, PlaceKind.SCHOOL, PlaceKind.RELIGIOUS_SITE},
    PlaceKind.PARK: {PlaceKind.ENTERPRISE},
}


class Place(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    address = models.CharField(_("address"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return self.local_name  # choice lists and templates show the name in the reader's language

    def display_name(self, language: str | None = None) -> str:
        if language and language.startswith("en") and self.name_en:
            return self.name_en
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the active language (English where one is recorded, else Chinese), for
        templates: ``{{ order.place.local_name }}``."""
        return self.display_name(get_language())

    @staticmethod
    def segment(pk: int) -> str:
        return str(pk).zfill(SEGMENT)

    @property
    def path_upper(self) -> str:
        """The smallest path greater than every path in this subtree."""
        return path_upper_bound(self.path)

    def ancestor_ids(self) -> list[int]:
        return [int(self.path[i : i + SEGMENT]) for i in range(0, len(self.path), SEGMENT)]

    def is_within(self, other: "Place") -> bool:
        """True when self is other or lies below it."""
        return self.path.startswith(other.path)


def path_upper_bound(path: str) -> str:
    # Paths are fixed-width digit strings; adding one to the prefix as a number gives the
    # first path after the subtree. 99999999 never occurs because ids stay below it.
    return str(int(path) + 1).zfill(len(path))
