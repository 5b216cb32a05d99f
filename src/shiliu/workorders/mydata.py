"""What work orders hold about a resident's phone (shiliu.mydata's collector protocol).

Orders are found by the contact phone's blind index. They are records of public service: an
erasure request keeps them (open ones are still being handled; closed ones are kept for the
retention period of ``workorders.classification``) and says why.
"""

from django.utils import timezone
from django.utils.translation import get_language

from shiliu.mydata import texts
from shiliu.mydata.collectors import Kept, Outcome, Section
from shiliu.people.masking import mask_phone
from shiliu.people.services import phone_index
from shiliu.workorders.choices import OPEN_STATUSES
from shiliu.workorders.models import WorkOrder

LABEL = "workorders"


def _orders(phone: str):
    return WorkOrder.objects.filter(contact_phone_index=phone_index(phone)).select_related("category") \
        .order_by("-created_at", "-id")


def _category(order: WorkOrder) -> str:
    category = order.category
    if (get_language() or "").startswith("en") and category.name_en:
        return category.name_en
    return category.name


def holdings(phone: str) -> list[Section]:
    rows = []
    for order in _orders(phone):
        rows.append([
            (texts.TRACKING_CODE, order.tracking_code),
            (texts.OPENED, timezone.localtime(order.created_at).strftime("%Y-%m-%d")),
            (texts.CATEGORY, _category(order)),
            (texts.STATUS, order.get_status_display()),
            (texts.DESCRIPTION, order.description),
            (texts.CONTACT_NAME, order.contact_name),
            (texts.PHONE, mask_phone(order.contact_phone)),
            (texts.REPLY, order.reply),
        ])
    return [Section(app=LABEL, title=texts.ORDERS, rows=rows)]


def erase(phone: str) -> Outcome:
    statuses = list(_orders(phone).values_list("status", flat=True))
    open_count = sum(1 for s in statuses if s in OPEN_STATUSES)
    kept = []
    if open_count:
        kept.append(Kept(what=texts.orders_kept(open_count), reason=texts.ORDERS_OPEN))
    if len(statuses) - open_count:
        kept.append(Kept(what=texts.orders_kept(len(statuses) - open_count), reason=texts.ORDERS_RETAINED))
    return Outcome(app=LABEL, title=texts.ORDERS, kept=kept)
