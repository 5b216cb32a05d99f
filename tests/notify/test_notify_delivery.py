"""Delivery: claim, send, mark; leases, retries with back-off, given up after the last try (H4)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from notify_helpers import PHONE

from shiliu.audit.models import AuditEvent
from shiliu.notify import backends, delivery, services
from shiliu.notify.choices import Channel, Status
from shiliu.notify.delivery import LEASE, MAX_ATTEMPTS, backoff, claim, deliver_due
from shiliu.notify.models import Outbox

PARAMS = {"number": "WO-1", "url": "http://127.0.0.1:8000/track/abc"}


def sms(key="order:1:opened", phone=PHONE, language="zh-hans"):
    services.send_sms(key=key, phone=phone, template="tests.order_ready", params=PARAMS, language=language)
    return Outbox.objects.get(key=key, channel=Channel.SMS)


def later(minutes: float):
    return timezone.now() + timedelta(minutes=minutes)


class Flaky:
    """An SMS backend that fails the first ``failures`` times."""

    calls = 0
    failures = 0
    error: Exception = backends.SendError("the gateway answered HTTP 503")

    def send(self, message):
        Flaky.calls += 1
        if Flaky.calls <= Flaky.failures:
            raise Flaky.error
        return backends.MemoryBackend().send(message)


@pytest.fixture
def flaky(settings):
    settings.SHILIU_SMS_BACKEND = "test_notify_delivery.Flaky"
    Flaky.calls, Flaky.failures, Flaky.error = 0, 0, backends.SendError("the gateway answered HTTP 503")
    return Flaky


def test_an_sms_is_sent_with_its_client_id_and_marked_sent(db):
    row = sms()
    assert deliver_due() == {"sent": 1}
    assert len(backends.sent) == 1
    message = backends.sent[0]
    assert message.to == PHONE and message.client_id == row.client_id and message.template == "tests.order_ready"
    assert "WO-1" in message.text and PARAMS["url"] in message.text
    row.refresh_from_db()
    assert row.status == Status.SENT and row.sent_at and row.attempts == 1 and row.provider_id == "memory-1"
    assert row.lease_until is None


def test_an_email_goes_to_the_user_with_the_link_and_a_stable_message_id(people, settings):
    settings.SHILIU_PUBLIC_URL = "https://shiliu.example.gov.cn"
    people.worker.email = "worker@example.org"
    people.worker.save()
    services.notify_user(key="e", user=people.worker, template="notify.welcome", params={"name": "小谢"},
                         link="/orders/5/")
    deliver_due()
    [email] = mail.outbox
    row = Outbox.objects.get(channel=Channel.EMAIL)
    assert email.to == ["worker@example.org"] and email.subject == "欢迎使用石榴，小谢"
    assert email.body.endswith("https://shiliu.example.gov.cn/orders/5/")
    assert email.extra_headers["Message-ID"] == f"<{row.client_id}@shiliu.example.gov.cn>"
    assert row.status == Status.SENT


def test_an_sms_is_rendered_in_its_own_language(db):
    sms(key="zh", language="zh-hans")
    sms(key="en", language="en")
    deliver_due()
    texts = sorted(m.text for m in backends.sent)
    assert any(t.startswith("Order WO-1: track it at") for t in texts)


def test_nothing_is_due_before_its_time(db):
    row = sms()
    Outbox.objects.filter(pk=row.pk).update(next_attempt_at=later(5))
    assert deliver_due() == {}
    assert backends.sent == []


def test_a_worker_that_dies_after_claiming_leaves_the_message_to_the_next_after_its_lease(db):
    row = sms()
    [claimed] = claim()  # ... and the worker dies here, before sending
    assert claimed.status == Status.SENDING and claimed.attempts == 1
    assert deliver_due() == {}, "while the lease runs, nobody else takes it"
    assert deliver_due(now=later(LEASE.total_seconds() / 60 + 1)) == {"sent": 1}
    row.refresh_from_db()
    assert row.status == Status.SENT and row.attempts == 2
    assert [m.client_id for m in backends.sent] == [row.client_id]


def test_a_worker_that_dies_after_the_gateway_accepted_resends_with_the_same_client_id(db, monkeypatch):
    """The gateway drops the repeat by its client id (see test_notify_backends for the HTTP side)."""
    row = sms()
    [claimed] = claim()

    def die_before_marking(row, **outcome):
        raise SystemExit("killed")  # the process ends between the gateway's accept and our commit

    monkeypatch.setattr(delivery, "_record", die_before_marking)
    with pytest.raises(SystemExit):
        delivery.deliver_one(claimed)
    monkeypatch.undo()
    assert Outbox.objects.get(pk=row.pk).status == Status.SENDING
    deliver_due(now=later(LEASE.total_seconds() / 60 + 1))
    assert [m.client_id for m in backends.sent] == [row.client_id, row.client_id]
    assert Outbox.objects.get(pk=row.pk).status == Status.SENT


def test_a_slow_batch_does_not_send_once_its_lease_is_nearly_over(db):
    row = sms()
    [claimed] = claim()
    claimed.lease_until = timezone.now() + timedelta(seconds=5)
    assert delivery.deliver_one(claimed) == "skipped"
    assert backends.sent == []
    assert Outbox.objects.get(pk=row.pk).status == Status.SENDING


def test_a_failed_attempt_waits_longer_each_time_then_the_message_is_given_up(db, flaky):
    flaky.failures = 100
    row = sms()
    now = timezone.now()
    waits = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        deliver_due(now=now)
        row.refresh_from_db()
        assert row.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            assert row.status == Status.FAILED and row.last_error == "the gateway answered HTTP 503"
            waits.append(row.next_attempt_at)
            assert deliver_due(now=now) == {} or row.next_attempt_at <= now  # not before its time
            now = row.next_attempt_at + timedelta(seconds=1)
    assert row.status == Status.DEAD
    assert backoff(1) == timedelta(seconds=30) and backoff(2) == timedelta(minutes=1)
    assert backoff(3) == timedelta(minutes=2) and backoff(20) == timedelta(hours=1)
    assert backends.sent == []
    assert deliver_due(now=later(24 * 60)) == {}, "a dead message is not tried again by itself"


def test_a_message_that_succeeds_on_a_later_attempt_is_sent_once(db, flaky):
    flaky.failures = 2
    row = sms()
    deliver_due()
    deliver_due(now=later(1))
    deliver_due(now=later(3))
    row.refresh_from_db()
    assert row.status == Status.SENT and row.attempts == 3 and len(backends.sent) == 1


def test_a_refusal_of_the_message_itself_gives_up_at_once(db, flaky):
    flaky.failures = 1
    flaky.error = backends.PermanentSendError("the gateway refused the message (HTTP 400)")
    row = sms()
    deliver_due()
    row.refresh_from_db()
    assert row.status == Status.DEAD and row.attempts == 1


def test_an_unexpected_error_is_stored_by_its_kind_only(db, flaky):
    """A library's message may quote the number; only the kind of error is kept."""
    flaky.failures = 1
    flaky.error = RuntimeError(f"could not send to {PHONE}")
    row = sms()
    deliver_due()
    row.refresh_from_db()
    assert row.status == Status.FAILED and row.last_error == "RuntimeError"


