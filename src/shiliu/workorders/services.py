"""Every change to a work order goes through these functions, whatever the channel.

Each one, in one transaction: checks the transition with ``machine.check`` (who and from
which state), refuses a stale ``version`` (StaleVersion → 409), changes the order, appends
its event to the timeline, writes the audit record and puts notifications in the outbox.
"""

import json
import secrets
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.constants import OnConflict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.audit.services import audit_write
from shiliu.core import crypto
from shiliu.core.concurrency import StaleVersion
from shiliu.core.validation import FieldErrors
from shiliu.guide.models import ItemVersion
from shiliu.people.choices import Language
from shiliu.people.models import Resident
from shiliu.people.services import phone_index
from shiliu.people.validation import clean_phone
from shiliu.places.models import Place
from shiliu.workdays.calendar import add_working_days, add_working_hours
from shiliu.workorders import machine, notices, steps
from shiliu.workorders.choices import (
    SATISFIED,
    CallbackMethod,
    Channel,
    EventKind,
    Satisfaction,
    Solved,
    Status,
    Urgency,
)
from shiliu.workorders.models import (
    DESCRIPTION_MAX,
    NOTE_MAX,
    Callback,
    Category,
    IdempotencyKey,
    OrderEvent,
    WorkOrder,
)

TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read out over the phone
TRACKING_LENGTH = 10
IDEMPOTENCY_KEY_MAX = 100


def new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))



def _text(errors: FieldErrors, field: str, value, *, required: bool, limit: int, empty_message: str = "") -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None:
        errors.add(field, _("Enter text."))
        return ""
    if required and not text:
        errors.add(field, empty_message or _("This field is required."))
    elif len(text) > limit:
        errors.add(field, _("At most %(limit)d characters; this has %(n)d.") % {"limit": limit, "n": len(text)})
    return text


def _lock(order: WorkOrder, version: int | None) -> WorkOrder:
    locked = (WorkOrder.objects.select_for_update(of=("self",))
              .select_related("place", "unit", "category", "requester", "item_version").get(pk=order.pk))
    if version is not None and locked.version != version:
        raise StaleVersion()
    return locked


def _save(order: WorkOrder) -> None:
    order.version += 1
    order.is_open = order.status in {Status.NEW, Status.DISPATCHED, Status.IN_PROGRESS, Status.RETURNED,
                                     Status.REOPEN_REQUESTED}
    order.save()


def _event(order: WorkOrder, kind: str, by, *, before: str = "", unit: Place | None = None, note: str = "",
           internal: bool = False, data: dict | None = None, at: datetime | None = None) -> OrderEvent:
    return OrderEvent.objects.create(
        order=order, at=at or timezone.now(), kind=kind, actor=by if getattr(by, "is_authenticated", False) else None,
        from_status=before, to_status=order.status if before else "", unit=unit, note=note, internal=internal,
        data=data or {})


def _audit(by, action: str, order: WorkOrder, **detail) -> None:
    audit_write(by=by, action=f"workorder.{action}", target=order,
                subject_id=order.requester_id, detail={"status": order.status, **detail})


# --- routing and deadlines ------------------------------------------------------------------

def route(place: Place, category: Category) -> Place | None:
    """The unit responsible for ``category`` at ``place`` by the routing rules
    (``config.applicable_rule``: the deepest place wins, then a rule naming the category);
    None when no rule applies."""
    from shiliu.workorders.config import applicable_rule

    rule = applicable_rule(place, category)
    return rule.unit if rule else None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def resolve_days(order: WorkOrder) -> int:
    """Working days to resolve: the service item's promised days, else the category's."""
    if order.item_version is not None:
        return order.item_version.promised_days
    return order.category.resolve_days


def _opening_data(channel: str, item_version: ItemVersion | None) -> dict:
    data: dict = {"channel": channel}
    if item_version is not None:
        data.update(item_version=item_version.pk, item=item_version.item.code, item_version_number=item_version.number,
                    promised_days=item_version.promised_days)
    return data


