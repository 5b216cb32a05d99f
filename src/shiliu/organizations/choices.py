"""Choices of the 1+10+N network: kinds, states and roles, each with its Chinese name in the catalog."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shiliu.places.models import PlaceKind


class OrgKind(models.TextChoices):
    """The tiers of "1+10+N": one association, ten branches, N groups and contact points."""

    ASSOCIATION = "association", _("District unity association")
    BRANCH = "branch", _("Subdistrict branch")
    GROUP = "group", pgettext_lazy("organization kind", "Group")
    CONTACT_POINT = "contact_point", _("Contact point")


# Tier of each kind: a parent organization is always of a lower tier number.
TIER = {OrgKind.ASSOCIATION: 0, OrgKind.BRANCH: 1, OrgKind.GROUP: 2, OrgKind.CONTACT_POINT: 2}

# The kinds of place each kind of organization stands at. Groups and contact points are the
# "N": in communities, villages and the "seven entries" places (enterprises, schools, parks,
# army units, religious sites, government offices).
GRASSROOTS: set[str] = {
    PlaceKind.COMMUNITY, PlaceKind.VILLAGE, PlaceKind.ENTERPRISE, PlaceKind.SCHOOL, PlaceKind.PARK,
    PlaceKind.ARMY_UNIT, PlaceKind.RELIGIOUS_SITE, PlaceKind.GOVERNMENT_OFFICE,
}
PLACE_KINDS: dict[str, set[str]] = {
    OrgKind.ASSOCIATION: {PlaceKind.DISTRICT},
    OrgKind.BRANCH: {PlaceKind.SUBDISTRICT},
    OrgKind.GROUP: GRASSROOTS,
    OrgKind.CONTACT_POINT: GRASSROOTS,
}


class OrgStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("organization status", "Active")
    DORMANT = "dormant", pgettext_lazy("organization status", "Dormant")
    DISSOLVED = "dissolved", pgettext_lazy("organization status", "Dissolved")


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    SECRETARY = "secretary", _("Secretary")
    LIAISON = "liaison", _("Liaison")
    MEMBER = "member", pgettext_lazy("member role", "Member")
    VOLUNTEER = "volunteer", _("Volunteer")


# The roles whose holders are the contacts of an organization: their names are shown to
# every viewer of a public organization; ordinary members and volunteers only within scope.
LEADING_ROLES = (MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY, MemberRole.LIAISON)


class GroupKind(models.TextChoices):
    LEADERSHIP = "leadership", _("Leadership group")
    COORDINATION = "coordination", _("Coordination group")


class GroupLevel(models.TextChoices):
    DISTRICT = "district", _("District level")
    SUBDISTRICT = "subdistrict", _("Subdistrict level")
    COMMUNITY = "community", _("Community level")


# The place kinds a group of each level stands at.
LEVEL_PLACE_KINDS: dict[str, set[str]] = {
    GroupLevel.DISTRICT: {PlaceKind.DISTRICT},
    GroupLevel.SUBDISTRICT: {PlaceKind.SUBDISTRICT},
    GroupLevel.COMMUNITY: {PlaceKind.COMMUNITY, PlaceKind.VILLAGE},
}

# The units that sit on a coordination group: departments and subdistricts (and offices).
COORDINATION_UNIT_KINDS = {PlaceKind.DEPARTMENT, PlaceKind.SUBDISTRICT, PlaceKind.GOVERNMENT_OFFICE}


class GroupRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    DEPUTY = "deputy", _("Deputy leader")
    MEMBER = "member", _("Group member")
    OFFICE = "office", _("Group office")
