"""Parallel registrations never overbook (PostgreSQL: real parallel requests on separate connections)."""

import threading

from activities_helpers import PHONES, make_activity
from django.db import connection
from django.test import Client

from shiliu.activities.choices import RegistrationStatus
from shiliu.activities.models import Registration

PARALLEL = 12
CAPACITY = 5


def _run(workers) -> None:
    """PostgreSQL: all at once, released together. SQLite's in-memory test database serialises
    writers by locking (threads would fail with "table is locked" rather than race), so there
    the same requests run one after another; the race itself is proven in the PostgreSQL pass."""
    if connection.vendor != "postgresql":
        for work in workers:
            thread = threading.Thread(target=work)
            thread.start()
            thread.join()
        return
    threads = [threading.Thread(target=work) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def test_parallel_registrations_fill_the_places_and_queue_the_rest(transactional_db, people, tree, token_for):
    activity = make_activity(people.worker, tree.xieshu, capacity=CAPACITY)
    headers = token_for(people.worker)
    start = threading.Barrier(PARALLEL if connection.vendor == "postgresql" else 1)
    statuses: list[int] = []

    def register(i):
        def work():
            client = Client()
            try:
                start.wait(timeout=10)
                response = client.post(f"/api/v1/activities/{activity.pk}/registrations",
                                       {"name": f"并发{i}", "phone": PHONES[i]}, content_type="application/json",
                                       **headers)
                statuses.append(response.status_code)
            finally:
                connection.close()
        return work

    _run([register(i) for i in range(PARALLEL)])
    assert statuses.count(201) == PARALLEL, statuses
    held = Registration.objects.filter(activity=activity, status=RegistrationStatus.REGISTERED).count()
    waiting = Registration.objects.filter(activity=activity, status=RegistrationStatus.WAITLISTED)
    assert held == CAPACITY
    assert sorted(waiting.values_list("position", flat=True)) == list(range(1, PARALLEL - CAPACITY + 1))


def test_parallel_registrations_without_a_waiting_list_refuse_past_capacity(transactional_db, people, tree,
                                                                          token_for):
    activity = make_activity(people.worker, tree.xieshu, capacity=CAPACITY, waiting_list=False)
    headers = token_for(people.worker)
    start = threading.Barrier(PARALLEL if connection.vendor == "postgresql" else 1)
    statuses: list[int] = []

    def register(i):
        def work():
            try:
                start.wait(timeout=10)
                response = Client().post(f"/api/v1/activities/{activity.pk}/registrations",
                                         {"name": f"并发{i}", "phone": PHONES[i]}, content_type="application/json",
                                         **headers)
                statuses.append(response.status_code)
            finally:
                connection.close()
        return work

    _run([register(i) for i in range(PARALLEL)])
    assert sorted(statuses) == [201] * CAPACITY + [422] * (PARALLEL - CAPACITY)
    assert Registration.objects.filter(activity=activity).count() == CAPACITY
