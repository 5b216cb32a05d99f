"""Background work really goes through the database queue and the worker."""

from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from shiliu.accounts.models import LoginAttempt
from shiliu.core import crypto
from shiliu.core.keycheck import verify_field_key
from shiliu.core.tasks import prune_login_attempts, rotate_field_keys
from shiliu.people.models import Resident
from shiliu.people.services import resident_create

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def raw_token(resident, column="id_number"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM people_resident WHERE id = %s", [resident.pk])  # noqa: S608
        return cursor.fetchone()[0]


@override_settings(TASKS=DB_TASKS)
def test_enqueued_task_waits_for_the_worker_then_runs(transactional_db):
    """The worker closes and reopens connections, as in production: a transactional test."""
    from django_tasks_db.models import DBTaskResult

    LoginAttempt.objects.create(username="x", address="10.0.0.1", succeeded=False,
                                at=timezone.now() - timedelta(days=40))
    LoginAttempt.objects.create(username="y", address="10.0.0.1", succeeded=False)
    result = prune_login_attempts.enqueue()
    assert LoginAttempt.objects.count() == 2, "nothing runs before the worker takes it"
    call_command("worker", "--batch")
    assert LoginAttempt.objects.filter(username="y").exists()
    assert not LoginAttempt.objects.filter(username="x").exists()
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"


def test_key_rotation_reencrypts_under_the_new_key_and_old_key_can_go(people, tree):
    resident = resident_create(by=people.worker, name="马小花", place=tree.xieshu, basis="asked",
                               phone="13812345678", id_number="11010519491231002X")
    verify_field_key()
    old_key = crypto.settings.SHILIU_FIELD_KEYS[0]
    old_token = raw_token(resident)
    new_key = Fernet.generate_key().decode()
    with override_settings(SHILIU_FIELD_KEYS=[new_key, old_key]):
        counts = rotate_field_keys.call()
        assert counts["people.Resident"] >= 1
        assert raw_token(resident) != old_token
    with override_settings(SHILIU_FIELD_KEYS=[new_key]):
        reloaded = Resident.objects.get(pk=resident.pk)
        assert reloaded.id_number == "11010519491231002X"
        assert reloaded.phone == "+8613812345678"
        verify_field_key()  # the canary moved to the new key too
    with override_settings(SHILIU_FIELD_KEYS=[old_key]), pytest.raises(crypto.FieldKeyError):
        Resident.objects.get(pk=resident.pk)
