"""Check-in by the venue's QR code (public page, one-time code) and by list."""

from datetime import timedelta

import pytest
from activities_helpers import PHONES, make_activity, move, running
from django.core.exceptions import PermissionDenied, ValidationError

from shiliu.activities.choices import ActivityStatus, RegistrationStatus
from shiliu.activities.models import Registration
from shiliu.activities.registrations import checkin_by_code, checkin_by_list, registration_create
from shiliu.activities.services import activity_set_status
from shiliu.audit.models import AuditEvent
from shiliu.core import ratelimit


def register(activity, by, i=0):
    return registration_create(activity=activity, by=by, name=f"参加者{i}", phone=PHONES[i])[0]


@pytest.fixture
def now_running(people, tree):
    return running(people.worker, tree.xieshu, capacity=2)


def url(activity):
    return f"/activities/checkin/{activity.checkin_token}/"


def test_participant_checks_in_on_a_phone_without_an_account(client, people, now_running):
    registration = register(now_running, people.worker)
    page = client.get(url(now_running))
    assert page.status_code == 200 and now_running.title in page.content.decode()
    assert 'inputmode="numeric"' in page.content.decode()
    spaced = f"{registration.code[:4]} {registration.code[4:]}"  # as the SMS shows it
    response = client.post(url(now_running), {"code": spaced})
    assert response.status_code == 200
    assert "checked in" in response.content.decode().lower() or "签到" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CHECKED_IN and registration.checked_in_by is None
    event = AuditEvent.objects.get(action="activity.checkin")
    assert event.actor is None and event.detail["via"] == "code"


def test_double_check_in_is_refused_with_the_time_of_the_first(client, people, now_running):
    registration = register(now_running, people.worker)
    assert client.post(url(now_running), {"code": registration.code}).status_code == 200
    response = client.post(url(now_running), {"code": registration.code}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert "Already checked in at" in response.content.decode()
    assert AuditEvent.objects.filter(action="activity.checkin").count() == 1


def test_check_in_outside_the_time_window_is_refused(client, people, tree):
    activity = make_activity(people.worker, tree.xieshu)  # in three days
    registration = register(activity, people.worker)
    early = client.post(url(activity), {"code": registration.code}, HTTP_ACCEPT_LANGUAGE="en")
    assert early.status_code == 422 and "Check-in opens at" in early.content.decode()
    move(activity, starts_in=-timedelta(minutes=25))  # opens 30 minutes before: still open
    move(activity, starts_in=timedelta(minutes=25))
    assert client.post(url(activity), {"code": registration.code}).status_code == 200
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.REGISTERED)
    move(activity, starts_in=-timedelta(hours=3), hours=2)  # ended an hour ago
    late = client.post(url(activity), {"code": registration.code}, HTTP_ACCEPT_LANGUAGE="en")
    assert late.status_code == 422 and "Check-in closed" in late.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.REGISTERED


def test_a_bad_code_is_refused_next_to_the_field_in_chinese(client, people, now_running):
    registration = register(now_running, people.worker)
    wrong = "1" * 8 if registration.code != "1" * 8 else "2" * 8
    response = client.post(url(now_running), {"code": wrong})
    assert response.status_code == 422
    body = response.content.decode()
    assert "errorlist" in body and "没有" in body
    assert client.post(url(now_running), {"code": "abc"}).status_code == 422
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.REGISTERED


def test_the_code_of_another_activity_does_not_check_in_here(client, people, tree, now_running):
    other = running(people.worker, tree.xieshu, title="另一场")
    registration = register(other, people.worker)
    assert client.post(url(now_running), {"code": registration.code}).status_code == 422
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.REGISTERED


def test_waiting_list_and_cancelled_activity_cannot_check_in(client, people, now_running):
    register(now_running, people.worker, 0)
    register(now_running, people.worker, 1)
    waiting = register(now_running, people.worker, 2)
    with pytest.raises(ValidationError) as e:
        checkin_by_code(activity=now_running, code=waiting.code)
    assert "候补" in e.value.messages[0]
    activity_set_status(activity=now_running, by=people.worker, status=ActivityStatus.CANCELLED)
    first = Registration.objects.filter(activity=now_running, status=RegistrationStatus.REGISTERED).first()
    response = client.post(url(now_running), {"code": first.code}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422 and "cancelled" in response.content.decode()


def test_public_check_in_is_rate_limited(client, people, now_running, settings):
    registration = register(now_running, people.worker)
    for _ in range(ratelimit.CHECKIN.count):
        assert client.post(url(now_running), {"code": "00000000"}).status_code == 422
    response = client.post(url(now_running), {"code": registration.code})
    assert response.status_code == 429 and response["Retry-After"]
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.REGISTERED


def test_an_unknown_token_is_404(client, db):
    assert client.get("/activities/checkin/not-a-token/").status_code == 404


def test_organizer_checks_in_by_list(people, now_running):
    registration = register(now_running, people.worker)
    checkin_by_list(registration=registration, by=people.officer)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CHECKED_IN and registration.checked_in_by == people.officer
    with pytest.raises(ValidationError):
        checkin_by_list(registration=registration, by=people.officer)
    with pytest.raises(PermissionDenied):
        checkin_by_list(registration=register(now_running, people.worker, 1), by=people.other_worker)


def test_someone_who_checked_in_cannot_be_cancelled(people, now_running):
    from shiliu.activities.registrations import registration_cancel

    registration = register(now_running, people.worker)
    checkin_by_list(registration=registration, by=people.worker)
    with pytest.raises(ValidationError):
        registration_cancel(registration=registration, by=people.worker)


def test_leave_page_frees_a_place_with_the_code(client, people, tree):
    activity = make_activity(people.worker, tree.xieshu, capacity=1)
    holder = register(activity, people.worker, 0)
    waiting = register(activity, people.worker, 1)
    assert client.get(f"{url(activity)}leave/").status_code == 200
    response = client.post(f"{url(activity)}leave/", {"code": holder.code})
    assert response.status_code == 200
    assert Registration.objects.get(pk=holder.pk).status == RegistrationStatus.CANCELLED
    assert Registration.objects.get(pk=waiting.pk).status == RegistrationStatus.REGISTERED
