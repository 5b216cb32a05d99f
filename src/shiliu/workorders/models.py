"""One work order for every channel, its append-only event log, categories and routing rules.

Scope: an order is seen by users whose place holds ``order.view`` over the order's place
(where the matter is) or over the unit it is assigned to now. Both paths are copied onto the
order (``place_path``, ``unit_path``) so the scoped inbox is an index range at a million rows;
places.services keeps them right when a subtree moves (signal ``place_moved``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shiliu.core.crypto import EncryptedTextField
from shiliu.workorders.choices import (
    DEFAULT_ACK_HOURS,
    CallbackMethod,
    Channel,
    EventKind,
    Kind,
    Satisfaction,
    Solved,
    Status,
    Urgency,
)

DESCRIPTION_MAX = 5000
NOTE_MAX = 2000


class Category(models.Model):
    """A service category of the hotline; its deadlines apply until a service item sets its own."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.HELP)
    ack_hours = models.PositiveSmallIntegerField(_("acknowledge within (working hours)"), default=DEFAULT_ACK_HOURS)
    resolve_days = models.PositiveSmallIntegerField(_("resolve within (working days)"), default=10)
    active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name

    def label(self, language: str | None) -> str:
        return self.name_en if language and language.startswith("en") and self.name_en else self.name


class RoutingRule(models.Model):
    """Orders about ``place`` (or below) in ``category`` (or any, when empty) go to ``unit``.

    The most specific rule wins: the deepest place, then a rule naming the category over one
    that does not. With no rule, an order waits for the dispatcher (status ``new``).
    """

    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="+", verbose_name=_("place"))
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, blank=True, related_name="rules",
                                 verbose_name=_("category"))
    unit = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("responsible unit"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["place__path", "category__code"]
        constraints = [
            models.UniqueConstraint(fields=["place", "category"], name="routing_rule_once"),
            models.UniqueConstraint(fields=["place"], condition=models.Q(category__isnull=True),
                                    name="routing_rule_any_once"),
        ]

    def __str__(self) -> str:
        return f"{self.place} / {self.category or '*'} → {self.unit}"


def order_number(pk: int | None, created_at) -> str:
    """An order's number from its id and opening time (``WorkOrder.number``, and lists read as values)."""
    if not (pk and created_at):
        return "—"
    return f"{timezone.localtime(created_at):%Y%m%d}-{pk:06d}"  # the day in Beijing time


class WorkOrder(models.Model):
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="orders",
                                 verbose_name=_("category"))
    description = models.TextField(pgettext_lazy("work order", "description"), max_length=DESCRIPTION_MAX)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    place_path = models.CharField(max_length=255, editable=False)
    # The service item's version the order follows (its deadline and steps); never changed afterwards.
    item_version = models.ForeignKey("guide.ItemVersion", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="orders", verbose_name=_("service item"))
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL)
    # The language the resident needs; anything but "zh" marks the order for a speaker of it.
    language = models.CharField(_("language needed"), max_length=5, default="zh")

    # Who asked. Optional: a caller may stay anonymous. Recorded only with consent.
    requester = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="work_orders", verbose_name=_("requester"))
    contact_name = models.CharField(_("contact name"), max_length=60, blank=True)
    contact_phone = EncryptedTextField(_("contact phone"), blank=True)
    contact_phone_index = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    contact_consent = models.BooleanField(_("the resident agrees to be contacted about this order"), default=False)

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    is_open = models.BooleanField(default=True, editable=False)
    unit = models.ForeignKey("places.Place", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("responsible unit"))
    unit_path = models.CharField(max_length=255, blank=True, default="", editable=False)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+", verbose_name=_("handled by"))

    dispatched_at = models.DateTimeField(null=True, blank=True)
    ack_due = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    resolve_due = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The deadline running now (acknowledge while dispatched, resolve while in progress): the inbox's order.
    due_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    overdue_at = models.DateTimeField(null=True, blank=True, editable=False)
    # First acknowledgement / resolution on time? Set once, for the figures.
    ack_on_time = models.BooleanField(null=True, editable=False)
    resolved_on_time = models.BooleanField(null=True, editable=False)

    reply = models.TextField(_("reply to the resident"), blank=True, max_length=NOTE_MAX)
    returns = models.PositiveSmallIntegerField(default=0, editable=False)
    reopens = models.PositiveSmallIntegerField(default=0, editable=False)
    supervised = models.BooleanField(default=False, editable=False)
    urges = models.PositiveSmallIntegerField(default=0, editable=False)

    tracking_code = models.CharField(max_length=12, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        indexes = [
            models.Index(fields=["unit_path", "is_open", "due_at"], name="wo_inbox"),
            # The inbox (selectors.inbox): a unit's open orders by deadline, counted and paged from
            # the index alone (an index-only scan on PostgreSQL: no visit to 2,000 scattered rows).
            models.Index(fields=["unit_path", "due_at", "id"], name="wo_unit_queue",
                         condition=models.Q(is_open=True, status__in=[Status.DISPATCHED, Status.IN_PROGRESS])),
            models.Index(fields=["place_path", "is_open", "due_at"], name="wo_place_open"),
            models.Index(fields=["is_open", "due_at"], name="wo_open_due"),
            models.Index(fields=["place_path", "created_at"], name="wo_place_created"),
            models.Index(fields=["updated_at"], name="wo_updated"),  # the figures' rollup finds changes
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        """The number staff and residents quote: the opening day and the row id."""
        return order_number(self.pk, self.created_at)

    @property
    def needs_interpreter(self) -> bool:
        return bool(self.language) and self.language != "zh"


class AppendOnlyQuerySet(models.QuerySet):
    """Timeline lines are never rewritten: no bulk update or delete either."""

    def update(self, **kwargs):
        raise RuntimeError("Order events are append-only.")

    def delete(self):
        raise RuntimeError("Order events are append-only.")

    def bulk_update(self, *args, **kwargs):
        raise RuntimeError("Order events are append-only.")


class OrderEvent(models.Model):
    """One line of an order's timeline. Never updated or deleted: the model and its queryset
    refuse it (there is no database trigger, unlike the audit trail's; see ADR 0010)."""

    order = models.ForeignKey(WorkOrder, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    # None: the resident (SMS callback) or the system (the worker's reminders).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+")
    from_status = models.CharField(max_length=20, blank=True, default="")
    to_status = models.CharField(max_length=20, blank=True, default="")
    unit = models.ForeignKey("places.Place", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    note = models.TextField(blank=True, default="", max_length=NOTE_MAX)
    # Internal lines (notes, files, reminders) are never shown to the resident.
    internal = models.BooleanField(default=False)
    data = models.JSONField(default=dict, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["kind", "at"], name="woe_kind_at")]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Order events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Order events are append-only.")


def attachment_path(instance, filename: str) -> str:
    # Never the uploader's file name on disk: a random name under the order's folder.
    return f"orders/{instance.order_id}/{instance.token}"


class Attachment(models.Model):
    order = models.ForeignKey(WorkOrder, on_delete=models.PROTECT, related_name="attachments")
    event = models.OneToOneField(OrderEvent, on_delete=models.PROTECT, related_name="attachment")
    token = models.CharField(max_length=32, unique=True, editable=False)
    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(max_length=60)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"attachment #{self.pk}"


class Callback(models.Model):
    """The resident's rating, taken by the hotline (not the unit). One per order and round:
    round 0 rates the first resolution, round n the resolution after the n-th reopen."""

    order = models.ForeignKey(WorkOrder, on_delete=models.PROTECT, related_name="callbacks")
    round = models.PositiveSmallIntegerField(default=0)
    method = models.CharField(max_length=10, choices=CallbackMethod.choices)
    solved = models.CharField(_("was the problem solved?"), max_length=10, choices=Solved.choices)
    satisfaction = models.CharField(_("how satisfied are you?"), max_length=20, choices=Satisfaction.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=NOTE_MAX)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                           related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["order", "round"]
        constraints = [models.UniqueConstraint(fields=["order", "round"], name="one_callback_per_round")]

    def __str__(self) -> str:
        return f"callback #{self.pk}"


class IdempotencyKey(models.Model):
    """``Idempotency-Key`` of a creating request: the same key from the same caller twice
    returns the first order instead of opening a second."""

    key = models.CharField(max_length=100)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["actor", "key"], name="idempotency_key_once")]

    def __str__(self) -> str:
        return self.key


class OrderStep(models.Model):
    """One step of a service item's version, copied onto the order when it opens, so a later
    edit of the item (a new version) never changes the steps of an order already started.

    ``unit`` is the place that must do the step (resolved from the owner kind when the order
    opens); the step's clock (``due_at``, working days) starts when the step starts."""

    order = models.ForeignKey(WorkOrder, on_delete=models.PROTECT, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(pgettext_lazy("step", "name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    owner = models.CharField(_("done by"), max_length=12)  # guide.StepOwner
    unit = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("responsible unit"))
    unit_path = models.CharField(max_length=255, editable=False)
    time_limit_days = models.PositiveSmallIntegerField(_("time limit (working days)"))
    tell_resident = models.BooleanField(default=False)
    started_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    outcome = models.TextField(_("outcome"), blank=True, max_length=NOTE_MAX)
    on_time = models.BooleanField(null=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["order", "position"]
        constraints = [models.UniqueConstraint(fields=["order", "position"], name="order_step_position")]
        indexes = [models.Index(fields=["unit_path", "done_at"], name="wos_unit_done")]
        verbose_name = _("order step")
        verbose_name_plural = _("order steps")

    def __str__(self) -> str:
        return f"{self.order_id}#{self.position}"

    def label(self, language: str | None) -> str:
        return self.name_en if language and language.startswith("en") and self.name_en else self.name

    @property
    def state(self) -> str:
        """"done", "current" or "to_come"."""
        if self.done_at is not None:
            return "done"
        return "current" if self.started_at is not None else "to_come"


class ReferralConsent(models.Model):
    """The resident's consent that their name, number and ID go along when the order is referred
    to a department: the consent text they were shown (its version and the words), when and who
    recorded it. Once per order; never edited."""

    order = models.OneToOneField(WorkOrder, on_delete=models.PROTECT, related_name="referral_consent")
    text_version = models.CharField(_("consent text version"), max_length=20)
    text = models.TextField(_("consent text shown"), max_length=NOTE_MAX)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("referral consent")
        verbose_name_plural = _("referral consents")

    def __str__(self) -> str:
        return f"consent {self.order_id} ({self.text_version})"
