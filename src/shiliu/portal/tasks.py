"""Background work of the portal: forgetting one-time codes (useless after 5 minutes) and the
rows of resident tokens that have expired (revoked or not, they open nothing any more)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

CODE_RETENTION = timedelta(days=1)  # a day: the hourly send limit still counts them, then they go


@task()
def forget_old_codes() -> int:
    from shiliu.portal.otp import forget_codes

    return forget_codes(before=timezone.now() - CODE_RETENTION)


@task()
def forget_expired_tokens() -> int:
    from shiliu.portal.identity import forget_tokens

    return forget_tokens(before=timezone.now())


PERIODIC = [(forget_old_codes, timedelta(hours=1)), (forget_expired_tokens, timedelta(days=1))]
