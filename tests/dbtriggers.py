"""The audit trail's append-only triggers, for tests that must lift them."""

import importlib

AUDIT_TRIGGERS = importlib.import_module("shiliu.audit.migrations.0002_append_only_triggers")


def lift_audit_triggers() -> None:
    """Remove the audit trail's append-only triggers (SECURITY.md E3) on this connection.

    Inside a test's transaction they come back with its rollback; a transactional test
    gets them back from the transactional_db fixture in conftest.py.
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # run pending deferred FK checks first
            cursor.execute(AUDIT_TRIGGERS.PG_BACKWARD)
        else:
            for statement in AUDIT_TRIGGERS.SQLITE_BACKWARD:
                cursor.execute(statement)
