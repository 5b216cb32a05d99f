"""Writing to the outbox: in the caller's transaction, once per event (SECURITY.md H4)."""

import pytest
from django.db import connection, transaction
from notify_helpers import PHONE

from shiliu.access.policy import Cap
from shiliu.accounts.models import Role, User
from shiliu.accounts.services import role_grant
from shiliu.notify import backends, services
from shiliu.notify.choices import Channel, Status
from shiliu.notify.delivery import deliver_due
from shiliu.notify.models import Notification, Outbox


def welcome(user, key="evt-1", **extra):
    services.notify_user(key=key, user=user, template="notify.welcome", params={"name": "x"}, **extra)


def test_notify_user_writes_the_in_app_notification_at_once_and_an_email_to_send(people):
    people.worker.email = "worker@example.org"
    people.worker.save()
    welcome(people.worker, link="/orders/1/")
    inapp = Outbox.objects.get(channel=Channel.INAPP)
    assert inapp.status == Status.SENT and inapp.recipient == people.worker
    notification = Notification.objects.get()
    assert notification.user == people.worker and notification.link == "/orders/1/" and notification.read_at is None
    email = Outbox.objects.get(channel=Channel.EMAIL)
    assert email.status == Status.PENDING and email.attempts == 0
    assert services.unread_count(people.worker) == 1


def test_no_email_row_for_a_user_without_an_address(people):
    welcome(people.worker)
    assert list(Outbox.objects.values_list("channel", flat=True)) == [Channel.INAPP]


def test_a_disabled_user_gets_nothing(people):
    people.worker.is_active = False
    people.worker.save()
    welcome(people.worker)
    assert not Outbox.objects.exists() and not Notification.objects.exists()


def test_the_same_key_twice_is_one_message_and_one_send(people):
    people.worker.email = "worker@example.org"
    people.worker.save()
    services.send_sms(key="order:1:opened", phone=PHONE, template="tests.order_ready",
                      params={"number": "1", "url": "u"})
    services.send_sms(key="order:1:opened", phone=PHONE, template="tests.order_ready",
                      params={"number": "1", "url": "u"})
    welcome(people.worker)
    welcome(people.worker)
    assert Outbox.objects.filter(channel=Channel.SMS).count() == 1
    assert Outbox.objects.filter(channel=Channel.EMAIL).count() == 1
    assert Notification.objects.count() == 1
    deliver_due()
    deliver_due()
    assert len(backends.sent) == 1
    from django.core import mail
    assert len(mail.outbox) == 1


def test_the_same_key_for_another_recipient_or_channel_is_another_message(people):
    welcome(people.worker)
    welcome(people.officer)
    services.send_sms(key="evt-1", phone=PHONE, template="tests.order_ready", params={"number": "1", "url": "u"})
    services.send_sms(key="evt-1", phone="+8613800000000", template="tests.order_ready",
                      params={"number": "1", "url": "u"})
    assert Outbox.objects.count() == 4


def test_a_failed_change_leaves_nothing_in_the_outbox(people):
    people.worker.email = "worker@example.org"
    people.worker.save()
    with pytest.raises(RuntimeError), transaction.atomic():
        welcome(people.worker)
        services.send_sms(key="k", phone=PHONE, template="tests.order_ready", params={"number": "1", "url": "u"})
        raise RuntimeError("the work order change failed after notifying")
    assert not Outbox.objects.exists() and not Notification.objects.exists()
    deliver_due()
    assert backends.sent == []


def test_the_phone_is_stored_encrypted(people):
    services.send_sms(key="k", phone=PHONE, template="tests.order_ready", params={"number": "1", "url": "u"})
    row = Outbox.objects.get()
    assert row.phone == PHONE
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, dedupe FROM notify_outbox WHERE id = %s", [row.pk])
        raw_phone, dedupe = cursor.fetchone()
    assert PHONE[3:] not in raw_phone and PHONE[3:] not in dedupe


@pytest.mark.parametrize("phone", ["13912345678", "+86 139 1234 5678", "", "+0123456789"])
def test_send_sms_refuses_a_number_not_in_e164(people, phone):
    with pytest.raises(ValueError):
        services.send_sms(key="k", phone=phone, template="tests.order_ready", params={"number": "1", "url": "u"})
    assert not Outbox.objects.exists()


