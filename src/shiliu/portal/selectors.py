"""Reads of the portal: a verified resident's own requests, found by the phone's blind index."""

from django.db.models import Q, QuerySet

from shiliu.portal.identity import phone_index
from shiliu.workorders.models import WorkOrder

MINE_MAX = 50


def my_orders(phone: str) -> QuerySet[WorkOrder]:
    """The orders of ``phone`` (E.164, verified): those asked online with it, and those whose
    contact number it is (opened at the hotline or a window with the resident's consent).
    Nothing is decrypted to find them."""
    index = phone_index(phone)
    if not index:
        return WorkOrder.objects.none()
    return (WorkOrder.objects.filter(Q(portal_request__phone_index=index) | Q(contact_phone_index=index))
            .select_related("category").order_by("-created_at", "-id"))


def my_order(phone: str, tracking: str) -> WorkOrder | None:
    code = (tracking or "").strip().upper()
    if not code or len(code) > 20:
        return None
    return my_orders(phone).select_related("place", "unit").filter(tracking_code=code).first()


def my_seeker(phone: str):
    """The job-seeker profile the verified ``phone`` keeps (the newest that carries its index), or None."""
    from shiliu.jobs.seeking import seekers_of_phone

    return seekers_of_phone(phone).first()


def my_matches(seeker, *, limit: int = 10) -> list:
    """Open public postings that fit ``seeker`` by the published rules (jobs.matching), best
    first, with the reasons: only for a profile that agreed to be matched and is looking. Reads
    postings only — never another seeker."""
    from shiliu.jobs import matching
    from shiliu.jobs.choices import SeekerStatus
    from shiliu.jobs.selectors import CANDIDATES, posting_side, public_postings, seeker_side

    if seeker is None or not seeker.consent or seeker.status != SeekerStatus.LOOKING:
        return []
    postings = list(public_postings()[:CANDIDATES])
    side = seeker_side(seeker)
    return matching.rank(((p, side, posting_side(p)) for p in postings), limit=limit)