def _start_clock(order: WorkOrder, now: datetime) -> None:
    order.dispatched_at = now
    order.ack_due = add_working_hours(now, order.category.ack_hours)
    order.resolve_due = add_working_days(now, resolve_days(order))
    order.acknowledged_at = None
    order.due_at = order.ack_due
    order.reminded_at = order.overdue_at = None


def _assign(order: WorkOrder, unit: Place, now: datetime) -> None:
    order.unit, order.unit_path, order.assignee = unit, unit.path, None
    order.status = Status.DISPATCHED
    _start_clock(order, now)


# --- opening an order ------------------------------------------------------------------------

def _fingerprint(data: dict) -> str:
    # Keyed, so a stored fingerprint cannot be matched against guessed phone numbers.
    return crypto.blind_index(json.dumps(data, sort_keys=True, default=str), purpose="workorders.idempotency")


@transaction.atomic
def order_open(*, by, channel: str, category: Category | None, description: str, place: Place | None,
               urgency: str = Urgency.NORMAL, language: str = "zh", requester: Resident | None = None,
               contact_name: str = "", contact_phone: str = "", contact_consent: bool = False,
               idempotency_key: str = "", now: datetime | None = None,
               item_version: ItemVersion | None = None, window_place: Place | None = None) -> tuple[WorkOrder, bool]:
    """Open an order and route it. Returns (order, created); with an ``idempotency_key`` the
    same caller's repeated request returns the first order and ``created=False``.

    With an ``item_version`` (a service item's version) the order follows it: the item's
    category when none is given, the version's promised days as the resolve deadline, and
    its steps (each with its unit; the first step's unit gets the order). ``window_place``: the
    place of the window that took the request, which does the item's window steps."""
    errors = FieldErrors()
    if item_version is not None and category is None:
        category = item_version.item.category
    key = (idempotency_key or "").strip()
    if len(key) > IDEMPOTENCY_KEY_MAX:
        errors.add("idempotency_key",
                   _("An idempotency key has at most %(n)d characters.") % {"n": IDEMPOTENCY_KEY_MAX})
    if channel not in Channel.values:
        errors.add("channel", _("Choose one of the listed channels."))
    if category is None or not category.active:
        errors.add("category", _("Choose the service category."))
    text = _text(errors, "description", description, required=True, limit=DESCRIPTION_MAX,
                 empty_message=_("Describe what the resident needs."))
    if place is None:
        errors.add("place", _("Choose the place the request is about."))
    elif not can(by, Cap.ORDER_CREATE, place):
        raise PermissionDenied()
    if urgency not in Urgency.values:
        errors.add("urgency", _("Choose one of the listed options."))
    if language not in Language.values:
        errors.add("language", _("Choose one of the listed languages."))
    name = _text(errors, "contact_name", contact_name, required=False, limit=60)
    phone = ""
    if (contact_phone or "").strip():
        try:
            phone = clean_phone(contact_phone)
        except ValidationError as e:
            errors.add("contact_phone", e.messages[0])
    if (phone or name or requester) and not contact_consent:
        errors.add("contact_consent", _("Record the resident's name or number only when they agree to it."))
    if requester is not None and (place is None or not can(by, Cap.RESIDENT_VIEW, requester.place)):
        errors.add("requester", _("Choose a resident you may see."))
    if item_version is not None and not item_version.item.active:
        errors.add("item_version", _("This service item is not offered any more."))
    if window_place is not None and not can(by, Cap.ORDER_CREATE, window_place):
        errors.add("window_place", _("Choose a window in your area."))
    errors.raise_any()
    assert category is not None and place is not None

    fingerprint = _fingerprint({"channel": channel, "category": category.pk, "description": text, "place": place.pk,
                                "urgency": urgency, "language": language, "requester": getattr(requester, "pk", None),
                                "name": name, "phone": phone,
                                "item_version": getattr(item_version, "pk", None)})
    if key:
        earlier = IdempotencyKey.objects.filter(actor=by, key=key).select_related("order").first()
        if earlier is not None:
            return _replay(earlier, fingerprint), False

    now = now or timezone.now()
    order = WorkOrder(
        channel=channel, category=category, description=text, place=place, place_path=place.path, urgency=urgency,
        language=language, requester=requester, contact_name=name, contact_phone=phone,
        contact_phone_index=phone_index(phone), contact_consent=bool(contact_consent), item_version=item_version,
        created_by=by if getattr(by, "is_authenticated", False) else None, created_at=now,
        tracking_code=new_tracking_code())
    planned = steps.plan(item_version, place, window_place) if item_version is not None else []
    unit = planned[0].unit if planned else route(place, category)
    if unit is not None:
        _assign(order, unit, now)
    order.is_open = True
    order.save()
    if key and not _key_stored(IdempotencyKey(key=key, actor=by, order=order, fingerprint=fingerprint)):
        # A concurrent twin stored the same key first (the INSERT waited for it to commit): this
        # order goes again, before anything refers to it, and the winner's order is the answer.
        WorkOrder.objects.filter(pk=order.pk).delete()
        earlier = IdempotencyKey.objects.select_related("order").get(actor=by, key=key)
        return _replay(earlier, fingerprint), False
    actor = by if getattr(by, "is_authenticated", False) else None
    events = [OrderEvent(order=order, at=now, kind=EventKind.CREATED, actor=actor, from_status=Status.NEW,
                         to_status=order.status, data=_opening_data(channel, item_version))]
    if unit is not None:
        events.append(OrderEvent(order=order, at=now, kind=EventKind.ROUTED, actor=actor, from_status=Status.NEW,
                                 to_status=order.status, unit=unit,
                                 data={"ack_due": _iso(order.ack_due),
                                       "resolve_due": _iso(order.resolve_due)}))
    OrderEvent.objects.bulk_create(events)  # one INSERT for both lines of the timeline
    if planned:
        steps.save_plan(order, planned)
    if unit is not None:
        notices.dispatched(order)
    _audit(by, "open", order, channel=channel, routed=unit is not None)
    notices.opened(order)
    return order, True


