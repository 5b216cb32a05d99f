"""Choices of activities: their types, states and the states of a registration."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActivityType(models.TextChoices):
    """What kind of creation work an activity is. Values are stable codes; labels are translated."""

    # "Seven entries" (七进): unity work carried into each kind of place.
    ENTRY_OFFICE = "entry_office", _("Seven entries: government offices")
    ENTRY_COMMUNITY = "entry_community", _("Seven entries: communities")
    ENTRY_VILLAGE = "entry_village", _("Seven entries: villages")
    ENTRY_ENTERPRISE = "entry_enterprise", _("Seven entries: enterprises")
    ENTRY_SCHOOL = "entry_school", _("Seven entries: schools")
    ENTRY_PARK = "entry_park", _("Seven entries: parks")
    ENTRY_ARMY = "entry_army", _("Seven entries: army units")
    ENTRY_RELIGIOUS_SITE = "entry_religious_site", _("Seven entries: religious sites")
    # "Three exchanges" (三交): contact, communication, integration.
    EXCHANGE_CONTACT = "exchange_contact", _("Three exchanges: contact")
    EXCHANGE_COMMUNICATION = "exchange_communication", _("Three exchanges: communication")
    EXCHANGE_INTEGRATION = "exchange_integration", _("Three exchanges: integration")
    # The five-in-one youth programme (五位一体): its five domains.
    FIVE_FAMILY = "five_family", _("Five-in-one: family")
    FIVE_SCHOOL = "five_school", _("Five-in-one: school")
    FIVE_ENTERPRISE = "five_enterprise", _("Five-in-one: enterprise")
    FIVE_VILLAGE = "five_village", _("Five-in-one: village")
    FIVE_COMMUNITY = "five_community", _("Five-in-one: community")
    # The rest of the "six ones" and the warm-homes work.
    LECTURE = "lecture", _("Knowledge lecture")
    THEMED = "themed", _("Themed activity")
    CULTURAL_VISIT = "cultural_visit", _("Cultural exchange visit")
    VOLUNTEER = "volunteer", _("Volunteer service")
    ASSISTANCE = "assistance", _("Assistance")


# The same types in groups, for a select with option groups.
TYPE_GROUPS = [
    (_("Seven entries"), [t for t in ActivityType if t.value.startswith("entry_")]),
    (_("Three exchanges"), [t for t in ActivityType if t.value.startswith("exchange_")]),
    (_("Five-in-one programme"), [t for t in ActivityType if t.value.startswith("five_")]),
    (_("Other activities"), [ActivityType.LECTURE, ActivityType.THEMED, ActivityType.CULTURAL_VISIT,
                             ActivityType.VOLUNTEER, ActivityType.ASSISTANCE]),
]


# Filter keys of the groups (list, figures, API): the prefix their types share.
GROUP_PREFIXES = {"seven_entries": "entry_", "three_exchanges": "exchange_", "five_in_one": "five_"}


def group_choices() -> list:
    return [("seven_entries", _("Seven entries")), ("three_exchanges", _("Three exchanges")),
            ("five_in_one", _("Five-in-one programme"))]


def grouped_type_choices() -> list:
    return [(group, [(t.value, t.label) for t in types]) for group, types in TYPE_GROUPS]


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", pgettext_lazy("registration", "Open for registration")
    CLOSED = "closed", _("Registration closed")
    DONE = "done", _("Held")
    CANCELLED = "cancelled", pgettext_lazy("activity", "Cancelled")


# Which status an organizer may move an activity to by hand. "done" is reached by recording
# the outcome; a cancelled or held activity stays so.
TRANSITIONS: dict[str, set[str]] = {
    ActivityStatus.PLANNED: {ActivityStatus.OPEN, ActivityStatus.CANCELLED},
    ActivityStatus.OPEN: {ActivityStatus.PLANNED, ActivityStatus.CLOSED, ActivityStatus.CANCELLED},
    ActivityStatus.CLOSED: {ActivityStatus.OPEN, ActivityStatus.CANCELLED},
    ActivityStatus.DONE: set(),
    ActivityStatus.CANCELLED: set(),
}


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", pgettext_lazy("registration", "Cancelled")
    CHECKED_IN = "checked_in", _("Checked in")


# A registration in one of these states holds one of the activity's places.
HOLDS_A_PLACE = (RegistrationStatus.REGISTERED, RegistrationStatus.CHECKED_IN)


class RegistrationSource(models.TextChoices):
    STAFF = "staff", _("Entered by staff")
    ONLINE = "online", _("Online")
