"""/api/v1/culture: troupes, positions, the museum's slots and bookings, as JSON and problem+json."""

from datetime import timedelta

import pytest
from culture_helpers import PHONE, PHONE_MASKED, past_slot
from django.utils import timezone

from shiliu.audit.models import AuditEvent
from shiliu.culture.models import ArtTroupe, TroupeMember, VisitBooking, VisitSlot

API = "/api/v1/culture"
GROUP = {"group_name": "四（2）班", "contact_name": "赵老师", "contact_phone": PHONE}


def post(client, url, data, headers, **extra):
    return client.post(url, data, content_type="application/json", **headers, **extra)


def test_troupe_detail_hides_members_outside_scope(people, culture, token_for, client):
    own = client.get(f"{API}/troupes/{culture.troupe.pk}", **token_for(people.worker)).json()
    assert own["members"] == [{"id": culture.member.pk, "name": "古丽娜", "role": "leader",
                               "phone_masked": PHONE_MASKED}]
    other = client.get(f"{API}/troupes/{culture.other_troupe.pk}", **token_for(people.officer)).json()
    assert "members" not in other and other["can_edit"] is False
    assert client.get(f"{API}/troupes/{culture.other_private.pk}", **token_for(people.officer)).status_code == 404


def test_troupe_create_member_and_stale_patch(people, tree, token_for, client):
    headers = token_for(people.officer)
    response = post(client, f"{API}/troupes", {"name": "", "place": tree.xieshu.pk}, headers)
    assert response.status_code == 422 and "name" in response.json()["errors"]
    troupe = post(client, f"{API}/troupes", {"name": "九峰艺术团", "place": tree.jiufeng.pk}, headers).json()
    response = post(client, f"{API}/troupes/{troupe['id']}/members", {"name": "", "phone": "abc"}, headers)
    assert set(response.json()["errors"]) == {"name", "phone"}
    member = post(client, f"{API}/troupes/{troupe['id']}/members", {"name": "王芳", "role": "instructor"}, headers)
    assert member.status_code == 201
    url = f"{API}/troupes/{troupe['id']}"
    assert client.patch(url, {"version": 1, "status": "dormant"}, content_type="application/json",
                        **headers).status_code == 200
    assert client.patch(url, {"version": 1, "status": "disbanded"}, content_type="application/json",
                        **headers).status_code == 409
    assert ArtTroupe.objects.get(pk=troupe["id"]).status == "dormant"
    deleted = client.delete(f"{url}/members/{member.json()['id']}", **headers)
    assert deleted.status_code == 204 and not TroupeMember.objects.filter(troupe_id=troupe["id"]).exists()


def test_performances_and_positions(people, culture, token_for, client):
    headers = token_for(people.officer)
    day = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = post(client, f"{API}/troupes/{culture.troupe.pk}/performances",
                    {"date": day, "title": "汇演", "venue": "广场", "audience": 90}, headers)
    assert response.status_code == 201
    listed = client.get(f"{API}/performances", {"date_from": day}, **headers).json()
    assert listed["count"] == 1 and listed["items"][0]["audience"] == 90
    positions = client.get(f"{API}/positions", **headers).json()
    assert {p["name"] for p in positions["items"]} == {"谢墅民族团结长廊", "大港宣传栏"}
    response = client.patch(f"{API}/positions/{culture.other_position.pk}", {"version": 1, "active": False},
                            content_type="application/json", **headers)
    assert response.status_code == 403


def test_booking_through_the_api(people, culture, token_for, client):
    headers = token_for(people.officer)
    slots = client.get(f"{API}/museums/{culture.museum.pk}/slots", **headers).json()
    assert slots["items"][0]["left"] == 30
    url = f"{API}/slots/{culture.slot.pk}/bookings"
    response = post(client, url, {**GROUP, "group_size": 31}, headers, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert response.json()["errors"]["group_size"] == ["Only 30 places are left in this slot; the group has 31 people."]
    assert post(client, url, {**GROUP, "group_size": 0}, headers).status_code == 422
    booking = post(client, url, {**GROUP, "group_size": 25}, headers)
    assert booking.status_code == 201
    body = booking.json()
    assert body["contact_phone_masked"] == PHONE_MASKED and PHONE not in booking.content.decode()
    assert body["status"] == "requested"
    bid = body["id"]
    assert post(client, f"{API}/bookings/{bid}/confirm", {"version": 1, "guide_id": people.worker.pk},
                headers).status_code == 422
    confirmed = post(client, f"{API}/bookings/{bid}/confirm", {"version": 1, "guide_id": people.officer.pk}, headers)
    assert confirmed.json()["guide"]["id"] == people.officer.pk
    assert post(client, f"{API}/bookings/{bid}/cancel", {"version": 1}, headers).status_code == 409
    assert post(client, f"{API}/bookings/{bid}/cancel", {"version": 2, "reason": "改期"}, headers).json()[
        "status"] == "cancelled"
    assert client.get(f"{API}/museums/{culture.museum.pk}/slots", **headers).json()["items"][0]["left"] == 30


def test_a_past_slot_cannot_be_booked_through_the_api(people, culture, token_for, client):
    slot = past_slot(culture.museum)
    response = post(client, f"{API}/slots/{slot.pk}/bookings", {**GROUP, "group_size": 3}, token_for(people.officer))
    assert response.status_code == 422 and "slot" in response.json()["errors"]
    assert not VisitBooking.objects.exists()


def test_a_slot_of_capacity_zero_is_refused(people, culture, token_for, client):
    start = timezone.now() + timedelta(days=3)
    response = post(client, f"{API}/museums/{culture.museum.pk}/slots", {
        "starts_at": start.isoformat(), "ends_at": (start + timedelta(hours=1)).isoformat(), "capacity": 0},
        token_for(people.officer))
    assert response.status_code == 422 and list(response.json()["errors"]) == ["capacity"]
    assert VisitSlot.objects.count() == 2


def test_bookings_list_is_scoped_and_audited(people, culture, token_for, client):
    headers = token_for(people.admin)
    post(client, f"{API}/slots/{culture.slot.pk}/bookings", {**GROUP, "group_size": 3}, headers)
    post(client, f"{API}/slots/{culture.other_slot.pk}/bookings", {**GROUP, "group_size": 3}, headers)
    listed = client.get(f"{API}/bookings", **token_for(people.officer)).json()
    assert listed["count"] == 1
    event = AuditEvent.objects.filter(action="culture.booking.list").latest("id")
    assert event.actor == people.officer and event.detail["count"] == 1
    other = VisitBooking.objects.get(slot=culture.other_slot)
    assert client.get(f"{API}/bookings/{other.pk}", **token_for(people.officer)).status_code == 404


def test_a_worker_cannot_book_and_nothing_is_saved(people, culture, token_for, client):
    response = post(client, f"{API}/slots/{culture.slot.pk}/bookings", {**GROUP, "group_size": 3},
                    token_for(people.worker))
    assert response.status_code == 403
    assert not VisitBooking.objects.exists()


@pytest.mark.parametrize("kind", ["troupes", "performances", "positions", "bookings"])
def test_every_list_exports_as_xlsx(people, culture, token_for, client, kind):
    response = client.get(f"{API}/{kind}/export", **token_for(people.officer))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
