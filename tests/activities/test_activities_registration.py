"""Registration: capacity, the waiting list (promotion, notice, leaving, no duplicates), idempotency."""

import pytest
from activities_helpers import PHONES, make_activity, sms
from django.core.exceptions import PermissionDenied, ValidationError

from shiliu.activities.choices import ActivityStatus, RegistrationSource, RegistrationStatus
from shiliu.activities.models import Registration
from shiliu.activities.registrations import (
    places_taken,
    registration_cancel,
    registration_create,
    registration_leave,
    waiting_rank,
)
from shiliu.activities.services import activity_publish, activity_set_status, activity_update
from shiliu.audit.models import AuditEvent


def register(activity, by, i, **kwargs):
    registration, _created = registration_create(activity=activity, by=by, name=f"参加者{i}", phone=PHONES[i],
                                                 **kwargs)
    return registration


def test_registration_gets_a_place_a_code_and_an_sms(people, lecture):
    registration = register(lecture, people.worker, 0)
    assert registration.status == RegistrationStatus.REGISTERED
    assert len(registration.code) == 8 and registration.code.isdigit()
    assert registration.phone == "+86" + PHONES[0] and registration.source == RegistrationSource.STAFF
    [message] = sms("activities.registered")
    assert message.phone == registration.phone
    assert registration.code[:4] in message.params["code"]
    assert "参加者" not in str(message.params)  # names stay out of the outbox
    assert AuditEvent.objects.filter(action="activity.registration.create").count() == 1


def test_past_capacity_without_a_waiting_list_is_refused_with_a_clear_message(people, tree):
    activity = make_activity(people.worker, tree.xieshu, capacity=2, waiting_list=False)
    register(activity, people.worker, 0)
    register(activity, people.worker, 1)
    with pytest.raises(ValidationError) as e:
        register(activity, people.worker, 2)
    assert "名额已满" in e.value.messages[0] and "2" in e.value.messages[0]
    assert Registration.objects.filter(activity=activity).count() == 2


def test_full_activity_puts_people_on_the_waiting_list_in_order(people, lecture):
    for i in range(3):
        register(lecture, people.worker, i)
    fourth, fifth = register(lecture, people.worker, 3), register(lecture, people.worker, 4)
    assert fourth.status == fifth.status == RegistrationStatus.WAITLISTED
    assert (waiting_rank(fourth), waiting_rank(fifth)) == (1, 2)
    assert places_taken(lecture) == 3
    assert len(sms("activities.waitlisted")) == 2


def test_a_freed_place_goes_to_the_first_waiting_who_is_told(people, lecture):
    first = register(lecture, people.worker, 0)
    for i in range(1, 3):
        register(lecture, people.worker, i)
    waiting = [register(lecture, people.worker, i) for i in (3, 4)]
    registration_cancel(registration=first, by=people.worker)
    promoted = Registration.objects.get(pk=waiting[0].pk)
    assert promoted.status == RegistrationStatus.REGISTERED and promoted.promoted_at is not None
    assert waiting_rank(Registration.objects.get(pk=waiting[1].pk)) == 1
    [message] = sms("activities.promoted")
    assert message.phone == promoted.phone and message.key == f"activities.promoted:{promoted.pk}"
    assert places_taken(lecture) == 3


def test_anyone_can_leave_the_waiting_list_with_their_code_and_nobody_is_promoted_for_it(people, lecture):
    for i in range(3):
        register(lecture, people.worker, i)
    waiting = register(lecture, people.worker, 3)
    behind = register(lecture, people.worker, 4)
    left = registration_leave(activity=lecture, code=waiting.code)
    assert left.status == RegistrationStatus.CANCELLED
    assert waiting_rank(Registration.objects.get(pk=behind.pk)) == 1
    assert not sms("activities.promoted")
    with pytest.raises(ValidationError):
        registration_leave(activity=lecture, code=waiting.code)  # already gone


