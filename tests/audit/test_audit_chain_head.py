"""The chain's head (PostgreSQL: one row moved in the statement that appends a record): the
trail stays one verifiable chain whatever happens to the head or to a transaction."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from shiliu.audit.models import AuditEvent, ChainHead
from shiliu.audit.services import GENESIS, audit_security, audit_verify_chain

pytestmark = pytest.mark.django_db


def _appended(n: int, prefix: str = "test.head") -> list[AuditEvent]:
    return [audit_security(action=f"{prefix}.{i}", username="someone") for i in range(n)]


def test_each_record_links_to_the_one_before_and_the_chain_verifies():
    first, second, third = _appended(3)
    assert (second.prev_hash, third.prev_hash) == (first.hash, second.hash)
    stored = AuditEvent.objects.get(pk=third.pk)
    assert (stored.prev_hash, stored.hash) == (third.prev_hash, third.hash)
    assert stored.compute_hash() == stored.hash  # the database computed what Python recomputes
    checked, broken = audit_verify_chain()
    assert checked == AuditEvent.objects.count() and broken == []


def test_an_append_is_one_statement_on_postgresql():
    _appended(1)
    with CaptureQueriesContext(connection) as ctx:
        _appended(1)
    # PostgreSQL: the head moves in the INSERT itself; SQLite (already locked) reads the last hash first
    assert len(ctx.captured_queries) == (1 if connection.vendor == "postgresql" else 2)


def test_a_missing_head_starts_again_at_the_newest_record():
    before = _appended(2)
    ChainHead.objects.all().delete()
    after = _appended(2, "test.after")
    assert after[0].prev_hash == before[-1].hash
    assert audit_verify_chain()[1] == []


def test_a_rolled_back_append_leaves_no_trace_in_the_chain():
    kept = _appended(1)[0]
    with pytest.raises(RuntimeError), transaction.atomic():
        _appended(1, "test.lost")
        raise RuntimeError("the change fails, its record with it")
    again = _appended(1, "test.again")[0]
    assert again.prev_hash == kept.hash
    assert not AuditEvent.objects.filter(action="test.lost.0").exists()
    assert audit_verify_chain()[1] == []


def test_the_first_record_of_an_empty_trail_follows_the_genesis():
    assert not AuditEvent.objects.exists()  # no fixture here writes one
    ChainHead.objects.all().delete()
    assert _appended(1)[0].prev_hash == GENESIS
