"""The work-order clock, run by the worker (never by a page view)."""

from datetime import timedelta

from django_tasks import task

from shiliu.workorders.services import forget_idempotency_keys, remind_due, supervise_overdue


@task()
def order_deadlines() -> dict:
    """Remind units of deadlines that are near; mark and supervise those that passed."""
    return {"reminded": remind_due(), "overdue": supervise_overdue()}


@task()
def idempotency_forget() -> int:
    return forget_idempotency_keys()


PERIODIC = [(order_deadlines, timedelta(minutes=1)), (idempotency_forget, timedelta(hours=6))]
