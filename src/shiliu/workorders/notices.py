"""Who is told what when an order moves. Everything goes through the outbox (shiliu.notify),
in the transaction of the change; each message's key names the event, so it is sent once.

Residents get SMS only when they gave a number and agreed to be contacted; the SMS never
carries the description or any note — only the order's number, units and the tracking link.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.notify.messages import register
from shiliu.notify.services import notify_place, send_sms
from shiliu.workorders.choices import EventKind

register("order.dispatched", subject=_("New work order %(number)s"),
         body=_("Work order %(number)s (%(category)s) was dispatched to %(unit)s. Acknowledge it by %(due)s."))
register("order.returned", subject=_("Work order %(number)s returned"),
         body=_("%(unit)s returned work order %(number)s. Review the reason and dispatch it again."))
register("order.reminder", subject=_("Work order %(number)s is due soon"),
         body=_("Work order %(number)s is due at %(due)s."))
register("order.overdue", subject=_("Work order %(number)s is overdue"),
         body=_("Work order %(number)s with %(unit)s passed its deadline (%(due)s) and is now supervised."))
register("order.supervised", subject=_("Work order %(number)s is supervised"),
         body=_("A superior unit supervises work order %(number)s. Read its instructions on the order's page."))
register("order.urged", subject=_("Reminder about work order %(number)s"),
         body=_("A superior unit urges you to finish work order %(number)s."))
register("order.reopen_requested", subject=_("Work order %(number)s: reopen to approve"),
         body=_("The resident said work order %(number)s was not solved or was not satisfied. Approve the reopen "
                "or refuse it with a reason."))
register("sms.order.opened", subject=_("Your request was received"),
         body=_("Shiliu: your request %(number)s was received. Follow it at %(link)s (code %(code)s)."))
register("sms.order.moved_on", subject=_("Your request was passed on"),
         body=_("Shiliu: %(previous)s could not take request %(number)s; it now goes to %(unit)s. %(link)s"))
register("order.step", subject=_("Work order %(number)s: a step for your unit"),
         body=_("Step %(position)s “%(step)s” of work order %(number)s is now your unit's. Do it by %(due)s."))
register("sms.order.accepted", subject=_("Your request was accepted"),
         body=_("Shiliu: %(unit)s accepted request %(number)s; it is promised by %(due)s. %(link)s"))
register("sms.order.step_done", subject=_("A step of your request is done"),
         body=_("Shiliu: step “%(step)s” of request %(number)s is done. %(link)s"))
register("sms.order.resolved", subject=_("Your request was answered"),
         body=_("Shiliu: request %(number)s was answered. Was it solved? Tell us at %(link)s"))


def tracking_link(order) -> str:
    base = str(settings.SHILIU_PUBLIC_URL or "").rstrip("/")
    return base + reverse("workorders:track_code", args=[order.tracking_code])


def _link(order) -> str:
    return reverse("workorders:detail", args=[order.pk])


def _due(value) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def _resident_reachable(order) -> bool:
    return bool(order.contact_phone) and order.contact_consent


def _key(order, what: str) -> str:
    # version is bumped by every change, so one key per event of the order.
    return f"order:{order.pk}:v{order.version}:{what}"


def opened(order) -> None:
    if _resident_reachable(order):
        send_sms(key=_key(order, "sms-opened"), phone=order.contact_phone, template="sms.order.opened",
                 params={"number": order.number, "link": tracking_link(order), "code": order.tracking_code})


def dispatched(order, redispatch: bool = False) -> None:
    assert order.unit is not None
    notify_place(key=_key(order, "dispatched"), place=order.unit, cap=Cap.ORDER_HANDLE, template="order.dispatched",
                 params={"number": order.number, "category": order.category.name, "unit": order.unit.name,
                         "due": _due(order.ack_due)}, link=_link(order))
    if redispatch and _resident_reachable(order):
        # Tell the resident which unit declined and where the order went next.
        last_return = order.events.filter(kind=EventKind.RETURNED).select_related("unit").order_by("-id").first()
        if last_return is not None and last_return.unit_id != order.unit_id:
            send_sms(key=_key(order, "sms-moved"), phone=order.contact_phone, template="sms.order.moved_on",
                     params={"number": order.number, "previous": last_return.unit.name if last_return.unit else "",
                             "unit": order.unit.name, "link": tracking_link(order)})


def returned(order, unit) -> None:
    notify_place(key=_key(order, "returned"), place=order.place, cap=Cap.ORDER_DISPATCH, template="order.returned",
                 params={"number": order.number, "unit": getattr(unit, "name", "")}, link=_link(order))


def resolved(order) -> None:
    if _resident_reachable(order):
        send_sms(key=_key(order, "sms-resolved"), phone=order.contact_phone, template="sms.order.resolved",
                 params={"number": order.number, "link": tracking_link(order)})


def reminded(order) -> None:
    notify_place(key=_key(order, "reminder") + f":{order.due_at:%Y%m%d%H%M}", place=order.unit,
                 cap=Cap.ORDER_HANDLE, template="order.reminder",
                 params={"number": order.number, "due": _due(order.due_at)}, link=_link(order))


def overdue(order) -> None:
    params = {"number": order.number, "unit": getattr(order.unit, "name", ""), "due": _due(order.due_at)}
    key = _key(order, "overdue") + f":{order.due_at:%Y%m%d%H%M}"
    notify_place(key=key, place=order.unit, cap=Cap.ORDER_HANDLE, template="order.overdue", params=params,
                 link=_link(order))
    parent = order.unit.parent if order.unit is not None else None
    if parent is not None:
        notify_place(key=key + ":up", place=parent, cap=Cap.ORDER_SUPERVISE, template="order.overdue", params=params,
                     link=_link(order))


def supervised(order, *, urge: bool, note: str) -> None:
    notify_place(key=_key(order, "urged" if urge else "supervised"), place=order.unit, cap=Cap.ORDER_HANDLE,
                 template="order.urged" if urge else "order.supervised",
                 params={"number": order.number}, link=_link(order))  # the note stays on the order


def reopen_requested(order) -> None:
    parent = order.unit.parent if order.unit is not None else None
    if parent is not None:
        notify_place(key=_key(order, "reopen"), place=parent, cap=Cap.ORDER_SUPERVISE,
                     template="order.reopen_requested", params={"number": order.number}, link=_link(order))


# --- a service item's steps (shiliu.workorders.steps) ---------------------------------------------

def step_started(order, step) -> None:
    notify_place(key=_key(order, f"step-{step.position}"), place=step.unit, cap=Cap.ORDER_HANDLE,
                 template="order.step", params={"number": order.number, "position": step.position,
                                                "step": step.name, "due": _due(step.due_at)}, link=_link(order))


def step_done(order, step) -> None:
    """The resident hears of a step the item says to tell them about, if they agreed to contact."""
    if step.tell_resident and _resident_reachable(order):
        send_sms(key=_key(order, f"sms-step-{step.position}"), phone=order.contact_phone,
                 template="sms.order.step_done",
                 params={"number": order.number, "step": step.name, "link": tracking_link(order)})


def accepted(order) -> None:
    """An order of a service item was accepted: the resident hears the promised date."""
    if _resident_reachable(order):
        send_sms(key=_key(order, "sms-accepted"), phone=order.contact_phone, template="sms.order.accepted",
                 params={"number": order.number, "unit": getattr(order.unit, "name", ""),
                         "due": _due(order.resolve_due), "link": tracking_link(order)})