def test_leaving_with_a_wrong_code_changes_nothing(people, lecture):
    registration = register(lecture, people.worker, 0)
    wrong = "1" * 8 if registration.code != "1" * 8 else "2" * 8
    with pytest.raises(ValidationError) as e:
        registration_leave(activity=lecture, code=wrong)
    assert "code" in e.value.message_dict
    with pytest.raises(ValidationError):
        registration_leave(activity=lecture, code="12")
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.REGISTERED


def test_nobody_is_registered_or_waiting_twice(people, lecture):
    for i in range(3):
        register(lecture, people.worker, i)
    register(lecture, people.worker, 3)
    with pytest.raises(ValidationError) as e:
        register(lecture, people.worker, 3)  # on the waiting list already
    assert "候补名单" in e.value.message_dict["phone"][0]
    with pytest.raises(ValidationError) as e:
        registration_create(activity=lecture, by=people.worker, name="同一人", phone="139 1234 0000")
    assert "已报名" in e.value.message_dict["phone"][0]
    assert Registration.objects.filter(activity=lecture).count() == 4


def test_after_cancelling_one_may_register_again(people, lecture):
    registration = register(lecture, people.worker, 0)
    registration_cancel(registration=registration, by=people.worker)
    again = register(lecture, people.worker, 0)
    assert again.status == RegistrationStatus.REGISTERED and again.pk != registration.pk


def test_a_larger_capacity_promotes_the_waiting(people, lecture):
    for i in range(5):
        register(lecture, people.worker, i)
    activity_update(activity=lecture, by=people.worker, version=lecture.version, capacity=4)
    assert places_taken(lecture) == 4
    assert len(sms("activities.promoted")) == 1


def test_bad_fields_are_reported_together_and_nothing_is_saved(people, lecture):
    with pytest.raises(ValidationError) as e:
        registration_create(activity=lecture, by=people.worker, name="", phone="12345")
    assert set(e.value.message_dict) == {"name", "phone"}
    assert not Registration.objects.exists()


def test_closed_cancelled_or_past_activities_take_no_registrations(people, tree, lecture):
    activity_set_status(activity=lecture, by=people.worker, status=ActivityStatus.CLOSED)
    with pytest.raises(ValidationError):
        register(lecture, people.worker, 0)
    from datetime import timedelta

    past = make_activity(people.worker, tree.xieshu, starts_in=-timedelta(days=2), status=ActivityStatus.PLANNED)
    with pytest.raises(ValidationError) as e:
        register(past, people.worker, 1)
    assert "已结束" in e.value.messages[0]


def test_online_registration_needs_a_published_activity_open_to_the_public(people, tree):
    activity = make_activity(people.worker, tree.xieshu, public_registration=True)
    with pytest.raises(ValidationError):
        registration_create(activity=activity, name="网上报名", phone=PHONES[9])
    activity_publish(activity=activity, by=people.worker, published=True)
    registration, _ = registration_create(activity=activity, name="网上报名", phone=PHONES[9])
    assert registration.source == RegistrationSource.ONLINE and registration.created_by is None


def test_staff_of_another_place_cannot_register_people(people, lecture):
    with pytest.raises(PermissionDenied):
        register(lecture, people.other_worker, 0)
    assert not Registration.objects.exists()


def test_cancelling_the_activity_tells_everyone_registered_or_waiting(people, lecture):
    for i in range(4):
        register(lecture, people.worker, i)
    activity_set_status(activity=lecture, by=people.worker, status=ActivityStatus.CANCELLED)
    assert len(sms("activities.cancelled")) == 4


def test_the_same_idempotency_key_returns_the_first_registration(people, lecture):
    first, created = registration_create(activity=lecture, by=people.worker, name="甲", phone=PHONES[0],
                                         request_key="k1", fingerprint="f1")
    again, created_again = registration_create(activity=lecture, by=people.worker, name="甲", phone=PHONES[0],
                                               request_key="k1", fingerprint="f1")
    assert created and not created_again and again.pk == first.pk
    with pytest.raises(ValidationError):
        registration_create(activity=lecture, by=people.worker, name="乙", phone=PHONES[1], request_key="k1",
                            fingerprint="f2")
    assert Registration.objects.count() == 1