_KEY_FIELDS = [f for f in IdempotencyKey._meta.local_concrete_fields if not f.primary_key]


def _key_stored(row: IdempotencyKey) -> bool:
    """INSERT … ON CONFLICT DO NOTHING: False when the (actor, key) is already taken. No
    savepoint around the order and its key (two round trips fewer per order)."""
    returned = IdempotencyKey.objects.all()._insert(  # type: ignore[attr-defined]  # Model.save's own path
        [row], fields=_KEY_FIELDS, returning_fields=[IdempotencyKey._meta.pk], on_conflict=OnConflict.IGNORE)
    return bool(returned) and returned[0] is not None


def _replay(earlier: IdempotencyKey, fingerprint: str) -> WorkOrder:
    if earlier.fingerprint != fingerprint:
        raise ValidationError({"idempotency_key": [
            _("This idempotency key was already used for a different request. Use a new key for a new order.")]})
    return earlier.order


# --- the dispatcher ------------------------------------------------------------------------

@transaction.atomic
def order_dispatch(*, by, order: WorkOrder, version: int, unit: Place | None, note: str = "") -> WorkOrder:
    order = _lock(order, version)
    machine.check("dispatch", order, by)
    errors = FieldErrors()
    text = _text(errors, "note", note, required=False, limit=NOTE_MAX)
    if unit is None or unit.kind == "district" or not unit.is_active:
        # Not the district as a whole: someone must be named responsible.
        errors.add("unit", _("Choose the unit that will handle the order."))
    elif not (can(by, Cap.ORDER_DISPATCH, unit) or unit.kind == "department"):
        # A unit in the dispatcher's own area, or one of the district's departments.
        errors.add("unit", _("Choose a unit in your area or a department."))
    errors.raise_any()
    assert unit is not None
    before = order.status
    redispatch = before == Status.RETURNED
    _assign(order, unit, timezone.now())
    _save(order)
    _event(order, EventKind.DISPATCHED, by, before=before, unit=unit, note=text,
           data={"redispatch": redispatch, "ack_due": _iso(order.ack_due),
                 "resolve_due": _iso(order.resolve_due)})
    _audit(by, "dispatch", order, unit=unit.pk)
    notices.dispatched(order, redispatch=redispatch)
    return order


