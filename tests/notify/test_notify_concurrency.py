"""Two deliverers at once never send one message twice (SECURITY.md H4).

Real commits and separate connections (one per thread): PostgreSQL's SKIP LOCKED, SQLite's
IMMEDIATE transactions. A transactional test, so each claim really commits.
"""

import threading
from collections import Counter

import pytest
from django.db import OperationalError, connection
from notify_helpers import PHONE

from shiliu.notify import backends, services
from shiliu.notify.choices import Status
from shiliu.notify.delivery import deliver_due
from shiliu.notify.models import Outbox

MESSAGES = 24


class SlowGateway:
    """Takes a little time per message, so that two deliverers overlap."""

    def send(self, message):
        threading.Event().wait(0.01)
        return backends.MemoryBackend().send(message)


class HeldGateway:
    """Holds the first message until told to go on: a deliverer paused mid-send."""

    holding = threading.Event()
    release = threading.Event()

    def send(self, message):
        if not HeldGateway.holding.is_set():
            HeldGateway.holding.set()
            assert HeldGateway.release.wait(10)
        return backends.MemoryBackend().send(message)


@pytest.fixture
def messages(transactional_db, settings):
    # Nothing may run at commit while the messages are written: the deliverers below do it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    for i in range(MESSAGES):
        services.send_sms(key=f"evt-{i}", phone=PHONE, template="tests.order_ready",
                          params={"number": str(i), "url": "u"})
    return list(Outbox.objects.values_list("dedupe", flat=True))


def run_in_threads(*targets):
    errors: list[BaseException] = []
    start = threading.Barrier(len(targets))

    def wrap(target):
        def run():
            try:
                start.wait(10)
                for _ in range(5000):
                    try:
                        target()
                        break
                    except OperationalError:
                        # The tests' in-memory SQLite (shared cache) refuses a second writer at
                        # once instead of waiting as a database file does: try again, as the
                        # worker's next run would.
                        threading.Event().wait(0.001)
            except BaseException as e:  # noqa: BLE001 - reported below
                errors.append(e)
            finally:
                connection.close()
        return run

    threads = [threading.Thread(target=wrap(t)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors


def test_two_deliverers_started_together_send_each_message_once(messages, settings):
    settings.SHILIU_SMS_BACKEND = "test_notify_concurrency.SlowGateway"
    by_thread: Counter[int] = Counter()

    def deliverer():
        by_thread[threading.get_ident()] += sum(deliver_due().values())

    run_in_threads(deliverer, deliverer)
    assert len(by_thread) == 2 and min(by_thread.values()) > 0, f"both deliverers took part: {by_thread}"
    sends = Counter(m.client_id for m in backends.sent)
    assert len(sends) == MESSAGES
    assert max(sends.values()) == 1, "a message was sent twice"
    assert set(Outbox.objects.values_list("status", flat=True)) == {Status.SENT}


def test_a_deliverer_paused_mid_send_is_not_overtaken_by_another(messages, settings):
    settings.SHILIU_SMS_BACKEND = "test_notify_concurrency.HeldGateway"
    HeldGateway.holding.clear()
    HeldGateway.release.clear()
    second_done = threading.Event()

    def first():
        deliver_due()

    def second():
        assert HeldGateway.holding.wait(10)
        deliver_due()  # takes what the first did not claim, never its claimed batch
        second_done.set()
        HeldGateway.release.set()

    run_in_threads(first, second)
    assert second_done.is_set()
    sends = Counter(m.client_id for m in backends.sent)
    assert len(sends) == MESSAGES and max(sends.values()) == 1
