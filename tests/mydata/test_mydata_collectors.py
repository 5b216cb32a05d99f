"""The collectors of other apps: museum bookings (found without a blind index) and portal requests."""

from datetime import timedelta

from django.utils import timezone
from mydata_helpers import ME, OTHER

from shiliu.culture.models import VisitBooking, VisitSlot
from shiliu.culture.museum import booking_create, museum_create, slot_create
from shiliu.mydata import collectors
from shiliu.people.services import phone_index
from shiliu.portal.models import OnlineRequest


def _museum(people, tree):
    museum = museum_create(by=people.admin, name="北仑区民族知识馆", place=tree.daqi, online_booking=True)
    start = timezone.now() + timedelta(days=2)
    coming = slot_create(museum=museum, by=people.admin, starts_at=start, ends_at=start + timedelta(hours=1),
                         capacity=40)
    past = VisitSlot.objects.create(museum=museum, starts_at=timezone.now() - timedelta(days=3),
                                    ends_at=timezone.now() - timedelta(days=3, hours=-1), capacity=40)
    return coming, past


def test_museum_bookings_of_the_phone_are_found_and_past_ones_lose_their_contact(people, tree, db):
    coming, past = _museum(people, tree)
    upcoming = booking_create(slot=coming, by=people.admin, group_name="五（1）班", group_size=20,
                              contact_name="孙老师", contact_phone="13812345678")
    visited = VisitBooking.objects.create(slot=past, group_name="社区青少年", group_size=12, contact_name="孙老师",
                                          contact_phone=ME, status="visited", reference="DEMO0001")
    VisitBooking.objects.create(slot=past, group_name="别的学校", group_size=9, contact_name="钱老师",
                                contact_phone=OTHER, status="visited", reference="DEMO0002")
    sections = {s.app: s for s in collectors.holdings(ME)}
    text = str([s.as_data() for s in sections.values()])
    assert "五（1）班" in text and "社区青少年" in text and "别的学校" not in text and "钱老师" not in text
    outcome = next(o for o in collectors.erase_all(ME) if o.app == "culture")
    assert len(outcome.erased) == 1 and len(outcome.kept) == 1
    visited.refresh_from_db()
    upcoming.refresh_from_db()
    assert visited.contact_phone == "" and visited.contact_name == ""
    assert upcoming.contact_phone == ME  # the visit is still to come
    assert VisitBooking.objects.get(reference="DEMO0002").contact_phone == OTHER


def test_portal_requests_are_listed_and_kept_with_the_reason(people, held, db):
    OnlineRequest.objects.create(order=held.order, phone_index=phone_index(ME), form_key="f1", consent_version="1")
    sections = {s.app: s for s in collectors.holdings(ME)}
    assert held.order.tracking_code in str(sections["portal"].as_data())
    assert "portal" not in {s.app for s in collectors.holdings(OTHER)}
    outcome = next(o for o in collectors.erase_all(ME) if o.app == "portal")
    assert not outcome.erased and outcome.kept
    assert OnlineRequest.objects.count() == 1


def test_every_collector_keeps_to_the_protocol(db):
    for module in collectors.collector_modules():
        assert isinstance(module.LABEL, str) and callable(module.holdings)
        assert module.holdings("+8613000000000") is not None