@transaction.atomic
def order_change_category(*, by, order: WorkOrder, version: int, category: Category | None) -> WorkOrder:
    """A new category re-routes the order: to the rule's unit (restarting the clock) or, with
    no rule, back to the dispatcher."""
    order = _lock(order, version)
    machine.check("change_category", order, by)
    if category is None or not category.active:
        raise ValidationError({"category": [_("Choose the service category.")]})
    if category.pk == order.category_id:
        raise ValidationError({"category": [_("The order already has this category.")]})
    before, old = order.status, order.category
    order.category = category
    unit = route(order.place, category)
    now = timezone.now()
    if unit is not None and unit.pk != order.unit_id:
        _assign(order, unit, now)
    elif unit is None:
        order.status, order.unit, order.unit_path, order.due_at = Status.NEW, None, "", None
    else:
        _start_clock(order, now)  # same unit, new category: its deadlines
    _save(order)
    _event(order, EventKind.CATEGORY_CHANGED, by, before=before, unit=order.unit,
           data={"from": old.code, "to": category.code})
    _audit(by, "change_category", order, category=category.code)
    if order.status == Status.DISPATCHED:
        notices.dispatched(order, redispatch=True)
    return order


@transaction.atomic
def order_cancel(*, by, order: WorkOrder, version: int, reason: str) -> WorkOrder:
    order = _lock(order, version)
    machine.check("cancel", order, by)
    errors = FieldErrors()
    text = _text(errors, "reason", reason, required=True, limit=NOTE_MAX,
                 empty_message=_("Say why the order is cancelled (a duplicate, a mistaken call, ...)."))
    errors.raise_any()
    before = order.status
    order.status, order.closed_at, order.due_at = Status.CANCELLED, timezone.now(), None
    _save(order)
    _event(order, EventKind.CANCELLED, by, before=before, note=text)
    _audit(by, "cancel", order)
    return order


# --- the unit ------------------------------------------------------------------------------

@transaction.atomic
def order_acknowledge(*, by, order: WorkOrder, version: int) -> WorkOrder:
    order = _lock(order, version)
    machine.check("acknowledge", order, by)
    now = timezone.now()
    before = order.status
    order.status, order.acknowledged_at, order.assignee = Status.IN_PROGRESS, now, by
    if order.ack_on_time is None and order.ack_due is not None:
        order.ack_on_time = now <= order.ack_due
    order.due_at = order.resolve_due
    order.reminded_at = order.overdue_at = None
    _event(order, EventKind.ACKNOWLEDGED, by, before=before, unit=order.unit)
    started = None
    if order.item_version_id is not None:
        started = steps.start_on_acknowledge(order, by, now)  # the current step's deadline runs (ADR 0017)
    _save(order)
    _audit(by, "acknowledge", order)
    if started is not None and not order.steps.filter(done_at__isnull=False).exists():
        notices.accepted(order)
    return order


@transaction.atomic
def order_return(*, by, order: WorkOrder, version: int, reason: str) -> WorkOrder:
    """The unit gives the order back to the dispatcher, who must review it (status returned)."""
    order = _lock(order, version)
    machine.check("return", order, by)
    errors = FieldErrors()
    text = _text(errors, "reason", reason, required=True, limit=NOTE_MAX,
                 empty_message=_("Say why your unit returns the order, so the dispatcher can send it on."))
    errors.raise_any()
    before, unit = order.status, order.unit
    order.status, order.returns, order.due_at, order.assignee = Status.RETURNED, order.returns + 1, None, None
    _save(order)
    _event(order, EventKind.RETURNED, by, before=before, unit=unit, note=text)
    _audit(by, "return", order, unit=getattr(unit, "pk", None))
    notices.returned(order, unit)
    return order


