"""Pages of notify: my notifications, the header bell, and the outbox for administrators."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule, login_only
from shiliu.audit.services import audit_list_read
from shiliu.notify import selectors
from shiliu.notify.choices import Channel, Status
from shiliu.notify.services import notification_mark_read, notifications_mark_all_read, outbox_retry
from shiliu.people.masking import mask_phone

PAGE_SIZE = 25
OUTBOX_PAGE_SIZE = 50


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _item(notification, language: str) -> dict:
    subject, body = selectors.notification_text(notification, language)
    return {"n": notification, "subject": subject, "body": body}


def _list_context(request) -> dict:
    paginator = Paginator(selectors.notifications_for(request.user), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    language = get_language()
    items = [_item(n, language) for n in page.object_list]
    return {"page": page, "items": items, "any_unread": any(not i["n"].is_read for i in items),
            "may_watch_outbox": selectors.may_watch_outbox(request.user)}


@require_GET
@login_only
def notification_list(request):
    return render(request, "notify/list.html", _list_context(request))


@require_GET
@login_only
def bell(request):
    """The header's bell with the unread count, loaded by htmx after the page, so that no
    page pays for it while rendering (one COUNT query here)."""
    return render(request, "notify/_bell.html", {"unread": selectors.unread_count(request.user), "counted": True})


@require_POST
@login_only
def mark_read(request, pk: int):
    notification = notification_mark_read(notification=selectors.notification_get(request.user, pk), by=request.user)
    if _is_htmx(request):
        response = render(request, "notify/_item.html", {"item": _item(notification, get_language())})
        response["HX-Trigger"] = "notify-read"
        return response
    return redirect("notify:list")


@require_POST
@login_only
def mark_all_read(request):
    marked = notifications_mark_all_read(by=request.user)
    if _is_htmx(request):
        response = render(request, "notify/_list.html", _list_context(request))
        response["HX-Trigger"] = "notify-read"
        return response
    if marked:
        messages.success(request, _("All notifications are marked read."))
    return redirect("notify:list")


# --- the outbox: what was sent, what waits, what was given up ---------------------------------------------

def _outbox_row(message) -> dict:
    if message.channel == Channel.SMS:
        to = mask_phone(message.phone)
    else:
        to = message.recipient.get_username() if message.recipient else "—"
    return {"m": message, "to": to}


@require_GET
@access_rule(Cap.STAFF_MANAGE)
def outbox(request):
    """Messages by status, for the deployment's administrators. No text of any message and
    no full number: the message's code, the staff username or the masked phone."""
    if not selectors.may_watch_outbox(request.user):
        raise PermissionDenied()
    status = request.GET.get("status", "")
    messages_qs = selectors.outbox_visible(request.user)
    if status in Status.values:
        messages_qs = messages_qs.filter(status=status)
    else:
        status = ""
    page = Paginator(messages_qs, OUTBOX_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [_outbox_row(m) for m in page.object_list]
    audit_list_read(by=request.user, action="notify.outbox.list", model_label="notify.outbox",
                    ids=[row["m"].pk for row in rows if row["m"].channel == Channel.SMS])
    counts = selectors.outbox_status_counts(request.user)
    tabs = [{"value": "", "label": _("All"), "count": sum(counts.values())}] + [
        {"value": value, "label": label, "count": counts.get(value, 0)} for value, label in Status.choices]
    return render(request, "notify/outbox.html", {"rows": rows, "page": page, "status": status, "tabs": tabs})


@require_POST
@access_rule(Cap.STAFF_MANAGE)
def outbox_retry_view(request, pk: int):
    message = selectors.outbox_get(request.user, pk)
    try:
        outbox_retry(message=message, by=request.user)
    except ValidationError as e:
        messages.error(request, " ".join(e.messages))
    else:
        messages.success(request, _("The message will be sent again."))
    return redirect("notify:outbox")
