"""Signing up for a published activity with the verified phone."""

import sys
from pathlib import Path

import pytest
from portal_helpers import OTHER, verify

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "activities"))
from activities_helpers import make_activity, sms  # noqa: E402

from shiliu.activities.choices import RegistrationStatus  # noqa: E402
from shiliu.activities.models import Activity, Registration  # noqa: E402

pytestmark = pytest.mark.django_db


def _public(people, tree, **kwargs) -> Activity:
    activity = make_activity(people.worker, tree.xieshu, **kwargs)
    Activity.objects.filter(pk=activity.pk).update(published=True, public_registration=True)
    return Activity.objects.get(pk=activity.pk)


def test_a_verified_resident_signs_up_and_gets_the_checkin_code(client, people, tree):
    activity = _public(people, tree, capacity=2)
    verify(client)
    response = client.post(f"/portal/activities/{activity.pk}/sign-up/", {"name": "张三"})
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.REGISTERED and registration.phone == "+8613812345678"
    assert f"{registration.code[:4]} {registration.code[4:]}" in response.content.decode()
    assert [m.params["code"].replace(" ", "") for m in sms("activities.registered")] == [registration.code]


def test_twice_is_refused(client, people, tree):
    activity = _public(people, tree, capacity=2)
    verify(client)
    client.post(f"/portal/activities/{activity.pk}/sign-up/", {"name": "张三"})
    response = client.post(f"/portal/activities/{activity.pk}/sign-up/", {"name": "张三"})
    assert response.context["form"].non_field_errors()
    assert Registration.objects.count() == 1


def test_a_full_activity_puts_the_resident_on_the_waiting_list(client, people, tree):
    activity = _public(people, tree, capacity=1)
    Activity.objects.filter(pk=activity.pk).update(waiting_list=True)
    first = client.__class__()
    verify(first, OTHER, "+86" + OTHER)
    first.post(f"/portal/activities/{activity.pk}/sign-up/", {"name": "李四"})
    verify(client)
    response = client.post(f"/portal/activities/{activity.pk}/sign-up/", {"name": "张三"})
    mine = Registration.objects.get(phone_index__isnull=False, name="张三")
    assert mine.status == RegistrationStatus.WAITLISTED
    assert "waiting list" in response.content.decode() or "候补" in response.content.decode()


def test_an_unpublished_activity_is_404(client, people, tree):
    activity = make_activity(people.worker, tree.xieshu)
    verify(client)
    assert client.post(f"/portal/activities/{activity.pk}/sign-up/", {"name": "张三"}).status_code == 404
    assert not Registration.objects.exists()


def test_the_honeypot_filled_registers_nobody(client, people, tree):
    activity = _public(people, tree)
    verify(client)
    response = client.post(f"/portal/activities/{activity.pk}/sign-up/", {"name": "bot", "website": "x"})
    assert response.status_code == 400 and not Registration.objects.exists()


def test_the_list_shows_activities_open_for_sign_up(client, people, tree):
    activity = _public(people, tree, title="开放报名的讲座")
    hidden = make_activity(people.worker, tree.xieshu, title="内部活动")
    page = client.get("/portal/activities/").content.decode()
    assert activity.title in page and hidden.title not in page