@transaction.atomic
def order_refer(*, by, order: WorkOrder, version: int, department: Place | None, note: str,
                share_contact: bool = False, consent_confirmed: bool = False) -> WorkOrder:
    """Refer the order to a department, case by case. The requester's name and number go along
    only when the resident agreed to this referral (recorded on the event)."""
    order = _lock(order, version)
    machine.check("refer", order, by)
    errors = FieldErrors()
    text = _text(errors, "note", note, required=True, limit=NOTE_MAX,
                 empty_message=_("Say what the department is asked to do."))
    if department is None or department.kind != "department":
        errors.add("department", _("Choose a department."))
    elif department.pk == order.unit_id:
        errors.add("department", _("The order is already with this department."))
    has_contact = bool(order.contact_phone or order.contact_name or order.requester_id)
    consent = None
    if share_contact and has_contact:
        consent = steps.consent_for_referral(order, by, confirmed=consent_confirmed and not errors)
        if consent is None:
            errors.add("consent_confirmed", _("The resident's name and number go to the department only with their "
                                              "consent to this referral. Confirm it, or refer without them."))
    errors.raise_any()
    assert department is not None
    before, source = order.status, order.unit
    _assign(order, department, timezone.now())
    _save(order)
    _event(order, EventKind.REFERRED, by, before=before, unit=department, note=text,
           data={"from_unit": getattr(source, "pk", None), "contact_shared": bool(share_contact and has_contact),
                 "consent_confirmed": consent is not None, "consent": getattr(consent, "pk", None)})
    _audit(by, "refer", order, department=department.pk, contact_shared=bool(share_contact and has_contact))
    notices.dispatched(order, redispatch=True)
    return order


@transaction.atomic
def order_resolve(*, by, order: WorkOrder, version: int, reply: str) -> WorkOrder:
    order = _lock(order, version)
    machine.check("resolve", order, by)
    if steps.pending(order):
        raise ValidationError(_("The service item's steps are not all done yet."), code="state")
    errors = FieldErrors()
    text = _text(errors, "reply", reply, required=True, limit=NOTE_MAX,
                 empty_message=_("Write the reply the resident will receive."))
    errors.raise_any()
    now = timezone.now()
    before = order.status
    order.status, order.resolved_at, order.reply, order.due_at = Status.RESOLVED, now, text, None
    if order.resolved_on_time is None and order.resolve_due is not None:
        order.resolved_on_time = now <= order.resolve_due
    _save(order)
    _event(order, EventKind.RESOLVED, by, before=before, unit=order.unit, note=text)
    _audit(by, "resolve", order)
    notices.resolved(order)
    return order


@transaction.atomic
def order_note(*, by, order: WorkOrder, note: str) -> OrderEvent:
    """An internal note on the timeline; never shown to the resident."""
    order = WorkOrder.objects.select_related("place", "unit").get(pk=order.pk)
    if not machine.may_note(order, by):
        raise PermissionDenied()
    errors = FieldErrors()
    text = _text(errors, "note", note, required=True, limit=NOTE_MAX, empty_message=_("Write the note."))
    errors.raise_any()
    event = _event(order, EventKind.NOTE, by, note=text, internal=True)
    _audit(by, "note", order)
    return event


# --- the hotline's callback and the supervisor -------------------------------------------------

def _clean_rating(errors: FieldErrors, solved: str, satisfaction: str, comment: str) -> str:
    if solved not in Solved.values:
        errors.add("solved", _("Ask whether the problem was actually solved and choose the answer."))
    if satisfaction not in Satisfaction.values:
        errors.add("satisfaction", _("Ask how satisfied the resident is and choose the answer."))
    return _text(errors, "comment", comment, required=False, limit=NOTE_MAX)


