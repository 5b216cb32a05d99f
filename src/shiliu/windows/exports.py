"""The windows list as xlsx, in the reader's language (cells made safe by core.xlsx, F5).
No personal data: office phones and addresses of counters only."""

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from shiliu.core import ratelimit
from shiliu.core.xlsx import write_workbook
from shiliu.windows.models import Weekday


def count_export(user, kind: str) -> None:
    ratelimit.hit(ratelimit.EXPORT, f"windows-{kind}:{user.pk}")


def hours_text(window) -> str:
    names = dict(Weekday.choices)
    return "; ".join(f"{names[h.weekday]} {h.opens:%H:%M}-{h.closes:%H:%M}" for h in window.hours.all())


def windows_xlsx(windows) -> bytes:
    headers = [_("Name"), _("Kind"), _("Place"), _("Address"), _("Office phone"), _("Opening hours"),
               _("Service items offered"), _("Shown to the public"), _("In service")]
    rows = ([w.name, w.get_kind_display(), w.place.display_name(get_language()), w.address, w.phone,
             hours_text(w), w.item_count, _("Yes") if w.public else _("No"), _("Yes") if w.active else _("No")]
            for w in windows)
    return write_workbook(headers, rows, title=str(_("Service windows")))
