"""The museum: slots with a capacity in people, bookings refused past capacity or for a past slot,
confirmation with a guide, declines and cancellations that free places, the visit recorded."""

from datetime import timedelta

import pytest
from culture_helpers import PAGE_BASE_QUERIES, PHONE, PHONE_MASKED, audit_queries, past_slot
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion
from shiliu.culture.models import VisitBooking, VisitSlot
from shiliu.culture.museum import (
    booking_cancel,
    booking_confirm,
    booking_create,
    booking_decline,
    booking_record_visit,
    held,
    slot_create,
)

GROUP = {"group_name": "大碶示范小学四（2）班", "contact_name": "赵老师", "contact_phone": PHONE}


def book(slot, by, size, **extra):
    return booking_create(slot=slot, by=by, group_size=size, **{**GROUP, **extra})


def test_a_booking_holds_places_and_a_group_too_large_is_refused_with_the_places_left(people, culture, login,
                                                                                       client):
    book(culture.slot, people.officer, 20)
    login(people.officer)
    response = client.post(f"/culture/slots/{culture.slot.pk}/book/", {**GROUP, "group_size": 11},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["group_size"] == [
        "Only 10 places are left in this slot; the group has 11 people."]
    assert VisitBooking.objects.count() == 1
    response = client.post(f"/culture/slots/{culture.slot.pk}/book/", {**GROUP, "group_size": 10})
    assert response.status_code == 302
    response = client.post(f"/culture/slots/{culture.slot.pk}/book/", {**GROUP, "group_size": 1},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["group_size"] == ["This slot is full. Choose another time."]
    assert held(culture.slot) == 30


def test_a_booking_for_a_slot_that_has_begun_is_refused(people, culture):
    slot = past_slot(culture.museum)
    with pytest.raises(ValidationError) as exc:
        book(slot, people.officer, 5)
    assert "slot" in exc.value.message_dict
    assert not VisitBooking.objects.filter(slot=slot).exists()


def test_a_group_of_nobody_and_missing_names_are_refused_at_once(people, culture, login, client):
    login(people.officer)
    response = client.post(f"/culture/slots/{culture.slot.pk}/book/", {
        "group_name": "", "group_size": 0, "contact_name": "", "contact_phone": "12"}, HTTP_ACCEPT_LANGUAGE="en")
    errors = response.context["form"].errors
    assert errors["group_size"] == ["A group has at least one person."]
    assert set(errors) == {"group_name", "group_size", "contact_name", "contact_phone"}
    assert not VisitBooking.objects.exists()


def test_a_slot_needs_a_capacity_and_a_future_time(people, culture, login, client):
    login(people.officer)
    past = (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    earlier = (timezone.localtime() - timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/culture/museums/{culture.museum.pk}/slots/new/", {
        "starts_at": past, "ends_at": earlier, "capacity": 0}, HTTP_ACCEPT_LANGUAGE="en")
    errors = response.context["form"].errors
    assert errors["capacity"] == ["A slot needs room for at least one person."]
    assert errors["starts_at"] == ["A slot must start in the future."]
    assert errors["ends_at"] == ["A slot must end after it starts."]
    assert VisitSlot.objects.count() == 2
    start = timezone.localtime() + timedelta(days=3)
    response = client.post(f"/culture/museums/{culture.museum.pk}/slots/new/", {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"), "ends_at": (start + timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M"), "capacity": 25})
    assert response.status_code == 302
    assert VisitSlot.objects.filter(capacity=25).count() == 1


def test_staff_confirm_with_one_of_the_museums_guides(people, culture):
    booking = book(culture.slot, people.officer, 12)
    with pytest.raises(ValidationError) as exc:
        booking_confirm(booking=booking, by=people.officer, version=booking.version, guide=people.worker)
    assert "guide" in exc.value.message_dict
    confirmed = booking_confirm(booking=booking, by=people.officer, version=booking.version, guide=people.officer)
    assert confirmed.status == "confirmed" and confirmed.guide == people.officer and confirmed.version == 2
    with pytest.raises(StaleVersion):
        booking_cancel(booking=confirmed, by=people.officer, version=1)
    with pytest.raises(ValidationError):
        booking_decline(booking=confirmed, by=people.officer, version=2, reason="x")  # no longer a request
    event = AuditEvent.objects.get(action="culture.booking.confirm")
    assert event.detail == {"status": "confirmed", "guide": people.officer.pk}


def test_declining_and_cancelling_free_the_places(people, culture):
    first = book(culture.slot, people.officer, 20)
    second = book(culture.slot, people.officer, 10)
    with pytest.raises(ValidationError):
        book(culture.slot, people.officer, 5)
    with pytest.raises(ValidationError) as exc:
        booking_decline(booking=first, by=people.officer, version=first.version, reason="")
    assert "reason" in exc.value.message_dict
    booking_decline(booking=first, by=people.officer, version=first.version, reason="当天闭馆")
    assert held(culture.slot) == 10
    booking_cancel(booking=second, by=people.officer, version=second.version, reason="班级改期")
    assert held(culture.slot) == 0
    second.refresh_from_db()
    assert second.status == "cancelled" and "班级改期" in second.notes
    assert book(culture.slot, people.officer, 30).status == "requested"


def test_the_visit_is_recorded_after_the_slot_begins(people, culture):
    booking = book(culture.slot, people.officer, 12)
    booking = booking_confirm(booking=booking, by=people.officer, version=booking.version, guide=people.officer)
    with pytest.raises(ValidationError):
        booking_record_visit(booking=booking, by=people.officer, version=booking.version, visited_count=12)
    VisitSlot.objects.filter(pk=culture.slot.pk).update(starts_at=timezone.now() - timedelta(minutes=30))
    booking.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        booking_record_visit(booking=booking, by=people.officer, version=booking.version, visited_count=0)
    assert "visited_count" in exc.value.message_dict
    done = booking_record_visit(booking=booking, by=people.officer, version=booking.version, visited_count=11,
                                notes="两名学生请假")
    assert done.status == "visited" and done.visited_count == 11


def test_a_worker_and_an_outsider_cannot_book(people, culture):
    with pytest.raises(PermissionDenied):
        book(culture.slot, people.worker, 3)
    with pytest.raises(PermissionDenied):
        book(culture.slot, people.other_worker, 3)
    assert not VisitBooking.objects.exists()


def test_bookings_are_never_seen_outside_scope(people, culture, login, client):
    booking = book(culture.other_slot, people.admin, 5)
    login(people.officer)
    assert client.get(f"/culture/bookings/{booking.pk}/").status_code == 404
    assert client.post(f"/culture/bookings/{booking.pk}/cancel/", {"version": 1}).status_code == 404
    assert client.get(f"/culture/slots/{culture.other_slot.pk}/book/").status_code == 404
    assert booking.pk not in [r["booking"].pk for r in client.get("/culture/bookings/").context["rows"]]
    booking.refresh_from_db()
    assert booking.status == "requested"


def test_a_guide_sees_the_museums_bookings_masked_and_the_reading_is_audited(people, culture, login, client):
    booking = book(culture.slot, people.officer, 5)
    login(people.worker)
    assert client.get(f"/culture/bookings/{booking.pk}/").status_code == 404  # 谢墅 is below, not at, the museum
    culture.museum.guides.add(people.worker)
    response = client.get(f"/culture/bookings/{booking.pk}/")
    html = response.content.decode()
    assert PHONE_MASKED in html and PHONE not in html
    assert "confirm_form" not in response.context  # a worker sees, the officer decides
    assert AuditEvent.objects.filter(action="culture.booking.view", actor=people.worker).count() == 1


def test_confirm_decline_and_visit_through_the_page(people, culture, login, client):
    booking = book(culture.slot, people.officer, 8)
    login(people.officer)
    url = f"/culture/bookings/{booking.pk}/"
    response = client.post(url + "confirm/", {"version": 1, "guide": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["confirm_form"].errors["guide"] == ["Choose the guide for this group."]
    assert client.post(url + "confirm/", {"version": 1, "guide": people.officer.pk}).status_code == 302
    response = client.post(url + "confirm/", {"version": 1, "guide": people.officer.pk})
    assert "其他人" in response.content.decode()
    VisitSlot.objects.filter(pk=culture.slot.pk).update(starts_at=timezone.now() - timedelta(minutes=5))
    assert client.post(url + "visit/", {"version": 2, "visited_count": 8, "notes": ""}).status_code == 302
    booking.refresh_from_db()
    assert (booking.status, booking.visited_count, booking.guide) == ("visited", 8, people.officer)
    assert client.post(url + "explode/", {"version": 3}).status_code == 404


def test_bookings_export_masks_phones_and_is_audited(people, culture, login, client):
    import io

    from openpyxl import load_workbook

    book(culture.slot, people.officer, 8)
    login(people.officer)
    assert client.get("/culture/bookings/export.xlsx").status_code == 302  # the password first (C7)
    client.post("/accounts/reauth/", {"password": "Correct-Horse-42"})
    response = client.get("/culture/bookings/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][6] == PHONE_MASKED and PHONE not in str(rows)
    assert AuditEvent.objects.filter(action="culture.booking.export").count() == 1


def test_museum_page_shows_places_left(people, culture, login, client):
    book(culture.slot, people.officer, 12)
    login(people.worker)
    response = client.get(f"/culture/museums/{culture.museum.pk}/")
    slot = response.context["slots"][0]
    assert (slot.held, slot.left, slot.bookable) == (12, 18, True)
    assert f"/culture/slots/{culture.slot.pk}/book/" not in response.content.decode()  # a worker cannot book


def test_guides_must_work_at_or_around_the_museum(people, culture, login, client):
    login(people.officer)
    museum = culture.museum
    response = client.post(f"/culture/museums/{museum.pk}/edit/", {
        "name": museum.name, "place": museum.place_id, "guides": [people.other_worker.pk], "active": "on",
        "public": "on", "version": museum.version})
    assert "guides" in response.context["form"].errors
    response = client.post(f"/culture/museums/{museum.pk}/edit/", {
        "name": museum.name, "place": museum.place_id, "guides": [people.officer.pk, people.worker.pk],
        "active": "on", "public": "on", "version": museum.version})
    assert response.status_code == 302
    assert set(museum.guides.all()) == {people.officer, people.worker}


@pytest.mark.parametrize("extra", [0, 30])
def test_bookings_list_query_count_is_fixed(people, culture, login, client, django_assert_num_queries, extra):
    for i in range(extra):
        VisitBooking.objects.create(slot=culture.other_slot if i % 2 else culture.slot, group_name="团", group_size=1,
                                    contact_name="甲", contact_phone="+8613900000000", reference=f"R{i:07d}")
    book(culture.slot, people.officer, 1)
    login(people.officer)
    client.get("/")
    # count, one page with slot, museum, place and guide, the place filter's options, one audit record
    with django_assert_num_queries(PAGE_BASE_QUERIES + 3 + audit_queries()):
        client.get("/culture/bookings/")


def test_slot_create_refuses_a_capacity_of_zero_in_the_service(people, culture):
    start = timezone.now() + timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        slot_create(museum=culture.museum, by=people.officer, starts_at=start, ends_at=start + timedelta(hours=1),
                    capacity=0)
    assert list(exc.value.message_dict) == ["capacity"]