def _rate(order: WorkOrder, by, *, method: str, solved: str, satisfaction: str, comment: str) -> Callback:
    now = timezone.now()
    try:
        with transaction.atomic():
            callback = Callback.objects.create(order=order, round=order.reopens, method=method, solved=solved,
                                               satisfaction=satisfaction, comment=comment,
                                               by=by if getattr(by, "is_authenticated", False) else None, at=now)
    except IntegrityError:
        raise ValidationError(_("This order has already been rated.")) from None
    before = order.status
    good = solved != Solved.NO and satisfaction in SATISFIED
    if good:
        order.status, order.closed_at = Status.CLOSED, now
    else:
        order.status = Status.REOPEN_REQUESTED
    _save(order)
    _event(order, EventKind.CALLBACK, by, before=before, unit=order.unit, note=comment,
           data={"method": method, "solved": solved, "satisfaction": satisfaction, "round": callback.round})
    if not good:
        _event(order, EventKind.REOPEN_REQUESTED, by, unit=order.unit)
        notices.reopen_requested(order)
    return callback


@transaction.atomic
def order_callback(*, by, order: WorkOrder, version: int, solved: str, satisfaction: str,
                   comment: str = "") -> Callback:
    """The hotline calls the resident back (not the unit that handled it). A "not solved" or a
    dissatisfied answer asks a supervisor to approve a reopen; otherwise the order closes."""
    order = _lock(order, version)
    machine.check("callback", order, by)
    errors = FieldErrors()
    text = _clean_rating(errors, solved, satisfaction, comment)
    errors.raise_any()
    callback = _rate(order, by, method=CallbackMethod.PHONE, solved=solved, satisfaction=satisfaction, comment=text)
    _audit(by, "callback", order, solved=solved, satisfaction=satisfaction)
    return callback


@transaction.atomic
def order_callback_by_resident(*, tracking_code: str, solved: str, satisfaction: str, comment: str = "") -> Callback:
    """The resident answers the SMS link (no account). Only while the order awaits its callback."""
    order = WorkOrder.objects.select_for_update(of=("self",)).select_related("place", "unit").filter(
        tracking_code=(tracking_code or "").strip().upper()).first()
    if order is None:
        raise ValidationError(_("No order has this tracking code."))
    if order.status != Status.RESOLVED:
        raise ValidationError(_("This order is not waiting for your rating."))
    errors = FieldErrors()
    text = _clean_rating(errors, solved, satisfaction, comment)
    errors.raise_any()
    callback = _rate(order, None, method=CallbackMethod.SMS, solved=solved, satisfaction=satisfaction, comment=text)
    audit_write(by=None, action="workorder.callback_sms", target=order, detail={"solved": solved,
                                                                                "satisfaction": satisfaction})
    return callback


@transaction.atomic
def order_decide_reopen(*, by, order: WorkOrder, version: int, approve: bool, note: str) -> WorkOrder:
    """A supervisor of the unit approves the reopen (重办: back to the unit, counted, new
    deadlines) or refuses it with a reason (the order closes)."""
    order = _lock(order, version)
    machine.check("approve_reopen" if approve else "refuse_reopen", order, by)
    errors = FieldErrors()
    text = _text(errors, "note", note, required=not approve, limit=NOTE_MAX,
                 empty_message=_("Say why the order is not reopened; the resident will be told."))
    errors.raise_any()
    before, now = order.status, timezone.now()
    if approve:
        order.reopens += 1
        assert order.unit is not None
        _assign(order, order.unit, now)
        order.resolved_at = None
        _save(order)
        _event(order, EventKind.REOPENED, by, before=before, unit=order.unit, note=text,
               data={"round": order.reopens})
        notices.dispatched(order, redispatch=True)
    else:
        order.status, order.closed_at = Status.CLOSED, now
        _save(order)
        _event(order, EventKind.REOPEN_REFUSED, by, before=before, unit=order.unit, note=text)
    _audit(by, "reopen_approved" if approve else "reopen_refused", order)
    return order


