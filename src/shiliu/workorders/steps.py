"""A work order of a service item follows the steps of the item's version (ADR 0017).

The steps are copied onto the order when it opens (``plan``), each with the unit that must do
it. When the order is acknowledged the first step starts; ``step_complete`` ends the current
step and starts the next. While a step runs the order sits with the step's unit and its
``due_at`` is the step's own deadline, so the inbox, the reminders and the overdue supervision
work on steps as they do on orders. A department's step reaches its liaison as a referral (with
the resident's contact only under a recorded ReferralConsent); after the last step the order
goes back to the unit that acknowledged it, which resolves it.

``consent_record`` records that consent (once per order).
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.core.validation import FieldErrors
from shiliu.guide.models import ItemVersion, StepOwner
from shiliu.places.models import Place, PlaceKind
from shiliu.workdays.calendar import add_working_days
from shiliu.workorders import machine, notices, selectors
from shiliu.workorders.choices import EventKind, Status
from shiliu.workorders.models import NOTE_MAX, OrderEvent, OrderStep, ReferralConsent, WorkOrder

# The words the resident is shown (read out) before their data goes to a department. A new
# wording gets a new version; each consent keeps the version and the words it was given under.
CONSENT_VERSION = "2026-1"
CONSENT_TEXT = gettext_lazy(
    "To handle your request, the department responsible may need your name, phone number and ID "
    "number. They are passed on only with your consent, only for this request, and you may withdraw "
    "it by calling the hotline. Do you agree?")
CONSENT_TEXTS = {CONSENT_VERSION: CONSENT_TEXT}

_OWNER_KIND: dict[str, str] = {StepOwner.COMMUNITY: PlaceKind.COMMUNITY, StepOwner.SUBDISTRICT: PlaceKind.SUBDISTRICT,
               StepOwner.DISTRICT: PlaceKind.DISTRICT}


# --- planning: the steps an order will follow -------------------------------------------------

def _units(place: Place) -> dict[str, Place]:
    """The place's community, subdistrict and district (itself when it is one), by kind."""
    found = {p.kind: p for p in Place.objects.filter(pk__in=place.ancestor_ids())}
    return found


def plan(version: ItemVersion, place: Place, window_place: Place | None) -> list[OrderStep]:
    """Unsaved steps for an order about ``place`` opened under ``version``. The unit of each:
    the window that took the request (else the order's place), the community / subdistrict /
    district the place lies in (else the place itself), or the step's department."""
    ancestors = _units(place)
    district = ancestors.get(PlaceKind.DISTRICT, place)
    planned = []
    for step in version.steps.select_related("department").order_by("position"):
        if step.owner == StepOwner.WINDOW:
            unit = window_place or place
        elif step.owner == StepOwner.DEPARTMENT:
            unit = step.department or district
        else:
            kind = _OWNER_KIND.get(step.owner)
            unit = ancestors.get(kind, place) if kind else place
        planned.append(OrderStep(position=step.position, name=step.name, name_en=step.name_en, owner=step.owner,
                                 unit=unit, unit_path=unit.path, time_limit_days=step.time_limit_days,
                                 tell_resident=step.tell_resident))
    return planned


def save_plan(order: WorkOrder, planned: list[OrderStep]) -> None:
    for step in planned:
        step.order = order
    OrderStep.objects.bulk_create(planned)


def current_step(order: WorkOrder) -> OrderStep | None:
    """The first step not done yet (started or not); None when there are none left."""
    return order.steps.filter(done_at__isnull=True).select_related("unit").order_by("position").first()


def pending(order: WorkOrder) -> bool:
    return order.item_version_id is not None and order.steps.filter(done_at__isnull=True).exists()


# --- running them ------------------------------------------------------------------------------

def _has_contact(order: WorkOrder) -> bool:
    return bool(order.contact_phone or order.contact_name or order.requester_id)


def _consent(order: WorkOrder) -> ReferralConsent | None:
    return ReferralConsent.objects.filter(order=order).first()


def _move(order: WorkOrder, unit: Place, by, *, data: dict, referral: bool) -> None:
    """The order goes to ``unit`` (status unchanged). A department gets it as a referral:
    the resident's contact goes along only under a recorded consent."""
    from shiliu.workorders.services import _event

    source = order.unit
    order.unit, order.unit_path, order.assignee = unit, unit.path, None
    if referral:
        consent = _consent(order)
        shared = consent is not None and _has_contact(order)
        data = {**data, "from_unit": getattr(source, "pk", None), "contact_shared": shared,
                "consent": consent.pk if consent else None}
        _event(order, EventKind.REFERRED, by, before=order.status, unit=unit, data=data)
    else:
        _event(order, EventKind.DISPATCHED, by, before=order.status, unit=unit,
               data={**data, "from_unit": getattr(source, "pk", None)})


def start(order: WorkOrder, step: OrderStep, by, now: datetime, *, acknowledging: bool = False) -> None:
    """Start ``step``: its clock runs from now, the order sits with its unit and shows its due time.
    On acknowledgement the acknowledging unit does the first step itself."""
    if acknowledging and order.unit is not None and step.unit_id != order.unit_id:
        step.unit, step.unit_path = order.unit, order.unit.path  # a dispatcher sent it elsewhere by hand
    step.started_at = now
    step.due_at = add_working_days(now, step.time_limit_days)
    step.version += 1
    step.save(update_fields=["unit", "unit_path", "started_at", "due_at", "version"])
    order.due_at = step.due_at
    order.reminded_at = order.overdue_at = None
    if step.unit_id != order.unit_id:
        _move(order, step.unit, by, data={"step": step.position, "step_due": step.due_at.isoformat()},
              referral=step.owner == StepOwner.DEPARTMENT)