def test_an_interrupted_last_attempt_is_given_up(db):
    row = sms()
    Outbox.objects.filter(pk=row.pk).update(status=Status.SENDING, attempts=MAX_ATTEMPTS,
                                            lease_until=timezone.now() - timedelta(seconds=1))
    assert deliver_due() == {}
    row.refresh_from_db()
    assert row.status == Status.DEAD and backends.sent == []


def test_an_email_to_a_user_who_lost_the_address_is_given_up(people):
    people.worker.email = "worker@example.org"
    people.worker.save()
    services.notify_user(key="e", user=people.worker, template="notify.welcome", params={"name": "x"})
    people.worker.email = ""
    people.worker.save()
    deliver_due()
    assert Outbox.objects.get(channel=Channel.EMAIL).status == Status.DEAD
    assert mail.outbox == []


def test_the_administrator_sends_a_dead_message_again_and_it_is_audited(people, flaky):
    flaky.failures = 1
    flaky.error = backends.PermanentSendError("the gateway refused the message (HTTP 400)")
    row = sms()
    deliver_due()
    services.outbox_retry(message=Outbox.objects.get(pk=row.pk), by=people.admin)
    row.refresh_from_db()
    assert row.status == Status.PENDING and row.attempts == 0 and row.last_error == ""
    assert AuditEvent.objects.filter(action="notify.outbox.retry", target_id=str(row.pk)).exists()
    deliver_due()
    row.refresh_from_db()
    assert row.status == Status.SENT and [m.client_id for m in backends.sent] == [row.client_id]


def test_only_a_dead_message_can_be_sent_again_and_only_by_the_administrator(people):
    from django.core.exceptions import PermissionDenied, ValidationError

    row = sms()
    with pytest.raises(ValidationError):
        services.outbox_retry(message=row, by=people.admin)
    Outbox.objects.filter(pk=row.pk).update(status=Status.DEAD)
    with pytest.raises(PermissionDenied):
        services.outbox_retry(message=row, by=people.officer)
    assert Outbox.objects.get(pk=row.pk).status == Status.DEAD


def test_the_notify_send_command_delivers_what_is_due(db, capsys):
    sms(key="a")
    sms(key="b")
    call_command("notify_send")
    assert "sent 2" in capsys.readouterr().out
    assert len(backends.sent) == 2
    call_command("notify_send")
    assert "nothing was due" in capsys.readouterr().out


def test_the_worker_runs_the_delivery_every_thirty_seconds():
    from shiliu.core.tasks import periodic_tasks
    from shiliu.notify.tasks import deliver_outbox

    assert (deliver_outbox, timedelta(seconds=30)) in periodic_tasks()


def test_the_task_delivers(db):
    from shiliu.notify.tasks import deliver_outbox

    sms()
    assert deliver_outbox.call() == {"sent": 1}


def test_old_messages_are_pruned(people):
    from shiliu.notify.models import Notification
    from shiliu.notify.tasks import prune_notifications

    old = timezone.now() - timedelta(days=400)
    services.notify_user(key="old", user=people.worker, template="notify.welcome", params={"name": "x"})
    services.notify_user(key="new", user=people.worker, template="notify.welcome", params={"name": "x"})
    Outbox.objects.filter(key="old").update(created_at=old)
    Notification.objects.filter(outbox__key="old").update(created_at=old)
    dead = sms(key="dead")
    Outbox.objects.filter(pk=dead.pk).update(status=Status.DEAD, created_at=timezone.now() - timedelta(days=100))
    assert prune_notifications.call() == {"sent": 1, "dead": 0, "notifications": 1}
    assert set(Outbox.objects.values_list("key", flat=True)) == {"new", "dead"}