@transaction.atomic
def order_supervise(*, by, order: WorkOrder, note: str, urge: bool = False) -> WorkOrder:
    """督办 (supervise) or 催办 (urge) from a unit above the one handling the order."""
    order = _lock(order, None)
    machine.check("urge" if urge else "supervise", order, by)
    errors = FieldErrors()
    text = _text(errors, "note", note, required=not urge, limit=NOTE_MAX,
                 empty_message=_("Say what the unit must do and by when."))
    errors.raise_any()
    if urge:
        order.urges += 1
    else:
        order.supervised = True
    _save(order)
    _event(order, EventKind.URGED if urge else EventKind.SUPERVISED, by, unit=order.unit, note=text, internal=True)
    _audit(by, "urge" if urge else "supervise", order)
    notices.supervised(order, urge=urge, note=text)
    return order


# --- the worker's clock ------------------------------------------------------------------------

REMIND_BEFORE_FRACTION = 0.2  # remind when a fifth of the time is left


def remind_due(now: datetime | None = None, limit: int = 500) -> int:
    """Remind the unit of orders whose running deadline is near. Each order once per deadline."""
    now = now or timezone.now()
    done = 0
    candidates = (WorkOrder.objects.filter(status__in=[Status.DISPATCHED, Status.IN_PROGRESS], reminded_at__isnull=True,
                                           due_at__gt=now).order_by("due_at").values_list("pk", flat=True)[:limit])
    for pk in candidates:
        with transaction.atomic():
            order = (WorkOrder.objects.select_for_update(of=("self",))
                     .select_related("unit", "place", "category").get(pk=pk))
            if order.reminded_at or order.due_at is None or order.dispatched_at is None:
                continue
            start = order.acknowledged_at if order.status == Status.IN_PROGRESS and order.acknowledged_at else \
                order.dispatched_at
            if order.item_version_id is not None and order.status == Status.IN_PROGRESS:
                step = steps.current_step(order)  # a step's own deadline runs from the step's start
                if step is not None and step.started_at is not None and step.due_at == order.due_at:
                    start = step.started_at
            left = (order.due_at - now).total_seconds()
            span = max((order.due_at - start).total_seconds(), 1)
            if left > span * REMIND_BEFORE_FRACTION:
                continue
            order.reminded_at = now
            order.save(update_fields=["reminded_at"])
            _event(order, EventKind.REMINDED, None, unit=order.unit, internal=True,
                   data={"due_at": order.due_at.isoformat()})
            notices.reminded(order)
            done += 1
    return done


def supervise_overdue(now: datetime | None = None, limit: int = 500) -> int:
    """Mark overdue orders and supervise them automatically from the unit's parent place."""
    now = now or timezone.now()
    done = 0
    candidates = (WorkOrder.objects.filter(status__in=[Status.DISPATCHED, Status.IN_PROGRESS], overdue_at__isnull=True,
                                           due_at__lte=now).order_by("due_at").values_list("pk", flat=True)[:limit])
    for pk in candidates:
        with transaction.atomic():
            order = (WorkOrder.objects.select_for_update(of=("self",))
                     .select_related("unit", "place", "category").get(pk=pk))
            if order.overdue_at or order.due_at is None or order.due_at > now:
                continue
            order.overdue_at = now
            order.supervised = True
            order.save(update_fields=["overdue_at", "supervised"])
            step = steps.current_step(order) if order.item_version_id is not None else None
            _event(order, EventKind.OVERDUE, None, unit=order.unit, internal=True,
                   data={"due_at": order.due_at.isoformat(), "stage": order.status,
                         "step": step.position if step is not None and step.due_at == order.due_at else None})
            notices.overdue(order)
            done += 1
    return done


def order_url(order: WorkOrder) -> str:
    return reverse("workorders:detail", args=[order.pk])


IDEMPOTENCY_KEEP = timedelta(days=1)


def forget_idempotency_keys(now: datetime | None = None) -> int:
    """Idempotency keys serve retries of the last day; older ones are deleted."""
    now = now or timezone.now()
    deleted, _rows = IdempotencyKey.objects.filter(created_at__lt=now - IDEMPOTENCY_KEEP).delete()
    return deleted
