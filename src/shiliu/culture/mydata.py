"""What the museum's bookings hold about a resident's phone (shiliu.mydata's collector protocol).

VisitBooking keeps its contact phone encrypted but without a blind index, so the bookings of a
number are found by decrypting each booking's contact (a few thousand rows at most, since
contacts are anonymised two years after the visit). An erasure removes the contact of bookings
whose visit is over or that were declined or cancelled; a visit still to come keeps its contact.
"""

from django.utils import timezone

from shiliu.audit.services import audit_write
from shiliu.culture.choices import OPEN
from shiliu.culture.models import VisitBooking
from shiliu.mydata import texts
from shiliu.mydata.collectors import Kept, Outcome, Section
from shiliu.people.masking import mask_phone

LABEL = "culture"


def _bookings(phone: str) -> list[VisitBooking]:
    rows = VisitBooking.objects.select_related("slot__museum").order_by("-created_at")
    return [b for b in rows.iterator(chunk_size=500) if b.contact_phone == phone]


def holdings(phone: str) -> list[Section]:
    rows = [[
        (texts.REFERENCE, b.reference),
        (texts.GROUP, b.group_name),
        (texts.GROUP_SIZE, b.group_size),
        (texts.WHEN, timezone.localtime(b.slot.starts_at).strftime("%Y-%m-%d %H:%M")),
        (texts.STATUS, b.get_status_display()),
        (texts.CONTACT_NAME, b.contact_name),
        (texts.PHONE, mask_phone(b.contact_phone)),
    ] for b in _bookings(phone)]
    return [Section(app=LABEL, title=texts.BOOKINGS, rows=rows, note=texts.BOOKINGS_NOTE)]


def erase(phone: str) -> Outcome:
    now = timezone.now()
    erased = coming = 0
    for booking in _bookings(phone):
        if booking.status in OPEN and booking.slot.ends_at > now:
            coming += 1
            continue
        VisitBooking.objects.filter(pk=booking.pk).update(contact_name="", contact_phone="")
        audit_write(by=None, action="culture.booking.erase_contact", target=booking)
        erased += 1
    return Outcome(app=LABEL, title=texts.BOOKINGS,
                   erased=[texts.bookings_anonymised(erased)] if erased else [],
                   kept=[Kept(what=texts.bookings_kept(coming), reason=texts.BOOKINGS_COMING)] if coming else [])
