"""Background work of notify, run by `shiliu worker`."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

SENT_RETENTION = timedelta(days=90)
DEAD_RETENTION = timedelta(days=180)
NOTIFICATION_RETENTION = timedelta(days=365)


@task()
def deliver_outbox(limit: int = 200) -> dict:
    """Deliver the messages that are due (shiliu.notify.delivery). Safe to run in several
    workers at once: each message is claimed by one."""
    from shiliu.notify.delivery import deliver_due

    return deliver_due(limit=limit)


@task()
def prune_notifications() -> dict:
    """Forget delivered messages after 90 days, given-up ones after 180, notifications after a year."""
    from shiliu.notify.choices import Status
    from shiliu.notify.models import Notification, Outbox

    now = timezone.now()
    sent, _ = Outbox.objects.filter(status=Status.SENT, created_at__lt=now - SENT_RETENTION).delete()
    dead, _ = Outbox.objects.filter(status=Status.DEAD, created_at__lt=now - DEAD_RETENTION).delete()
    read, _ = Notification.objects.filter(created_at__lt=now - NOTIFICATION_RETENTION).delete()
    return {"sent": sent, "dead": dead, "notifications": read}


# Periodic tasks the worker enqueues (shiliu.core.tasks.periodic_tasks gathers them).
PERIODIC = [(deliver_outbox, timedelta(seconds=30)), (prune_notifications, timedelta(hours=24))]
