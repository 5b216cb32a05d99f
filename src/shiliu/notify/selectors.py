"""Reads of notifications (each user's own) and of the outbox (the deployment's administrators)."""

import logging

from django.db.models import Count, QuerySet
from django.http import Http404

from shiliu.access.policy import Cap
from shiliu.access.scope import roots
from shiliu.notify.messages import render
from shiliu.notify.models import Notification, Outbox

logger = logging.getLogger("shiliu.notify")


def notifications_for(user) -> QuerySet[Notification]:
    """The user's own notifications, newest first. Nobody reads another's."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notification_get(user, pk) -> Notification:
    """One of the user's notifications; another's answers 404 exactly like a missing one."""
    try:
        return notifications_for(user).get(pk=pk)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def unread_count(user) -> int:
    """How many of the user's notifications are unread: one COUNT query (index notify_unread)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notification_text(notification: Notification, language: str) -> tuple[str, str]:
    """(subject, body) in the reader's language. A message whose code or parameters no longer
    match (an app renamed it) shows its code rather than breaking the list."""
    try:
        return render(notification.template, notification.params, language)
    except (LookupError, ValueError, TypeError):
        logger.warning("notification #%s: message %s cannot be rendered", notification.pk, notification.template)
        return notification.template, ""


def may_watch_outbox(user) -> bool:
    """The outbox is the whole deployment's: its administrators are those who manage staff at
    the top of the place tree (a district, or a province running several)."""
    return any(place.parent_id is None for place in roots(user, Cap.STAFF_MANAGE))


def outbox_visible(user) -> QuerySet[Outbox]:
    if not may_watch_outbox(user):
        return Outbox.objects.none()
    return Outbox.objects.select_related("recipient").order_by("-id")


def outbox_get(user, pk) -> Outbox:
    try:
        return outbox_visible(user).get(pk=pk)
    except (Outbox.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def outbox_status_counts(user) -> dict[str, int]:
    rows = outbox_visible(user).order_by().values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}
