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
