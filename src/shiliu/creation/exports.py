"""xlsx exports of the creation lists, in the reader's language (cells made safe by core.xlsx, F5).

The same functions serve the pages and the API; each export is rate limited per user and
kind (F6). An honour list names people, so it is capped and its reading audited (D5, E1).
"""

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from shiliu.audit.services import audit_list_read
from shiliu.core import ratelimit
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from shiliu.core.xlsx import write_workbook
from shiliu.creation.selectors import SIX

XLSX = XLSX_CONTENT_TYPE


def filename(kind: str) -> str:
    return f"{kind}-{timezone.localdate():%Y%m%d}.xlsx"


def count_export(user, kind: str) -> None:
    """Count one export for the user (pages and API together); RateLimited past 10 a minute."""
    ratelimit.hit(ratelimit.EXPORT, f"creation-{kind}:{user.pk}")


def _place(place) -> str:
    return place.display_name(get_language())


def sites_xlsx(sites: QuerySet) -> bytes:
    headers = [_("Name"), _("Level"), _("Owner place"), _("Status"), _("Year named"),
               _("Six ones done (of %(n)d)") % {"n": SIX}, _("Public"), _("Description")]
    rows = ([s.name, s.get_level_display(), _place(s.place), s.get_status_display(), s.named_year, s.satisfied,
             _("Yes") if s.public else _("No"), s.description] for s in sites)
    return write_workbook(headers, rows, title=str(_("Demonstration sites")))


def brands_xlsx(brands: QuerySet) -> bytes:
    headers = [_("Name"), _("Owner place"), _("Since"), _("Status"), _("Public"), _("Description")]
    rows = ([b.name, _place(b.place), b.since, b.get_status_display(), _("Yes") if b.public else _("No"),
             b.description] for b in brands)
    return write_workbook(headers, rows, title=str(_("Brands")))


def honours_xlsx(honours: QuerySet, *, by) -> bytes:
    capped = list(honours[: settings.SHILIU_LIST_EXPORT_CAP])
    named = [h.pk for h in capped if h.person_name]
    audit_list_read(by=by, action="creation.honour.export", model_label="creation.honour", ids=named)
    headers = [_("Year"), pgettext("honour", "Title"), _("Level"), _("Awarded by"), _("Received by"),
               pgettext("honour recipient", "Unit"), _("Person's name")]
    rows = ([h.year, h.title, h.get_level_display(), h.awarding_body, h.get_recipient_display(), _place(h.place),
             h.person_name] for h in capped)
    return write_workbook(headers, rows, title=str(_("Honours")))

