"""E3: the audit trail is append-only in code and in the database, and the hash chain
shows any row changed or removed behind the code's back."""

import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, OperationalError, connection, transaction

from dbtriggers import lift_audit_triggers
from shiliu.audit.models import AuditEvent
from shiliu.audit.services import audit_security, audit_verify_chain, audit_write


@pytest.fixture
def events(people):
    return [audit_write(by=people.worker, action=f"test.{i}", target=people.worker) for i in range(3)]


# --- in code -----------------------------------------------------------------------------------


def test_the_orm_cannot_update_or_delete_a_record(events):
    event = events[0]
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="changed")
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.bulk_update([event], ["reason"])
    event.reason = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


# --- in the database -------------------------------------------------------------------------


@pytest.mark.parametrize("statement", [
    "UPDATE audit_auditevent SET reason = 'changed' WHERE id = %s",
    "DELETE FROM audit_auditevent WHERE id = %s",
])
def test_raw_sql_update_and_delete_are_refused_by_the_database(events, statement):
    event = events[1]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, [event.pk])
    row = AuditEvent.objects.get(pk=event.pk)
    assert (row.reason, row.hash) == ("", event.hash)


def test_emptying_the_table_is_refused(events):
    """TRUNCATE on PostgreSQL; SQLite has no TRUNCATE, its "DELETE FROM t" is refused instead."""
    statement = "TRUNCATE audit_auditevent CASCADE" if connection.vendor == "postgresql" else (
        "DELETE FROM audit_auditevent")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # run pending deferred FK checks first
        cursor.execute(statement)
    assert AuditEvent.objects.filter(pk__in=[e.pk for e in events]).count() == 3


# --- the chain ---------------------------------------------------------------------------------


def test_the_chain_holds_and_the_command_says_so(events, capsys):
    checked, broken = audit_verify_chain()
    assert checked == AuditEvent.objects.count() and broken == []
    call_command("audit_verify")
    assert "chain holds" in capsys.readouterr().out


def test_a_changed_row_is_detected_by_the_chain_and_the_command(events):
    lift_audit_triggers()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = 'covered up' WHERE id = %s", [events[1].pk])
    assert audit_verify_chain()[1] == [events[1].pk]
    with pytest.raises(CommandError, match=str(events[1].pk)):
        call_command("audit_verify")


def test_a_removed_row_is_detected_at_the_next_one(events):
    lift_audit_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    assert audit_verify_chain()[1] == [events[2].pk]


def test_a_rewritten_row_with_a_recomputed_hash_breaks_the_next_link(events):
    lift_audit_triggers()
    forged = AuditEvent.objects.get(pk=events[1].pk)
    forged.reason = "forged"
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET reason = %s, hash = %s WHERE id = %s",
                       ["forged", forged.compute_hash(), forged.pk])
    assert audit_verify_chain()[1] == [events[2].pk]


# --- concurrent appends --------------------------------------------------------------------------


APPENDS = 25


def _append_retrying(**fields) -> None:
    # The test database of SQLite is in memory with a shared cache, where a busy table
    # answers "locked" at once instead of waiting; a real file database waits. Retry
    # then: each append is atomic, so a refused one left nothing behind.
    for _attempt in range(500):
        try:
            audit_security(**fields)
            return
        except OperationalError as e:
            if "locked" not in str(e):
                raise
            time.sleep(0.002)
    raise AssertionError("the audit table stayed locked")


def test_concurrent_appends_keep_the_chain_intact(transactional_db):
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def append(name: str) -> None:
        try:
            start.wait()
            for i in range(APPENDS):
                _append_retrying(action=f"test.concurrent.{i}", username=name)
        except BaseException as e:  # noqa: BLE001 - reported by the main thread
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(name,)) for name in ("one", "two")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    rows = list(AuditEvent.objects.filter(action__startswith="test.concurrent.").values_list("prev_hash", flat=True))
    assert len(rows) == 2 * APPENDS
    assert len(set(AuditEvent.objects.values_list("prev_hash", flat=True))) == AuditEvent.objects.count()  # no fork
    checked, broken = audit_verify_chain()
    assert checked == AuditEvent.objects.count() and broken == []


def test_the_triggers_are_back_after_the_transactional_test_above(events):
    """Runs after the concurrent test in this file: its flush must not leave the trail unprotected."""
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[0].pk])
