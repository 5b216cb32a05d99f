"""Writing to the outbox costs few round trips: no savepoints, the dedupe decided by the
INSERT itself, and one wake-up of the worker for a burst of commits."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from notify_helpers import PHONE

from shiliu.access.policy import Cap
from shiliu.notify import services, tasks
from shiliu.notify.models import Notification, Outbox

pytestmark = pytest.mark.django_db


def test_telling_a_place_is_one_read_and_two_inserts_per_person(people, tree):
    with CaptureQueriesContext(connection) as ctx:
        count = services.notify_place(key="order:1:dispatched", place=tree.xieshu, cap=Cap.ORDER_HANDLE,
                                      template="notify.welcome", params={"name": "x"}, link="/orders/1/")
    assert count == 1
    statements = [q["sql"] for q in ctx.captured_queries]
    assert not [s for s in statements if "SAVEPOINT" in s]
    assert len(statements) == 3  # who holds the capability there; the outbox row; the notification


def test_the_same_key_again_inserts_nothing_and_leaves_the_transaction_usable(people, tree):
    for _ in range(2):
        services.notify_place(key="order:2:dispatched", place=tree.xieshu, cap=Cap.ORDER_HANDLE,
                              template="notify.welcome", params={"name": "x"})
        services.send_sms(key="order:2:sms", phone=PHONE, template="tests.order_ready",
                          params={"number": "2", "url": "u"})
    assert Outbox.objects.filter(key="order:2:dispatched").count() == 1
    assert Outbox.objects.filter(key="order:2:sms").count() == 1
    assert Notification.objects.count() == 1


class _Recorder:
    """Stands in for the deliver_outbox task of a backend that can run a task later."""

    supports_defer = True

    def __init__(self):
        self.enqueued: list = []
        self._run_after = None

    def get_backend(self):
        return self

    def using(self, *, run_after):
        self._run_after = run_after
        return self

    def enqueue(self):
        self.enqueued.append(self._run_after)


def test_a_burst_of_commits_wakes_the_worker_once_a_second(monkeypatch):
    recorder = _Recorder()
    monkeypatch.setattr(tasks, "deliver_outbox", recorder)
    monkeypatch.setattr(services, "_next_wake", None)
    before = timezone.now()
    for _ in range(5):
        services._enqueue_delivery()
    assert len(recorder.enqueued) == 1
    # the one wake-up runs after every commit that relied on it
    assert recorder.enqueued[0] >= before + services.WAKE_DELAY
    # once it is due, the next commit asks for another
    monkeypatch.setattr(services, "_next_wake", timezone.now() - timedelta(milliseconds=1))
    services._enqueue_delivery()
    assert len(recorder.enqueued) == 2
