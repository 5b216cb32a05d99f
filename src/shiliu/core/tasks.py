"""Background work run by `shiliu worker` (Django's Tasks API through django-tasks)."""

from datetime import timedelta

from django.apps import apps
from django.utils import timezone
from django_tasks import task

from shiliu.core import crypto

LOGIN_ATTEMPT_RETENTION_DAYS = 30


def encrypted_fields() -> dict:
    """{model: [names of its encrypted fields]} across all installed apps."""
    found = {}
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if isinstance(f, crypto.EncryptedTextField)]
        if names:
            found[model] = names
    return found


@task()
def rotate_field_keys(batch_size: int = 500) -> dict:
    """Re-encrypt every encrypted value under the newest SHILIU_FIELD_KEY (B2).

    Run it after putting a new key first in the list; once it has finished, the old
    key can be removed. Rows are rewritten one by one with UPDATE, so nothing else
    (versions, timestamps) changes and a crash half-way leaves readable data.
    """
    from shiliu.audit.services import audit_security
    from shiliu.core.models import KeyCheck

    counts = {}
    for model, names in encrypted_fields().items():
        done = 0
        for row in model._default_manager.order_by("pk").values("pk", *names).iterator(chunk_size=batch_size):
            values = {name: row[name] for name in names if row[name]}
            if values:
                model._default_manager.filter(pk=row["pk"]).update(**values)
                done += 1
        counts[model._meta.label] = done
    for check in KeyCheck.objects.all():
        KeyCheck.objects.filter(pk=check.pk).update(token=crypto.rotate(check.token))
    audit_security(action="keys.rotate", detail=counts)
    return counts


@task()
def prune_login_attempts() -> int:
    """Forget login attempts older than the lockout needs (kept 30 days for review)."""
    from shiliu.accounts.models import LoginAttempt

    cutoff = timezone.now() - timedelta(days=LOGIN_ATTEMPT_RETENTION_DAYS)
    deleted, _ = LoginAttempt.objects.filter(at__lt=cutoff).delete()
    return deleted


# Periodic tasks the worker enqueues: (task, interval).
PERIODIC = [(prune_login_attempts, timedelta(hours=6))]


def periodic_tasks() -> list:
    """This module's PERIODIC and that of every ``shiliu.<app>.tasks`` module that has one."""
    import importlib
    import pkgutil

    import shiliu

    found = list(PERIODIC)
    for module in pkgutil.iter_modules(shiliu.__path__):
        if not module.ispkg or module.name == "core":
            continue
        name = f"shiliu.{module.name}.tasks"
        try:
            found += getattr(importlib.import_module(name), "PERIODIC", [])
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
    return found
