"""The district's own entries in the working-day calendar.

The State Council's holidays and adjusted working days (调休) come with the
``chinesecalendar`` package; the district office adds what the package does not know yet
(next year's holidays, before the package is updated) or what differs locally. An entry
here wins over the package (shiliu.workdays.overrides). No field here is about a resident.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shiliu.workdays.choices import MAX_YEAR, MIN_YEAR, NAME_MAX


class CalendarDay(models.Model):
    """One day the district office has decided: a working day or a day of rest."""

    date = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("working day"))
    name = models.CharField(_("name"), max_length=NAME_MAX, blank=True)  # 国庆节, 调休上班, ...
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("entered by"))
    updated_at = models.DateTimeField(_("changed at"), default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)  # two admins may edit one day (H2)

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        constraints = [
            models.CheckConstraint(
                condition=Q(date__gte=date(MIN_YEAR, 1, 1)) & Q(date__lte=date(MAX_YEAR, 12, 31)),
                name="workdays_day_in_supported_years",
            ),
        ]

    def __str__(self) -> str:
        return self.date.isoformat()


class CalendarYear(models.Model):
    """The district office has entered (or checked) this whole year: deadlines may rely on it."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("entered by"))
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=MIN_YEAR) & Q(year__lte=MAX_YEAR),
                                   name="workdays_year_in_supported_years"),
        ]

    def __str__(self) -> str:
        return str(self.year)


class CalendarRevision(models.Model):
    """One row whose token changes with every change to the calendar.

    Every process caches the calendar and compares this token at most every few seconds
    (shiliu.workdays.overrides), so web workers and task workers agree within seconds
    whatever cache backend is configured. A random token rather than a counter: a change
    that is rolled back never leaves a number that a later change would reuse.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.token