@pytest.mark.parametrize("mistake, error", [
    ({"template": "nobody.knows_this"}, LookupError),
    ({"params": {}}, KeyError),  # the text needs %(name)s
    ({"params": {"name": object()}}, TypeError),  # not JSON
    ({"link": "https://elsewhere.example/"}, ValueError),
    ({"link": "//elsewhere.example/"}, ValueError),
    ({"key": ""}, ValueError),
])
def test_a_callers_mistake_is_refused_when_written_not_in_the_worker(people, mistake, error):
    arguments = {"key": "k", "user": people.worker, "template": "notify.welcome", "params": {"name": "x"}}
    with pytest.raises(error):
        services.notify_user(**{**arguments, **mistake})
    assert not Outbox.objects.exists()


def make_user(username, role, place):
    user = User.objects.create(username=username)
    role_grant(user=user, role=role, place=place, by=None)
    return user


def test_notify_place_tells_those_holding_the_capability_at_exactly_that_place(people, tree):
    second = make_user("xieshu_worker_2", Role.COMMUNITY_WORKER, tree.xieshu)
    make_user("xieshu_off", Role.COMMUNITY_WORKER, tree.xieshu).role_assignments.update(is_active=False)
    disabled = make_user("xieshu_gone", Role.COMMUNITY_WORKER, tree.xieshu)
    disabled.is_active = False
    disabled.save()
    role_grant(user=people.officer, role=Role.SUBDISTRICT_OFFICER, place=tree.jiufeng, by=None)
    count = services.notify_place(key="order:7:dispatched", place=tree.xieshu, cap=Cap.ORDER_HANDLE,
                                  template="notify.welcome", params={"name": "x"}, link="/orders/7/")
    assert count == 2
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"xieshu_worker", second.username}
    # the officer of the subdistrict above is not told; nor is a role without the capability
    assert services.notify_place(key="e2", place=tree.daqi, cap=Cap.ORDER_HANDLE,
                                 template="notify.welcome", params={"name": "x"}) == 1  # the officer at 大碶
    assert services.notify_place(key="e3", place=tree.daqi, cap=Cap.HOTLINE_TAKE,
                                 template="notify.welcome", params={"name": "x"}) == 1  # the operator
    assert services.notify_place(key="e4", place=tree.daqi, cap=Cap.AUDIT_VIEW,
                                 template="notify.welcome", params={"name": "x"}) == 0
    with pytest.raises(ValueError):
        services.notify_place(key="e5", place=tree.daqi, cap="no.such.cap", template="notify.welcome",
                              params={"name": "x"})


def test_delivery_is_asked_for_once_per_transaction_after_the_commit(people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            for i in range(3):
                services.send_sms(key=f"k{i}", phone=PHONE, template="tests.order_ready",
                                  params={"number": str(i), "url": "u"})
            assert backends.sent == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    with django_capture_on_commit_callbacks() as callbacks:
        welcome(people.worker)  # in-app only: nothing for the worker to do
    assert callbacks == []


def test_the_immediate_run_at_commit_delivers_and_a_failure_there_never_reaches_the_caller(
        people, settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_sms(key="a", phone=PHONE, template="tests.order_ready", params={"number": "1", "url": "u"})
    assert Outbox.objects.get().status == Status.SENT and len(backends.sent) == 1

    settings.SHILIU_SMS_BACKEND = "no-such-backend"  # delivery itself breaks
    with django_capture_on_commit_callbacks(execute=True):
        services.send_sms(key="b", phone=PHONE, template="tests.order_ready", params={"number": "2", "url": "u"})
    assert Outbox.objects.get(key="b").status == Status.FAILED  # recorded; the caller went on


def test_an_exception_in_the_delivery_run_does_not_undo_or_break_the_callers_change(
        people, monkeypatch, django_capture_on_commit_callbacks):
    from shiliu.notify import delivery

    def broken(**kwargs):
        raise ConnectionError("the database went away")

    monkeypatch.setattr(delivery, "deliver_due", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_sms(key="c", phone=PHONE, template="tests.order_ready", params={"number": "3", "url": "u"})
    assert Outbox.objects.get(key="c").status == Status.PENDING  # the periodic run will send it
