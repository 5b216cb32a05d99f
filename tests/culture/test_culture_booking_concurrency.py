"""Parallel bookings of the last places never overbook a slot (SELECT ... FOR UPDATE on the slot).

Run on PostgreSQL this proves the row lock: without it, every thread reads the same free places
and several of them insert. On SQLite the IMMEDIATE transactions serialise the writers.
"""

import threading
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone

from shiliu.accounts.models import User
from shiliu.culture.models import VisitBooking
from shiliu.culture.museum import booking_create, held, museum_create, slot_create

THREADS = 8
GROUP = 4
CAPACITY = 10  # two groups of four fit; a third would overbook


def test_parallel_bookings_never_overbook(transactional_db, tree, people):
    museum = museum_create(by=people.admin, name="北仑区民族知识馆", place=tree.daqi)
    start = timezone.now() + timedelta(days=1)
    slot = slot_create(museum=museum, by=people.admin, starts_at=start, ends_at=start + timedelta(hours=1),
                       capacity=CAPACITY)
    officer_pk = people.officer.pk
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(n: int) -> None:
        close_old_connections()
        officer = User.objects.get(pk=officer_pk)
        barrier.wait()
        try:
            booking_create(slot=slot, by=officer, group_name=f"第{n}组", group_size=GROUP, contact_name="联系人",
                           contact_phone="13900001111")
            outcome = "booked"
        except ValidationError as exc:
            assert "group_size" in exc.message_dict, exc.message_dict
            outcome = "refused"
        except OperationalError:  # SQLite: the database stayed locked past the timeout; nothing written
            outcome = "busy"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert len(outcomes) == THREADS
    assert held(slot) <= CAPACITY
    assert VisitBooking.objects.filter(slot=slot).count() == outcomes.count("booked")
    if connection.vendor == "postgresql":
        # Every thread got an answer, and exactly the two groups that fit were booked.
        assert outcomes.count("booked") == CAPACITY // GROUP
        assert outcomes.count("refused") == THREADS - CAPACITY // GROUP
    else:
        assert outcomes.count("booked") <= CAPACITY // GROUP
