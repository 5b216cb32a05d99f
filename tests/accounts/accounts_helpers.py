"""Shared helpers of the accounts tests (imported by name: tests has no packages)."""

from shiliu.audit.models import AuditEvent

PASSWORD = "Correct-Horse-42"  # the personas' password (tests/conftest.py)
BACKUP_CODE = "backup-code-1"


def audit_mark() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def actions_since(mark: int) -> list[str]:
    return list(AuditEvent.objects.filter(pk__gt=mark).order_by("pk").values_list("action", flat=True))


def sign_in(client, username: str, password: str = PASSWORD, **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, **extra)
