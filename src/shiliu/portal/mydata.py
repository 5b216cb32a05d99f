"""What the portal holds about a resident's phone (shiliu.mydata's collector protocol): the
online requests opened with that verified number, found by its blind index. They are kept as
long as their work orders (proof of the consent given), and an erasure says so."""

from django.utils import timezone

from shiliu.mydata import texts
from shiliu.mydata.collectors import Kept, Outcome, Section
from shiliu.people.services import phone_index
from shiliu.portal.models import OnlineRequest

LABEL = "portal"


def _requests(phone: str):
    return OnlineRequest.objects.filter(phone_index=phone_index(phone)).select_related("order") \
        .order_by("-created_at", "-id")


def holdings(phone: str) -> list[Section]:
    rows = [[
        (texts.TRACKING_CODE, r.order.tracking_code),
        (texts.CONSENT_VERSION, r.consent_version),
        (texts.CONSENTED_AT, timezone.localtime(r.consented_at).strftime("%Y-%m-%d %H:%M")),
    ] for r in _requests(phone)]
    return [Section(app=LABEL, title=texts.ONLINE, rows=rows)]


def erase(phone: str) -> Outcome:
    count = _requests(phone).count()
    return Outcome(app=LABEL, title=texts.ONLINE,
                   kept=[Kept(what=texts.online_kept(count), reason=texts.ONLINE_RETAINED)] if count else [])
