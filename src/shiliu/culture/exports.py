"""xlsx exports of the culture lists, in the reader's language (cells made safe by core.xlsx, F5).

Bookings name a contact person: that export is capped, shows the phone masked, and its
reading is audited (D5, E1). Every export is rate limited per user and list (F6).
"""

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from shiliu.audit.services import audit_list_read
from shiliu.core import ratelimit
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from shiliu.core.xlsx import write_workbook
from shiliu.people.masking import mask_phone

XLSX = XLSX_CONTENT_TYPE


def filename(kind: str) -> str:
    return f"{kind}-{timezone.localdate():%Y%m%d}.xlsx"


def count_export(user, kind: str) -> None:
    """Count one export for the user (pages and API together); RateLimited past 10 a minute."""
    ratelimit.hit(ratelimit.EXPORT, f"culture-{kind}:{user.pk}")


def _place(place) -> str:
    return place.display_name(get_language())


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def troupes_xlsx(troupes: QuerySet) -> bytes:
    headers = [_("Name"), _("Place"), _("Founded on"), _("Status"), _("Pieces in the repertoire"),
               _("Performances"), _("Public")]
    rows = ([t.name, _place(t.place), t.founded_on, t.get_status_display(), t.repertoire_count,
             t.performance_count, _("Yes") if t.public else _("No")] for t in troupes)
    return write_workbook(headers, rows, title=str(_("Art troupes")))


def performances_xlsx(performances: QuerySet) -> bytes:
    headers = [_("Date"), _("Troupe"), _("Place"), _("What was performed"), _("Venue"), _("Audience (people)")]
    rows = ([p.date, p.troupe.name, _place(p.troupe.place), p.title, p.venue, p.audience] for p in performances)
    return write_workbook(headers, rows, title=str(_("Performances")))


def positions_xlsx(positions: QuerySet) -> bytes:
    headers = [_("Kind"), _("Name"), _("Place"), _("Address or web address"), _("Since"), _("In use"),
               _("Description")]
    rows = ([p.get_kind_display(), p.name, _place(p.place), p.address, p.since, _("Yes") if p.active else _("No"),
             p.description] for p in positions)
    return write_workbook(headers, rows, title=str(_("Publicity positions")))


def bookings_xlsx(bookings: QuerySet, *, by) -> bytes:
    capped = list(bookings[: settings.SHILIU_LIST_EXPORT_CAP])
    audit_list_read(by=by, action="culture.booking.export", model_label="culture.visitbooking",
                    ids=[b.pk for b in capped])
    headers = [_("Reference"), _("Museum"), _("Starts at"), _("Visiting group"), _("People in the group"),
               _("Contact person"), _("Contact phone"), _("Status"), _("Guide"), _("People who came")]
    rows = ([b.reference, b.slot.museum.name, _local(b.slot.starts_at), b.group_name, b.group_size, b.contact_name,
             mask_phone(b.contact_phone), b.get_status_display(), str(b.guide) if b.guide else "", b.visited_count]
            for b in capped)
    return write_workbook(headers, rows, title=str(_("Museum visits")))
