"""Writing notifications: into the outbox, in the caller's transaction (SECURITY.md H4).

Call these inside the ``transaction.atomic`` of the change they announce: the message is
written with the change or not at all, and the worker delivers it after the commit
(``shiliu.notify.delivery``). Each call is idempotent on ``key``: the same key for the same
recipient and channel writes nothing the second time, so an event is announced once
however often its code runs. Build the key from the event, e.g. ``f"order:{order.pk}:dispatch:{event.pk}"``.

The public API (others code against it): ``notify_user``, ``notify_place``, ``send_sms``,
``unread_count``. A mistake of the caller (unknown message code, a parameter missing for
the text, a link that is not a local path, a phone not in E.164) raises ValueError /
LookupError / KeyError at once, inside the caller's transaction, rather than leaving a
message that can never be sent.
"""

import json
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.constants import OnConflict
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import ALL_CAPS, role_has
from shiliu.accounts.models import Role, User
from shiliu.audit.services import audit_write
from shiliu.core.crypto import blind_index
from shiliu.notify.choices import Channel, Status
from shiliu.notify.messages import render
from shiliu.notify.models import Notification, Outbox
from shiliu.notify.selectors import may_watch_outbox, unread_count

__all__ = ["notify_user", "notify_place", "send_sms", "unread_count",
           "notification_mark_read", "notifications_mark_all_read", "outbox_retry"]

E164 = re.compile(r"^\+[1-9]\d{6,14}$")


def _dedupe(key: str, channel: str, recipient: str) -> str:
    return blind_index(f"{channel}|{recipient}|{key}", purpose="notify.outbox")


def _check(*, key: str, template: str, params: dict, link: str, language: str) -> None:
    if not key or len(key) > 200:
        raise ValueError("a notification key is 1 to 200 characters")
    if not isinstance(params, dict):
        raise TypeError("params must be a dict")
    json.dumps(params)  # TypeError now, not in the worker
    if link and (not link.startswith("/") or link.startswith("//") or "\\" in link or len(link) > 500):
        raise ValueError("a notification link is a local path such as /orders/12/")
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language {language!r}")
    render(template, params, language)  # LookupError / KeyError now, not in the worker


_OUTBOX_FIELDS = [f for f in Outbox._meta.local_concrete_fields if not f.primary_key]


def _write(**fields) -> Outbox | None:
    """The new row, or None when this (key, channel, recipient) is already written.

    One ``INSERT … ON CONFLICT DO NOTHING RETURNING id``: the unique dedupe decides, with no
    savepoint to fall back to (two round trips fewer per message)."""
    row = Outbox(**fields)
    returned = Outbox.objects.all()._insert(  # type: ignore[attr-defined]  # Model.save's own path
        [row], fields=_OUTBOX_FIELDS, returning_fields=[Outbox._meta.pk], on_conflict=OnConflict.IGNORE)
    if not returned or returned[0] is None:
        return None
    row.pk = returned[0][0]
    row._state.adding = False
    row._state.db = Outbox.objects.db
    return row


# A wake-up is enqueued to run this long after the commit that asked for it; every commit of
# this process until then is covered by it (the worker runs it after them), so a burst of
# orders enqueues one task a second, not one per order. The periodic run stays the backstop.
WAKE_DELAY = timedelta(seconds=1)
_next_wake: datetime | None = None


def _enqueue_delivery() -> None:
    global _next_wake
    from shiliu.notify.tasks import deliver_outbox

    now = timezone.now()
    if _next_wake is not None and now < _next_wake:
        return  # the wake-up already queued runs after this commit and sends its messages
    if deliver_outbox.get_backend().supports_defer:
        at = now + WAKE_DELAY
        deliver_outbox.using(run_after=at).enqueue()
        _next_wake = at
    else:
        deliver_outbox.enqueue()


class _WakeWorker:
    """The on-commit hook of one transaction; knows whether it has run (a test may run
    hooks while the test's own transaction goes on)."""

    def __init__(self):
        self.done = False
        self.__qualname__ = "notify.wake_worker"  # Django's log names a failing hook by it

    def __call__(self) -> None:
        self.done = True
        _enqueue_delivery()


def _deliver_after_commit() -> None:
    """Wake the worker once the transaction commits (once per transaction, however many
    messages it wrote). If the enqueue itself fails, the periodic run still delivers."""
    connection = transaction.get_connection()
    if any(isinstance(hook, _WakeWorker) and not hook.done for _sids, hook, _robust in connection.run_on_commit):
        return
    transaction.on_commit(_WakeWorker(), robust=True)


