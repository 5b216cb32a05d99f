"""Background work of the job market: closing postings whose last day has passed."""

from datetime import timedelta

from django_tasks import task


@task()
def close_expired_postings() -> int:
    """Close every posting past its last day (queries already hide them; this makes it visible)."""
    from shiliu.jobs.services import close_expired

    return close_expired()


PERIODIC = [(close_expired_postings, timedelta(hours=1))]
