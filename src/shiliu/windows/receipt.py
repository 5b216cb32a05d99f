"""The intake receipt (受理回执) as a PDF: district and window, date, the visitor's name masked,
each item with its promised date, what is still to bring, the tracking code of each order and a
QR code of its public tracking page.

Chinese renders from the font subset shipped in ``fonts/`` (ADR 0018), so the receipt prints the
same on a machine without any system CJK font. A character the subset lacks is printed as □
instead of failing.
"""

import functools
from pathlib import Path

import qrcode
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont
from fpdf import FPDF

from shiliu.places.models import Place
from shiliu.windows.models import Visit
from shiliu.windows.selectors import materials_to_bring

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "receipt-cjk.ttf"
LATIN_FONT_PATH = FONT_PATH.with_name("receipt-latin.ttf")
FONT = "receipt-latin"
CJK_FONT = "receipt-cjk"
PLACEHOLDER = "\u25a1"  # □


def _cmap(path: Path) -> frozenset[int]:
    font = TTFont(str(path), lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


@functools.cache
def font_characters() -> frozenset[int]:
    """Every character the two receipt fonts can draw."""
    return _cmap(FONT_PATH) | _cmap(LATIN_FONT_PATH)


def printable(text: str) -> str:
    """``text`` with every character the font lacks replaced by □ (never an exception)."""
    known = font_characters()
    return "".join(c if ord(c) in known or c in "\n\t" else PLACEHOLDER for c in str(text))


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***; a Latin name keeps its first letter."""
    name = (name or "").strip()
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def tracking_url(code: str) -> str:
    origin = str(settings.SHILIU_PUBLIC_URL or "").rstrip("/")
    return origin + reverse("workorders:track_code", args=[code])


def _district(place: Place) -> Place:
    root_id = place.ancestor_ids()[0]
    return place if place.pk == root_id else Place.objects.get(pk=root_id)


class _Receipt(FPDF):
    def write_line(self, text: str, size: float = 11, height: float = 7, bold_gap: bool = False) -> None:
        self.set_font(FONT, size=size)
        self.multi_cell(0, height, printable(text), new_x="LMARGIN", new_y="NEXT")
        if bold_gap:
            self.ln(2)


def visitor_name(visit: Visit) -> str:
    return visit.resident.name if visit.resident is not None else visit.visitor_name


def receipt_pdf(visit: Visit) -> bytes:
    """The receipt of a visit fetched by ``selectors.visit_get`` (lines, orders, materials prefetched)."""
    window = visit.window
    district = _district(visit.place)
    pdf = _Receipt(format="A4")
    pdf.set_title(printable(_("Intake receipt")))
    pdf.set_creator("Shiliu")
    pdf.add_font(FONT, fname=str(LATIN_FONT_PATH))
    pdf.add_font(CJK_FONT, fname=str(FONT_PATH))
    pdf.set_font(FONT, size=11)
    pdf.set_fallback_fonts([CJK_FONT], exact_match=False)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    language = get_language()
    pdf.write_line(f"{district.display_name(language)} · {_('Intake receipt')}", size=18, height=10, bold_gap=True)
    pdf.write_line(_("Window: %(name)s") % {"name": window.name})
    if window.address:
        pdf.write_line(_("Address: %(address)s") % {"address": window.address})
    if window.phone:
        pdf.write_line(_("Phone: %(phone)s") % {"phone": window.phone})
    pdf.write_line(_("Date: %(date)s") % {"date": f"{timezone.localtime(visit.taken_at):%Y-%m-%d %H:%M}"})
    name = mask_name(visitor_name(visit))
    if name:
        pdf.write_line(_("Visitor: %(name)s") % {"name": name})
    pdf.write_line(_("Receipt number: %(n)s") % {"n": f"{timezone.localtime(visit.taken_at):%Y%m%d}-{visit.pk:06d}"},
                   bold_gap=True)
    for index, line in enumerate(visit.lines.all(), start=1):
        order = line.order
        if pdf.get_y() > pdf.h - 70:
            pdf.add_page()
        top = pdf.get_y()
        pdf.set_right_margin(60)
        pdf.write_line(f"{index}. {line.item_version.label(language)}", size=13, height=8)
        pdf.write_line(_("Tracking code: %(code)s") % {"code": order.tracking_code})
        pdf.write_line(_("Work order: %(number)s") % {"number": order.number})
        pdf.write_line(_("Promised by: %(date)s (%(days)d working days)")
                       % {"date": line.promised_on.isoformat(), "days": line.item_version.promised_days})
        missing = materials_to_bring(line)
        if missing:
            pdf.write_line(_("Please bring next time:"))
            for material in missing:
                copies = _(" (%(n)d copies)") % {"n": material.copies} if material.copies > 1 else ""
                pdf.write_line(f"  · {material.label(language)}{copies}")
        else:
            pdf.write_line(_("All required materials were received."))
        image = qrcode.make(tracking_url(order.tracking_code), box_size=4, border=1).get_image()
        pdf.image(image, x=pdf.w - 55, y=top, w=35, h=35)
        pdf.set_right_margin(10)
        pdf.set_y(max(pdf.get_y(), top + 37))
        pdf.ln(3)
    pdf.write_line(_("Scan the code or enter the tracking code at %(url)s to follow your request.")
                   % {"url": str(settings.SHILIU_PUBLIC_URL or "").rstrip("/") + reverse("workorders:track")}, size=10)
    pdf.write_line(_("Keep this receipt. The times count working days; public holidays do not count."), size=10)
    return bytes(pdf.output())
