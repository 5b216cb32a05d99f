"""The public booking page: no account, only museums that take online bookings, rate limited."""

from datetime import timedelta

from culture_helpers import past_slot
from django.utils import timezone

from shiliu.audit.models import AuditEvent
from shiliu.culture.models import VisitBooking
from shiliu.culture.museum import slot_create

FORM = {"group_name": "岷山社区青少年", "group_size": 12, "contact_name": "钱老师", "contact_phone": "13900002222"}


def test_a_group_books_online_and_the_booking_waits_for_staff(culture, client):
    url = f"/culture/visit/{culture.museum.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {**FORM, "slot": culture.slot.pk})
    booking = VisitBooking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/culture/visit/{culture.museum.pk}/done/?ref={booking.reference}"
    assert (booking.status, booking.source, booking.created_by) == ("requested", "public", None)
    done = client.get(response["Location"])
    assert booking.reference in done.content.decode()
    assert AuditEvent.objects.get(action="culture.booking.create").actor is None


def test_online_booking_refuses_too_large_a_group_and_a_slot_not_offered(culture, client):
    url = f"/culture/visit/{culture.museum.pk}/"
    response = client.post(url, {**FORM, "group_size": 31, "slot": culture.slot.pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["group_size"] == [
        "An online request may hold at most 15 places. For a larger group, please call the museum."]
    # an anonymous request never holds a whole slot: at most half of it
    response = client.post(url, {**FORM, "group_size": 16, "slot": culture.slot.pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert "at most 15 places" in response.context["form"].errors["group_size"][0]
    gone = past_slot(culture.museum)
    response = client.post(url, {**FORM, "slot": gone.pk})
    assert "slot" in response.context["form"].errors
    response = client.post(url, {**FORM, "slot": culture.other_slot.pk})  # another museum's slot
    assert "slot" in response.context["form"].errors
    assert not VisitBooking.objects.exists()


def test_full_and_past_slots_are_not_offered(people, culture, client):
    start = timezone.now() + timedelta(days=4)
    full = slot_create(museum=culture.museum, by=people.admin, starts_at=start, ends_at=start + timedelta(hours=1),
                       capacity=5)
    VisitBooking.objects.create(slot=full, group_name="满", group_size=5, contact_name="甲",
                                contact_phone="+8613900000000", reference="FULL0001")
    past_slot(culture.museum)
    choices = [value for value, _label in client.get(f"/culture/visit/{culture.museum.pk}/").context["form"]
               .fields["slot"].choices]
    assert choices == [culture.slot.pk]


def test_a_museum_without_online_booking_has_no_public_page(culture, client):
    assert client.get(f"/culture/visit/{culture.other_museum.pk}/").status_code == 404
    assert client.post(f"/culture/visit/{culture.other_museum.pk}/", {**FORM, "slot": culture.other_slot.pk}
                       ).status_code == 404
    assert not VisitBooking.objects.exists()


def test_online_bookings_are_rate_limited_per_address(culture, client):
    url = f"/culture/visit/{culture.museum.pk}/"
    for _i in range(5):
        client.post(url, {**FORM, "group_size": 1, "slot": culture.slot.pk})
    response = client.post(url, {**FORM, "group_size": 1, "slot": culture.slot.pk})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert VisitBooking.objects.count() == 5


def test_any_offered_slot_can_be_chosen_not_only_the_first(people, culture, client):
    start = timezone.now() + timedelta(days=5)
    later = slot_create(museum=culture.museum, by=people.admin, starts_at=start, ends_at=start + timedelta(hours=1),
                        capacity=30)
    response = client.post(f"/culture/visit/{culture.museum.pk}/", {**FORM, "slot": later.pk})
    assert response.status_code == 302
    assert VisitBooking.objects.get().slot == later
