"""The work-order state machine: which action may move an order from which state, and who
may take it. The one place that says so; services ask ``check(action, order, user)``.

"Who" is a capability held over a place of the order:
- ``place``: the place the order is about (the dispatcher's and the hotline's side);
- ``unit``: the unit the order is assigned to now (the handler's side);
- ``above_unit``: a place strictly above the unit (a superior unit supervises it).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can, roots
from shiliu.workorders.choices import OPEN_STATUSES, Status

S = Status


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str | None  # None: the state does not change (notes, supervision, ...)
    cap: str
    over: str  # "place" | "unit" | "above_unit"


TRANSITIONS: dict[str, Transition] = {
    "dispatch": Transition(frozenset({S.NEW, S.RETURNED}), S.DISPATCHED, Cap.ORDER_DISPATCH, "place"),
    "change_category": Transition(frozenset({S.NEW, S.DISPATCHED, S.RETURNED}), None, Cap.ORDER_DISPATCH, "place"),
    "cancel": Transition(frozenset({S.NEW, S.RETURNED}), S.CANCELLED, Cap.ORDER_DISPATCH, "place"),
    "acknowledge": Transition(frozenset({S.DISPATCHED}), S.IN_PROGRESS, Cap.ORDER_HANDLE, "unit"),
    "return": Transition(frozenset({S.DISPATCHED, S.IN_PROGRESS}), S.RETURNED, Cap.ORDER_HANDLE, "unit"),
    "refer": Transition(frozenset({S.IN_PROGRESS}), S.DISPATCHED, Cap.ORDER_HANDLE, "unit"),
    "resolve": Transition(frozenset({S.IN_PROGRESS}), S.RESOLVED, Cap.ORDER_HANDLE, "unit"),
    "callback": Transition(frozenset({S.RESOLVED}), None, Cap.ORDER_CALLBACK, "place"),
    "approve_reopen": Transition(frozenset({S.REOPEN_REQUESTED}), S.DISPATCHED, Cap.ORDER_SUPERVISE, "above_unit"),
    "refuse_reopen": Transition(frozenset({S.REOPEN_REQUESTED}), S.CLOSED, Cap.ORDER_SUPERVISE, "above_unit"),
    "supervise": Transition(frozenset(OPEN_STATUSES - {S.NEW}), None, Cap.ORDER_SUPERVISE, "above_unit"),
    "urge": Transition(frozenset(OPEN_STATUSES - {S.NEW}), None, Cap.ORDER_SUPERVISE, "above_unit"),
}

# Notes and files: anyone who may act on the order in any role, while it is not finished.
NOTE_CAPS = (Cap.ORDER_DISPATCH, Cap.ORDER_HANDLE, Cap.ORDER_CALLBACK, Cap.ORDER_SUPERVISE)


def holds_over(user, cap: str, order, over: str) -> bool:
    if over == "place":
        return can(user, cap, order.place)
    if order.unit is None:
        return False
    if over == "unit":
        return can(user, cap, order.unit)
    # Strictly above the unit: a root of the user's cap that is a proper ancestor of it.
    return any(order.unit.path.startswith(r.path) and r.path != order.unit.path for r in roots(user, cap))


def allowed(action: str, order, user) -> bool:
    t = TRANSITIONS[action]
    return order.status in t.sources and holds_over(user, t.cap, order, t.over)


def check(action: str, order, user) -> Transition:
    """Raise PermissionDenied when the user may not take the action on this order at all,
    ValidationError when they could, but not in the order's present state."""
    t = TRANSITIONS[action]
    if not holds_over(user, t.cap, order, t.over):
        raise PermissionDenied()
    if order.status not in t.sources:
        raise ValidationError(
            _("This cannot be done while the order is “%(status)s”.") % {"status": order.get_status_display()},
            code="state",
        )
    return t


def actions_for(order, user) -> list[str]:
    """What the user may do with the order now (the page shows these buttons, nothing else)."""
    return [name for name in TRANSITIONS if allowed(name, order, user)]


def may_note(order, user) -> bool:
    return any(holds_over(user, cap, order, "place") or holds_over(user, cap, order, "unit") for cap in NOTE_CAPS)
