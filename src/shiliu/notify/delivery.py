"""Delivering the outbox: claim, send, mark (SECURITY.md H4).

1. **Claim** due messages in one short transaction: ``SELECT … FOR UPDATE SKIP LOCKED`` on
   PostgreSQL (SQLite runs IMMEDIATE transactions, so the claim holds the write lock),
   set ``status=sending``, ``lease_until=now+LEASE`` and count the attempt, commit.
   Two workers never claim one message: the second skips the locked row, and once the
   first commits the row is no longer due.
2. **Send** outside any transaction, each message only while its lease still has time.
3. **Mark** sent (or failed with a back-off, or dead) with an UPDATE conditioned on the
   lease we took, so a worker that over-ran its lease cannot overwrite a newer attempt.

A worker that dies after claiming leaves the message in ``sending``; when the lease runs
out it is due again and is sent by the next run. If it died after the gateway accepted the
SMS but before the mark, the message is sent again **with the same client id**
(``Outbox.client_id``), which the gateway uses to drop the duplicate: the phone gets it
once. Email has no such id on the wire; a deterministic Message-ID lets mail clients fold
the rare duplicate.
"""

import logging
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from shiliu.notify.backends import PermanentSendError, SendError, SmsMessage, get_backend
from shiliu.notify.choices import Channel, Status
from shiliu.notify.messages import render
from shiliu.notify.models import Notification, Outbox

logger = logging.getLogger("shiliu.notify")

LEASE = timedelta(minutes=5)
# A claimed message is sent only while this much of its lease is left (more than the
# gateway's timeout), so a slow batch leaves the rest to the next claim rather than risk it.
LEASE_MARGIN = timedelta(seconds=30)
MAX_ATTEMPTS = 8
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(hours=1)
BATCH = 10  # messages per claim: BATCH x gateway timeout stays well inside LEASE


def backoff(attempts: int) -> timedelta:
    """Wait after the n-th failed attempt: 30 s, 1, 2, 4, 8, 16, 32 min, then 1 h."""
    return min(BACKOFF_FIRST * 2 ** max(attempts - 1, 0), BACKOFF_MAX)


def _due(now) -> Q:
    waiting = Q(status__in=[Status.PENDING, Status.FAILED], next_attempt_at__lte=now)
    abandoned = Q(status=Status.SENDING, lease_until__lte=now)  # its worker died mid-send
    return waiting | abandoned


def claim(*, limit: int = BATCH, now=None) -> list[Outbox]:
    """Take up to ``limit`` due messages for this worker; returns them with their lease set."""
    now = now or timezone.now()
    lease = now + LEASE
    with transaction.atomic():
        due = Outbox.objects.filter(_due(now)).order_by("next_attempt_at", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        rows = list(due.only("id", "status", "attempts")[:limit])
        # A message whose last allowed attempt was interrupted is given up, not tried a ninth time.
        exhausted = [r.pk for r in rows if r.status == Status.SENDING and r.attempts >= MAX_ATTEMPTS]
        taken = [r.pk for r in rows if r.pk not in exhausted]
        if exhausted:
            Outbox.objects.filter(pk__in=exhausted).update(
                status=Status.DEAD, lease_until=None, last_error="the worker stopped during the last attempt")
        if taken:
            Outbox.objects.filter(pk__in=taken).update(status=Status.SENDING, lease_until=lease,
                                                       attempts=F("attempts") + 1)
    if not taken:
        return []
    return list(Outbox.objects.filter(pk__in=taken, lease_until=lease).select_related("recipient").order_by("id"))


def _public_url() -> str:
    return str(settings.SHILIU_PUBLIC_URL or "").rstrip("/")


def _absolute(link: str) -> str:
    return _public_url() + link if link else ""


def _send_sms(row: Outbox) -> str:
    _subject, text = render(row.template, row.params, row.language)
    return get_backend().send(SmsMessage(to=row.phone, text=text, client_id=row.client_id, template=row.template))


def _send_email(row: Outbox) -> str:
    user = row.recipient
    if user is None or not user.is_active or not user.email:
        raise PermanentSendError("the staff member is disabled or has no email address any more")
    subject, body = render(row.template, row.params, row.language)
    if row.link:
        body = f"{body}\n\n{_absolute(row.link)}"
    host = urlsplit(_public_url()).hostname or "shiliu"
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[user.email],
                           headers={"Message-ID": f"<{row.client_id}@{host}>"})
    message.send(fail_silently=False)
    return ""


def _send_inapp(row: Outbox) -> str:
    # Written at once by notify_user; here only for a row put back to pending by hand.
    if row.recipient is None:
        raise PermanentSendError("the notification has no recipient")
    Notification.objects.get_or_create(outbox=row, defaults={
        "user": row.recipient, "template": row.template, "params": row.params, "link": row.link})
    return ""


SENDERS: dict[str, Callable[[Outbox], str]] = {
    Channel.SMS: _send_sms, Channel.EMAIL: _send_email, Channel.INAPP: _send_inapp}


def _error_text(exc: Exception) -> str:
    """What is stored and shown: our own messages, else only the kind of error (an SMTP or
    library error may quote an address or a number)."""
    if isinstance(exc, SendError):
        return str(exc)[:300]
    return type(exc).__name__


def _ours(row: Outbox):
    return Outbox.objects.filter(pk=row.pk, status=Status.SENDING, lease_until=row.lease_until)


def _record(row: Outbox, **outcome) -> int:
    """Write the outcome of an attempt, trying again for a moment if the database is busy:
    a message sent but not marked would be sent again once its lease runs out."""
    for pause in (0.05, 0.1, 0.2, 0.4, 0.8, None):
        try:
            return _ours(row).update(**outcome)
        except OperationalError:
            if pause is None or connection.in_atomic_block:
                raise
            connection.close_if_unusable_or_obsolete()
            time.sleep(pause)
    return 0


def deliver_one(row: Outbox) -> str:
    """Send one claimed message and record the outcome; returns the new status."""
    if row.lease_until is None or timezone.now() >= row.lease_until - LEASE_MARGIN:
        return "skipped"  # too little lease left: the next claim takes it
    try:
        provider_id = SENDERS[row.channel](row) or ""
    except Exception as exc:  # noqa: BLE001 - any failure of a sender is recorded, and the run goes on
        return _failed(row, exc)
    if not _record(row, status=Status.SENT, sent_at=timezone.now(), lease_until=None,
                   provider_id=provider_id[:100], last_error=""):
        logger.warning("outbox #%s was sent after its lease ran out; the gateway drops a repeat by client id",
                       row.pk)
    return Status.SENT


def _failed(row: Outbox, exc: Exception) -> str:
    error = _error_text(exc)
    permanent = getattr(exc, "permanent", False) or isinstance(exc, LookupError)
    status = Status.DEAD if permanent or row.attempts >= MAX_ATTEMPTS else Status.FAILED
    _record(row, status=status, lease_until=None, last_error=error,
            next_attempt_at=timezone.now() + backoff(row.attempts))
    logger.warning("outbox #%s (%s, %s) attempt %s failed: %s", row.pk, row.channel, row.template, row.attempts, error)
    return status


def deliver_due(*, limit: int = 200, now=None) -> dict[str, int]:
    """Deliver up to ``limit`` due messages, ``BATCH`` per claim. Returns counts by outcome."""
    counts: Counter[str] = Counter()
    done = 0
    while done < limit:
        rows = claim(limit=min(BATCH, limit - done), now=now)
        if not rows:
            break
        for row in rows:
            counts[deliver_one(row)] += 1
        done += len(rows)
    return dict(counts)
