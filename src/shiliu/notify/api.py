"""/api/v1/notifications: the caller's own notifications, in the request's language."""

from datetime import datetime

from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.pagination import paginate

from shiliu.access.rules import login_only
from shiliu.api.pagination import Page
from shiliu.notify import selectors
from shiliu.notify.models import Notification
from shiliu.notify.services import notification_mark_read, notifications_mark_all_read

router = Router(tags=["notify"])


class NotificationOut(Schema):
    id: int
    template: str
    subject: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None

    @staticmethod
    def resolve_subject(obj: Notification) -> str:
        return selectors.notification_text(obj, get_language())[0]

    @staticmethod
    def resolve_body(obj: Notification) -> str:
        return selectors.notification_text(obj, get_language())[1]


class UnreadOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int


@router.get("", response=list[NotificationOut])
@login_only
@paginate(Page)
def notification_list_op(request, unread: bool = False):
    """My notifications, newest first; ``?unread=true`` for the unread ones only."""
    notifications = selectors.notifications_for(request.auth)
    return notifications.filter(read_at__isnull=True) if unread else notifications


@router.get("/unread-count", response=UnreadOut)
@login_only
def unread_count_op(request):
    return {"unread": selectors.unread_count(request.auth)}


@router.post("/read-all", response=MarkedOut)
@login_only
def mark_all_read_op(request):
    return {"marked": notifications_mark_all_read(by=request.auth)}


@router.post("/{notification_id}/read", response=NotificationOut)
@login_only
def mark_read_op(request, notification_id: int):
    """Mark one of mine read; another's answers 404 like a missing one."""
    notification = selectors.notification_get(request.auth, notification_id)
    return notification_mark_read(notification=notification, by=request.auth)
