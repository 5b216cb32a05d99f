"""The fixed vocabularies of work orders (GLOSSARY.md, "Services and work orders")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    HOTLINE = "hotline", _("Hotline")
    WINDOW = "window", _("Window")
    ONLINE = "online", _("Online")
    VISIT = "visit", _("Visit")


class Kind(models.TextChoices):
    """What the resident asks for; sets the default resolution deadline (12345 practice)."""

    CONSULTATION = "consultation", _("Consultation")
    HELP = "help", _("Request for help")
    SUGGESTION = "suggestion", _("Suggestion")
    COMPLAINT = "complaint", _("Complaint")


# Working days to resolve, by kind, as common 12345 practice sets them.
DEFAULT_RESOLVE_DAYS = {Kind.CONSULTATION: 2, Kind.HELP: 10, Kind.SUGGESTION: 10, Kind.COMPLAINT: 15}
DEFAULT_ACK_HOURS = 4


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")
    VERY_URGENT = "very_urgent", _("Very urgent")


class Status(models.TextChoices):
    NEW = "new", _("Awaiting dispatch")
    DISPATCHED = "dispatched", _("Awaiting acknowledgement")
    IN_PROGRESS = "in_progress", _("In progress")
    RETURNED = "returned", _("Returned to the dispatcher")
    RESOLVED = "resolved", _("Resolved, awaiting callback")
    REOPEN_REQUESTED = "reopen_requested", _("Reopen awaiting approval")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = frozenset({Status.NEW, Status.DISPATCHED, Status.IN_PROGRESS, Status.RETURNED,
                           Status.REOPEN_REQUESTED})
# States whose deadline is running against a unit (the inbox's "due").
UNIT_STATUSES = frozenset({Status.DISPATCHED, Status.IN_PROGRESS})


class EventKind(models.TextChoices):
    CREATED = "created", _("Opened")
    ROUTED = "routed", _("Routed by rule")
    DISPATCHED = "dispatched", _("Dispatched")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    RETURNED = "returned", _("Returned")
    REFERRED = "referred", _("Referred to a department")
    NOTE = "note", _("Note")
    FILE = "file", _("File added")
    RESOLVED = "resolved", _("Resolved")
    CALLBACK = "callback", _("Callback")
    REOPEN_REQUESTED = "reopen_requested", _("Reopen requested")
    REOPENED = "reopened", _("Reopened")
    REOPEN_REFUSED = "reopen_refused", _("Reopen refused")
    SUPERVISED = "supervised", _("Supervised")
    URGED = "urged", _("Urged")
    REMINDED = "reminded", _("Deadline reminder")
    OVERDUE = "overdue", _("Overdue")
    CATEGORY_CHANGED = "category_changed", _("Category changed")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")
    STEP_DONE = "step_done", _("Step done")
    CONSENT = "consent", _("Consent to share recorded")


# Events a resident following the tracking code sees (never notes, files or internal steps).
PUBLIC_EVENTS = frozenset({EventKind.CREATED, EventKind.DISPATCHED, EventKind.ROUTED, EventKind.ACKNOWLEDGED,
                           EventKind.RETURNED, EventKind.REFERRED, EventKind.RESOLVED, EventKind.CALLBACK,
                           EventKind.REOPENED, EventKind.CLOSED, EventKind.CANCELLED})


class Solved(models.TextChoices):
    YES = "yes", _("Solved")
    PARTLY = "partly", _("Partly solved")
    NO = "no", _("Not solved")


class Satisfaction(models.TextChoices):
    VERY_SATISFIED = "very_satisfied", _("Very satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")
    VERY_DISSATISFIED = "very_dissatisfied", _("Very dissatisfied")


SATISFIED = frozenset({Satisfaction.VERY_SATISFIED, Satisfaction.SATISFIED, Satisfaction.BASICALLY})


class CallbackMethod(models.TextChoices):
    PHONE = "phone", _("Operator's call")
    SMS = "sms", _("Resident's SMS link")
