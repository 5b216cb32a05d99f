"""Background work of the portal: forgetting one-time codes (useless after 5 minutes)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

CODE_RETENTION = timedelta(days=1)  # a day: the hourly send limit still counts them, then they go


@task()
def forget_old_codes() -> int:
    from shiliu.portal.otp import forget_codes

    return forget_codes(before=timezone.now() - CODE_RETENTION)


PERIODIC = [(forget_old_codes, timedelta(hours=1))]
