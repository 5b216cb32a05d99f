"""Choices of creation work: levels, states, the "six ones" and kinds of evidence."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Level(models.TextChoices):
    """Who named a demonstration site or gave an honour."""

    DISTRICT = "district", _("District level")
    CITY = "city", _("City level")
    PROVINCIAL = "provincial", _("Provincial level")
    NATIONAL = "national", _("National level")


class SiteStatus(models.TextChoices):
    CANDIDATE = "candidate", _("Candidate")
    NAMED = "named", _("Named")
    REVIEWING = "reviewing", _("Under review")
    REVOKED = "revoked", _("Revoked")


# A named site stays a site while it is reviewed; these count as demonstration sites.
STANDING = (SiteStatus.NAMED, SiteStatus.REVIEWING)
# The statuses a site may move to from each status (a revoked site may try again as a candidate).
SITE_TRANSITIONS: dict[str, set[str]] = {
    SiteStatus.CANDIDATE: {SiteStatus.NAMED, SiteStatus.REVOKED},
    SiteStatus.NAMED: {SiteStatus.REVIEWING, SiteStatus.REVOKED},
    SiteStatus.REVIEWING: {SiteStatus.NAMED, SiteStatus.REVOKED},
    SiteStatus.REVOKED: {SiteStatus.CANDIDATE},
}


class SixOnes(models.TextChoices):
    """The "six ones" (六个一) every demonstration site shows, in the report's order."""

    DEMONSTRATION_POINT = "demonstration_point", _("One demonstration point")
    PUBLICITY_CARRIER = "publicity_carrier", _("One publicity carrier")
    KNOWLEDGE_LECTURE = "knowledge_lecture", _("One knowledge lecture")
    THEMED_ACTIVITY = "themed_activity", _("One themed activity")
    ACTIVITY_VENUE = "activity_venue", _("One activity venue")
    ASSISTANCE_PROJECT = "assistance_project", _("One assistance project")


SIX_ONES_ORDER = {kind: i for i, kind in enumerate(SixOnes.values)}


class EvidenceKind(models.TextChoices):
    ACTIVITY = "activity", _("Activity")
    DOCUMENT = "document", _("Document")
    PHOTO = "photo", _("Photo")


class BrandStatus(models.TextChoices):
    ACTIVE = "active", _("Running")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class Recipient(models.TextChoices):
    """Who received an honour: a unit of the place tree, an organization, or a person (by name only)."""

    UNIT = "unit", pgettext_lazy("honour recipient", "Unit")
    ORGANIZATION = "organization", _("Organization")
    PERSON = "person", pgettext_lazy("honour recipient", "Person")