def start_on_acknowledge(order: WorkOrder, by, now: datetime) -> OrderStep | None:
    """Called by order_acknowledge (before it saves the order): the current step starts if it has
    not (returned), or its running deadline becomes the order's again."""
    step = current_step(order)
    if step is None:
        return None
    if step.started_at is None:
        start(order, step, by, now, acknowledging=True)
        return step
    if order.unit is not None and step.unit_id != order.unit_id:
        # Returned mid-step and dispatched elsewhere by hand: the acknowledging unit does the step.
        step.unit, step.unit_path = order.unit, order.unit.path
        step.version += 1
        step.save(update_fields=["unit", "unit_path", "version"])
    order.due_at = step.due_at
    return None


def _home(order: WorkOrder) -> Place | None:
    """The unit that acknowledged the order (first), which resolves it after the last step."""
    event = (order.events.filter(kind=EventKind.ACKNOWLEDGED, unit__isnull=False).select_related("unit")
             .order_by("at", "id").first())
    return event.unit if event else order.unit


@transaction.atomic
def step_complete(*, by, order: WorkOrder, position: int, outcome: str = "",
                  version: int | None = None) -> OrderStep:
    """The step's unit reports the step done (a department's liaison reports back with an
    outcome). The next step starts; after the last one the order goes back to the unit that
    acknowledged it, to be resolved. Holding ``order.handle`` over the step's unit is required
    (PermissionDenied otherwise); a step that is not the current one is refused. Two
    concurrent completions: the order's row lock lets one through, the other is refused."""
    from shiliu.workorders.services import _audit, _event, _lock, _save, _text

    order = _lock(order, version)
    step = order.steps.select_related("unit").filter(position=position).first()
    if step is None or not can(by, Cap.ORDER_HANDLE, step.unit):
        raise PermissionDenied()
    if step.done_at is not None:
        raise ValidationError(_("This step is already done."), code="state")
    if order.status != Status.IN_PROGRESS or step.started_at is None:
        raise ValidationError(_("This step has not started yet."), code="state")
    errors = FieldErrors()
    text = _text(errors, "outcome", outcome, required=step.owner == StepOwner.DEPARTMENT, limit=NOTE_MAX,
                 empty_message=_("Report what the department did."))
    errors.raise_any()
    now = timezone.now()
    step.done_at, step.done_by, step.outcome = now, by, text
    step.on_time = step.due_at is None or now <= step.due_at
    step.version += 1
    step.save(update_fields=["done_at", "done_by", "outcome", "on_time", "version"])
    _event(order, EventKind.STEP_DONE, by, unit=step.unit, note=text, internal=True,
           data={"step": step.position, "name": step.name, "on_time": step.on_time})
    following = order.steps.filter(position__gt=position).select_related("unit").order_by("position").first()
    if following is not None:
        start(order, following, by, now)
    else:
        order.due_at = order.resolve_due
        order.reminded_at = order.overdue_at = None
        home = _home(order)
        if home is not None and home.pk != order.unit_id:
            _move(order, home, by, data={"steps_done": True}, referral=False)
    _save(order)
    _audit(by, "step_complete", order, step=step.position, on_time=step.on_time)
    notices.step_done(order, step)
    if following is not None:
        notices.step_started(order, following)
    return step


# --- the resident's consent to pass their data on -----------------------------------------------

@transaction.atomic
def consent_record(*, by, order: WorkOrder, text_version: str = CONSENT_VERSION) -> ReferralConsent:
    """Record, once per order, that the resident agreed (to the text of ``text_version``) that
    their name, number and ID go to a department the order is referred to."""
    from shiliu.workorders.services import _audit, _event, _lock

    order = _lock(order, None)
    # Someone acting on the open order who sees the contact (not a department that did not get it).
    if not machine.may_note(order, by) or not order.is_open or not selectors.contact_visible(order, by):
        raise PermissionDenied()
    if text_version not in CONSENT_TEXTS:
        raise ValidationError({"text_version": [_("Choose the consent text the resident was shown.")]})
    now = timezone.now()
    try:
        with transaction.atomic():
            consent = ReferralConsent.objects.create(order=order, text_version=text_version,
                                                     text=str(CONSENT_TEXTS[text_version]), recorded_at=now,
                                                     recorded_by=by)
    except IntegrityError:
        raise ValidationError(_("The resident's consent is already recorded for this order.")) from None
    _event(order, EventKind.CONSENT, by, internal=True, data={"consent": consent.pk, "text_version": text_version})
    _audit(by, "consent", order, text_version=text_version)
    return consent


def consent_for_referral(order: WorkOrder, by, *, confirmed: bool) -> ReferralConsent | None:
    """The order's consent; with ``confirmed`` (the worker ticked that the resident agrees now)
    and none yet, recorded now with the current text. Inside the referral's transaction."""
    from shiliu.workorders.services import _audit

    consent = _consent(order)
    if consent is None and confirmed:
        consent = ReferralConsent.objects.create(order=order, text_version=CONSENT_VERSION, text=str(CONSENT_TEXT),
                                                 recorded_at=timezone.now(), recorded_by=by)
        OrderEvent.objects.create(order=order, at=consent.recorded_at, kind=EventKind.CONSENT, actor=by,
                                  internal=True, data={"consent": consent.pk, "text_version": CONSENT_VERSION})
        _audit(by, "consent", order, text_version=CONSENT_VERSION)
    return consent
