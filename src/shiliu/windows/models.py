"""Service windows and service centres (服务窗口 / 服务中心), and the visits taken at them.

A window stands at a place of the tree (scope is decided by that place), offers some service
items of the guide, opens by weekly hours (several spans a day allowed), is shut by closures
and, unless marked open on rest days, on every day the working-day calendar
(shiliu.workdays.calendar) does not count as a working day. Staff are put on duty per date.

A ``Visit`` is one visitor at one window; each ``VisitItem`` is one service item asked for,
with the materials ticked and missing and the work order opened for it (one-stop: several
orders for one visit). The visitor's name and phone are encrypted and shown masked.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from shiliu.core.crypto import EncryptedTextField

NAME_MAX = 100
ADDRESS_MAX = 200
PHONE_MAX = 40
REASON_MAX = 200
NOTE_MAX = 1000


class WindowKind(models.TextChoices):
    WINDOW = "window", pgettext_lazy("window kind", "Service window")
    CENTRE = "centre", pgettext_lazy("window kind", "Service centre")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ServiceWindow(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=WindowKind.choices, default=WindowKind.WINDOW)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    name = models.CharField(pgettext_lazy("window", "name"), max_length=NAME_MAX)
    address = models.CharField(_("address"), max_length=ADDRESS_MAX, blank=True)
    # The counter's office number, published to residents: not a person's phone.
    phone = models.CharField(_("office phone"), max_length=PHONE_MAX, blank=True)
    public = models.BooleanField(_("shown to the public"), default=True)
    active = models.BooleanField(_("in service"), default=True)
    # Open on days the working-day calendar counts as rest days (weekends, public holidays)?
    open_on_rest_days = models.BooleanField(_("open on rest days and public holidays"), default=False)
    items = models.ManyToManyField("guide.ServiceItem", blank=True, related_name="windows",
                                   verbose_name=_("service items offered"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["place__path", "kind", "name", "id"]
        verbose_name = _("service window")
        verbose_name_plural = _("service windows")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("windows:detail", args=[self.pk])


class OpeningHours(models.Model):
    """One span of a weekday, e.g. Monday 09:00-12:00; a day may have several spans."""

    window = models.ForeignKey(ServiceWindow, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["window_id", "weekday", "opens"]
        constraints = [models.CheckConstraint(condition=models.Q(opens__lt=models.F("closes")),
                                              name="windows_hours_opens_before_closes")]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class Closure(models.Model):
    """The window is shut from ``starts_on`` to ``ends_on`` (both included)."""

    window = models.ForeignKey(ServiceWindow, on_delete=models.CASCADE, related_name="closures")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    reason = models.CharField(_("reason"), max_length=REASON_MAX)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["window_id", "starts_on"]

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on} {self.reason}"


class DutyShift(models.Model):
    """A staff member on duty at a window on a date."""

    window = models.ForeignKey(ServiceWindow, on_delete=models.CASCADE, related_name="duty")
    date = models.DateField(_("date"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("staff member"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["window_id", "date", "user_id"]
        constraints = [models.UniqueConstraint(fields=["window", "date", "user"], name="windows_duty_once")]

    def __str__(self) -> str:
        return f"{self.window_id} {self.date} {self.user_id}"


class Visit(models.Model):
    """One visitor taken at one window. ``place`` is the window's, copied for scoping."""

    window = models.ForeignKey(ServiceWindow, on_delete=models.PROTECT, related_name="visits")
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey("people.Resident", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    visitor_name = EncryptedTextField(_("visitor's name"), blank=True)
    visitor_phone = EncryptedTextField(_("visitor's phone"), blank=True)
    contact_consent = models.BooleanField(_("the visitor agrees to be contacted"), default=False)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    taken_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    taken_at = models.DateTimeField(db_index=True)
    idempotency_key = models.CharField(max_length=100, blank=True, default="")
    fingerprint = models.CharField(max_length=64, blank=True, default="", editable=False)

    class Meta:
        ordering = ["-taken_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["taken_by", "idempotency_key"],
                                               condition=~models.Q(idempotency_key=""),
                                               name="windows_visit_idempotent")]

    def __str__(self) -> str:
        return f"visit #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("windows:visit", args=[self.pk])


class VisitItem(models.Model):
    """One service item asked for at a visit, its checklist and the order opened for it."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey("guide.ServiceItem", on_delete=models.PROTECT, related_name="+")
    item_version = models.ForeignKey("guide.ItemVersion", on_delete=models.PROTECT, related_name="+")
    order = models.ForeignKey("workorders.WorkOrder", on_delete=models.PROTECT, related_name="+")
    materials_brought = models.JSONField(default=list)  # Material ids of item_version ticked at the window
    materials_missing = models.JSONField(default=list)  # Material ids still to bring
    promised_on = models.DateField()

    class Meta:
        ordering = ["visit_id", "id"]

    def __str__(self) -> str:
        return f"visit #{self.visit_id} / {self.item_id}"