def notify_user(*, key: str, user, template: str, params: dict, link: str = "") -> None:
    """Tell a staff member: in the app always, by email too when they have an address.

    A disabled account gets nothing. The in-app notification is a row in this database, so
    it is written here at once (marked sent in the outbox, for the record and the dedupe);
    the email waits in the outbox for the worker.
    """
    language = settings.LANGUAGE_CODE
    _check(key=key, template=template, params=params, link=link, language=language)
    if user.is_active:
        _notify_user(key=key, user=user, template=template, params=params, link=link, language=language)


@transaction.atomic(savepoint=False)  # part of the caller's change: it fails with it, whole
def _notify_user(*, key: str, user, template: str, params: dict, link: str, language: str) -> None:
    now = timezone.now()
    common = {"key": key, "recipient": user, "template": template, "params": params, "link": link,
              "language": language, "created_at": now}
    row = _write(channel=Channel.INAPP, dedupe=_dedupe(key, Channel.INAPP, f"user:{user.pk}"),
                 status=Status.SENT, attempts=1, sent_at=now, **common)
    if row is not None:
        Notification.objects.create(user=user, outbox=row, template=template, params=params, link=link,
                                    created_at=now)
    if user.email:
        row = _write(channel=Channel.EMAIL, dedupe=_dedupe(key, Channel.EMAIL, f"user:{user.pk}"),
                     next_attempt_at=now, **common)
        if row is not None:
            _deliver_after_commit()


def _users_with_cap_at(place, cap: str):
    roles = [role for role in Role.values if role_has(role, cap)]
    return (User.objects.filter(is_active=True, role_assignments__place=place, role_assignments__is_active=True,
                                role_assignments__role__in=roles)
            .distinct().only("id", "email", "is_active").order_by("pk"))


def notify_place(*, key: str, place, cap: str, template: str, params: dict, link: str = "") -> int:
    """``notify_user`` for every active user who holds ``cap`` through a role at exactly
    ``place`` (not above it: a subdistrict officer is not told of every community's work).
    Returns how many users were addressed (0 when nobody holds it there)."""
    if cap not in ALL_CAPS:
        raise ValueError(f"unknown capability {cap!r}")
    language = settings.LANGUAGE_CODE
    _check(key=key, template=template, params=params, link=link, language=language)
    users = list(_users_with_cap_at(place, cap))
    with transaction.atomic(savepoint=False):
        for user in users:
            _notify_user(key=key, user=user, template=template, params=params, link=link, language=language)
    return len(users)


def send_sms(*, key: str, phone: str, template: str, params: dict, language: str = "zh-hans") -> None:
    """An SMS to a resident, rendered in ``language`` when sent. ``phone`` is E.164
    (``people.validation.clean_phone`` gives that) and is stored encrypted."""
    if not isinstance(phone, str) or not E164.match(phone):
        raise ValueError("send_sms needs a phone number in E.164 form (+8613800000000)")
    _check(key=key, template=template, params=params, link="", language=language)
    row = _write(key=key, channel=Channel.SMS, phone=phone, dedupe=_dedupe(key, Channel.SMS, f"phone:{phone}"),
                 template=template, params=params, language=language, next_attempt_at=timezone.now())
    if row is not None:
        _deliver_after_commit()


# --- the reader's side -----------------------------------------------------------------------------------

@transaction.atomic
def notification_mark_read(*, notification: Notification, by) -> Notification:
    """Mark one of ``by``'s own notifications read (another's: 404). Not audited: reading
    one's own messages changes nothing anyone else relies on."""
    if notification.user_id != getattr(by, "pk", None):
        raise Http404()
    now = timezone.now()
    if Notification.objects.filter(pk=notification.pk, user=by, read_at__isnull=True).update(read_at=now):
        notification.read_at = now
    else:
        notification.refresh_from_db(fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, by) -> int:
    return Notification.objects.filter(user=by, read_at__isnull=True).update(read_at=timezone.now())


# --- the administrator's side ----------------------------------------------------------------------------

@transaction.atomic
def outbox_retry(*, message: Outbox, by) -> Outbox:
    """Send a message that was given up ('dead') again, with a fresh round of attempts.
    Same client id as before, so a gateway that did get an earlier attempt drops it."""
    if not may_watch_outbox(by):
        raise PermissionDenied()
    updated = Outbox.objects.filter(pk=message.pk, status=Status.DEAD).update(
        status=Status.PENDING, attempts=0, next_attempt_at=timezone.now(), lease_until=None, last_error="")
    if not updated:
        raise ValidationError({"status": [_("Only a message that was given up can be sent again.")]})
    audit_write(by=by, action="notify.outbox.retry", target=message,
                detail={"channel": message.channel, "template": message.template})
    _deliver_after_commit()
    message.refresh_from_db()
    return message
