"""xlsx exports of the lists a manager sees (through shiliu.core.xlsx: no cell runs as a formula)."""

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from shiliu.activities.choices import ActivityStatus, ActivityType, RegistrationSource, RegistrationStatus
from shiliu.activities.models import Activity, Registration
from shiliu.core.xlsx import write_workbook
from shiliu.people.masking import mask_phone


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def activities_xlsx(activities: Iterable[Any], language: str) -> bytes:
    """One row per activity (annotated with selectors.with_counts); no personal data."""
    headers = [pgettext("activity", "Title"), _("Type"), _("Organizing place"), _("Starts at"), _("Ends at"),
               pgettext("activity", "Venue"), _("Capacity"),
               _("Registered"), _("Waiting list"), _("Checked in"), _("Attendance"), _("Status"), _("Published")]
    rows = ([a.display_title(language), str(ActivityType(a.type).label), a.place.display_name(language),
             _local(a.starts_at), _local(a.ends_at), a.venue, a.capacity, a.taken, a.waiting, a.checked_in,
             a.checked_in + a.extra_attendance, str(ActivityStatus(a.status).label),
             _("yes") if a.published else _("no")] for a in activities)
    return write_workbook(headers, rows, title=_("Activities"))


def registrations_xlsx(activity: Activity, registrations: Iterable[Registration]) -> bytes:
    """The people registered, as the manager sees them: masked phones, no codes (D5)."""
    headers = [pgettext("person", "Name"), _("Phone"), _("Status"), _("Waiting list position"), _("Source"),
               _("Registered at"), _("Checked in at")]
    registrations = list(registrations)
    waiting = sorted((r for r in registrations if r.status == RegistrationStatus.WAITLISTED),
                     key=lambda r: (r.position or 0, r.pk))
    ranks = {r.pk: i for i, r in enumerate(waiting, start=1)}
    rows = ([r.name, mask_phone(r.phone), str(RegistrationStatus(r.status).label), ranks.get(r.pk),
             str(RegistrationSource(r.source).label), _local(r.registered_at), _local(r.checked_in_at)]
            for r in registrations)
    return write_workbook(headers, rows, title=_("Registrations"))
