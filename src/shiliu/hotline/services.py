"""Every change to a call goes through these functions: the phone system's events, the
operator taking a call, and logging what came of it (answered on the call, a work order
opened, something else).

A phone system's events touch only the call's state and times, never its ``version``: an
operator writing the summary while the caller hangs up is not "someone else changed this".
The operator's steps bump the version, so two operators logging one call cannot both win.
"""

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can, roots
from shiliu.accounts.models import User
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.core.validation import FieldErrors
from shiliu.hotline import knowledge
from shiliu.hotline.choices import SOURCE_DESK, CallEventKind, CallState, Outcome
from shiliu.hotline.models import EXTERNAL_ID_MAX, RECORDING_REF_MAX, SUMMARY_MAX, Call, CallEvent
from shiliu.hotline.phones import caller_e164, caller_index, typed_e164
from shiliu.hotline.selectors import CallerHistory, caller_history  # noqa: F401 - the lookup, audited
from shiliu.places.models import Place
from shiliu.workorders.attachments import CheckedFile, attachment_add, check_upload
from shiliu.workorders.choices import Channel, Urgency
from shiliu.workorders.models import Category, WorkOrder
from shiliu.workorders.selectors import orders_visible
from shiliu.workorders.services import order_open

# A phone system's clock may run a little fast; an event further in the future is refused.
CLOCK_SKEW = timedelta(minutes=10)
ORDER_SUMMARY_CHARS = 200
SOURCE_MAX = 60
OPERATOR_REF_MAX = 150



def _audit(by, action: str, call: Call, **detail) -> None:
    audit_write(by=by, action=f"hotline.call.{action}", target=call,
                detail={"state": call.state, "outcome": call.outcome, **detail})


def _text(errors: FieldErrors, field: str, value, *, limit: int, required_message: str = "") -> str:
    if value is not None and not isinstance(value, str):
        errors.add(field, _("Enter text."))
        return ""
    text = (value or "").strip()
    if required_message and not text:
        errors.add(field, required_message)
    elif len(text) > limit:
        errors.add(field, _("At most %(limit)d characters; this has %(n)d.") % {"limit": limit, "n": len(text)})
    return text


# --- the phone system -----------------------------------------------------------------------

def _hotline_place(by, place: Place | None, errors: FieldErrors) -> Place | None:
    """The hotline a call belongs to: the one named, or the only one the account answers for."""
    if by is None:
        if place is None:
            errors.add("place", _("Name the hotline's place."))
        return place
    if place is not None:
        if not can(by, Cap.CALL_EVENTS, place):
            errors.add("place", _("This account does not answer calls for that place."))
        return place
    hotlines = roots(by, Cap.CALL_EVENTS)
    if len(hotlines) == 1:
        return hotlines[0]
    errors.add("place", _("This account answers for several places: name the hotline's place."))
    return None


def _operator(ref: str, place: Place) -> User | None:
    """The staff account an event names (by username), if it may take calls at the place."""
    if not ref:
        return None
    user = User.objects.filter(username=ref, is_active=True).first()
    return user if user is not None and can(user, Cap.HOTLINE_TAKE, place) else None


def _apply(call: Call, kind: str, at: datetime, operator: User | None, extension: str) -> None:
    """Move the call by one event, whatever order the events arrive in."""
    call.started_at = min(call.started_at, at)
    if kind == CallEventKind.ANSWERED:
        if call.state == CallState.RINGING:
            call.state, call.answered_at = CallState.ANSWERED, at
        elif call.state == CallState.MISSED and (call.ended_at is None or at <= call.ended_at):
            # "ended" overtook "answered" on the way here: the call was answered after all.
            call.state, call.answered_at = CallState.ENDED, at
            if call.outcome == Outcome.MISSED and call.logged_by_id is None:
                call.outcome = ""
        elif call.state in (CallState.ANSWERED, CallState.ENDED):
            call.answered_at = min(call.answered_at or at, at)
        if call.state != CallState.MISSED:
            if call.operator_id is None and operator is not None:
                call.operator = operator
            if not call.extension and extension:
                call.extension = extension
    elif kind == CallEventKind.ENDED:
        if call.state == CallState.RINGING:
            # Ended without being answered (or before the "answered" arrived): missed for now.
            call.state, call.ended_at = CallState.MISSED, at
            if not call.outcome:
                call.outcome = Outcome.MISSED
        elif call.state == CallState.ANSWERED:
            call.state, call.ended_at = CallState.ENDED, max(at, call.answered_at or at)
        elif call.ended_at is None:
            call.ended_at = at


@transaction.atomic
def call_event(*, by, event: str, call_id: str, caller: str = "", at: datetime | None = None,
               recording_ref: str = "", operator: str = "", place: Place | None = None,
               source: str = "") -> tuple[Call, bool]:
    """Record one event a phone system reports. Returns (call, changed).

    ``by`` is the phone system's account (it holds ``hotline.take`` at the hotline's place);
    None for Shiliu's own simulator, which must then name ``place`` and ``source``. The
    same (call_id, event) twice changes nothing (``changed`` is False). An "ended" with no
    "answered" before it marks the call missed; an "answered" that arrives after its
    "ended" but happened before it turns the missed call into an answered one. An
    unreadable or hidden number is recorded as no number; its text is not kept.
    """
    errors = FieldErrors()
    if event not in CallEventKind.values:
        errors.add("event", _("Send one of: ringing, answered, ended."))
    external_id = _text(errors, "call_id", call_id, limit=EXTERNAL_ID_MAX,
                        required_message=_("Send the phone system's id of the call."))
    reference = _text(errors, "recording_ref", recording_ref, limit=RECORDING_REF_MAX)
    operator_ref = _text(errors, "operator", operator, limit=OPERATOR_REF_MAX)
    now = timezone.now()
    at = at or now
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    if at > now + CLOCK_SKEW:
        errors.add("at", _("The time of the event is in the future; check the phone system's clock."))
    if by is not None:
        source = by.get_username()  # a phone system's calls are kept apart by the account it uses
    source = (source or "").strip()[:SOURCE_MAX]
    if not source:
        errors.add("source", _("Name the phone system."))
    hotline = _hotline_place(by, place, errors)
    errors.raise_any()
    assert hotline is not None

    call = Call.objects.select_for_update().filter(source=source, external_id=external_id).first()
    created = False
    if call is None:
        number = caller_e164(caller)
        try:
            with transaction.atomic():
                call = Call.objects.create(external_id=external_id, source=source, caller_phone=number,
                                           caller_index=caller_index(number), place=hotline, started_at=at)
                created = True
        except IntegrityError:  # the same event, sent twice at once: the other one made the call
            call = Call.objects.select_for_update().get(source=source, external_id=external_id)
    try:
        with transaction.atomic():
            CallEvent.objects.create(call=call, kind=event, at=at)
    except IntegrityError:
        return call, False  # a retry of an event already recorded
    if not call.caller_phone and caller:
        number = caller_e164(caller)
        call.caller_phone, call.caller_index = number, caller_index(number)
    if reference and not call.recording_ref:
        call.recording_ref = reference
    person = _operator(operator_ref, call.place)
    _apply(call, event, at, person, "" if person else operator_ref[:30])
    call.save()
    _audit(by, event, call, source=source, created=created)
    return call, True


# --- the operator ---------------------------------------------------------------------------

def _lock(call: Call, version: int | None = None) -> Call:
    locked = Call.objects.select_for_update(of=("self",)).select_related("place", "operator").get(pk=call.pk)
    if version is not None and locked.version != version:
        raise StaleVersion()
    return locked


def _bump(call: Call) -> None:
    call.version += 1
    call.save()


def _may_log(by, call: Call) -> None:
    """The user may record what came of this call: theirs (or nobody's yet), taken, not logged."""
    if not can(by, Cap.HOTLINE_TAKE, call.place):
        raise PermissionDenied()
    if call.outcome:
        raise ValidationError(_("This call has already been logged."), code="logged")
    if call.state == CallState.RINGING:
        raise ValidationError(_("Take the call first."), code="ringing")
    if call.state == CallState.MISSED:
        raise ValidationError(_("This call was missed. Call the number back and log that call."), code="missed")
    if call.operator_id is not None and call.operator_id != by.pk:
        raise ValidationError(_("Another operator took this call."), code="taken")


def _close(call: Call, by, outcome: str, now: datetime) -> None:
    call.outcome, call.logged_by, call.logged_at = outcome, by, now
    if call.operator_id is None:
        call.operator = by
    if call.source == SOURCE_DESK and call.state == CallState.ANSWERED:
        # No phone system will report the end of a call typed in at the desk: logging ends it.
        call.state, call.ended_at = CallState.ENDED, now


@transaction.atomic
def call_record(*, by, phone: str, place: Place | None = None) -> Call:
    """A call the operator took on an ordinary phone and types in: answered by them, now.
    An empty ``phone`` records a call from a hidden number."""
    errors = FieldErrors()
    number = ""
    if (phone or "").strip():
        try:
            number = typed_e164(phone)
        except ValidationError as e:
            errors.add("phone", e.messages[0])
    if place is not None and not can(by, Cap.HOTLINE_TAKE, place):
        raise PermissionDenied()
    hotline = _hotline_place(by, place, errors)
    errors.raise_any()
    assert hotline is not None
    now = timezone.now()
    call = Call.objects.create(external_id=uuid.uuid4().hex, source=SOURCE_DESK, caller_phone=number,
                               caller_index=caller_index(number), place=hotline, state=CallState.ANSWERED,
                               operator=by, started_at=now, answered_at=now)
    _audit(by, "record", call)
    return call


@transaction.atomic
def call_take(*, by, call: Call) -> Call:
    """The operator takes the call: a ringing call becomes answered by them; an answered call
    nobody claimed becomes theirs; their own call is simply theirs again."""
    call = _lock(call)
    if not can(by, Cap.HOTLINE_TAKE, call.place):
        raise PermissionDenied()
    if call.outcome:
        raise ValidationError(_("This call has already been logged."), code="logged")
    if call.operator_id == by.pk:
        return call
    if call.state == CallState.MISSED:
        raise ValidationError(_("This call was missed. Call the number back and log that call."), code="missed")
    if call.operator_id is not None:
        raise ValidationError(_("Another operator took this call."), code="taken")
    if call.state == CallState.RINGING:
        call.state, call.answered_at = CallState.ANSWERED, timezone.now()
    call.operator = by
    _bump(call)
    _audit(by, "take", call)
    return call


def _articles(errors: FieldErrors, by, articles: Iterable) -> list:
    """The knowledge-base articles named, each one the user may read."""
    wanted = {int(a.pk if hasattr(a, "pk") else a) for a in articles or () if str(getattr(a, "pk", a)).isdigit()}
    if not wanted:
        return []
    found = knowledge.readable_articles(by, wanted)
    if len(found) != len(wanted):
        errors.add("articles", _("Choose articles from the knowledge base."))
    return found


@transaction.atomic
def call_answer_on_call(*, by, call: Call, version: int | None = None, category: Category | None,
                        summary: str, articles: Iterable = ()) -> Call:
    """The caller's question was answered on the call (直接答复): log the category, a short
    summary and the knowledge-base articles used. The call counts as answered on the call."""
    call = _lock(call, version)
    _may_log(by, call)
    errors = FieldErrors()
    if category is None or not category.active:
        errors.add("category", _("Choose the service category."))
    text = _text(errors, "summary", summary, limit=SUMMARY_MAX,
                 required_message=_("Write in a few words what was asked and answered."))
    used = _articles(errors, by, articles)
    errors.raise_any()
    _close(call, by, Outcome.ANSWERED_ON_CALL, timezone.now())
    call.category, call.summary = category, text
    _bump(call)
    if used:
        knowledge.link_articles(call, used)
    _audit(by, "answer_on_call", call, articles=[a.pk for a in used])
    return call


@transaction.atomic
def call_log_other(*, by, call: Call, version: int | None = None, summary: str) -> Call:
    """Neither answered nor an order: a wrong number, a silent call, a call passed on."""
    call = _lock(call, version)
    _may_log(by, call)
    errors = FieldErrors()
    text = _text(errors, "summary", summary, limit=SUMMARY_MAX,
                 required_message=_("Write in a few words what the call was."))
    errors.raise_any()
    _close(call, by, Outcome.OTHER, timezone.now())
    call.summary = text
    _bump(call)
    _audit(by, "log_other", call)
    return call


MAX_ATTACHMENTS = 5


def _check_files(uploads: Iterable) -> tuple[list[CheckedFile], list[str]]:
    """Each file judged by its content (workorders.attachments), before anything is saved."""
    checked: list[CheckedFile] = []
    problems: list[str] = []
    uploads = list(uploads or ())
    if len(uploads) > MAX_ATTACHMENTS:
        problems.append(_("Attach at most %(n)d files here; add more on the order's page.") % {"n": MAX_ATTACHMENTS})
        return checked, problems
    for upload in uploads:
        try:
            checked.append(upload if isinstance(upload, CheckedFile) else check_upload(upload, field="attachments"))
        except ValidationError as e:
            problems.extend(e.message_dict["attachments"])
    return checked, problems


@transaction.atomic
def call_open_order(*, by, call: Call, version: int | None = None, category: Category | None, description: str,
                    place: Place | None, urgency: str = Urgency.NORMAL, language: str = "zh",
                    contact_name: str = "", contact_phone: str = "", contact_consent: bool = False,
                    attachments: Iterable = (), now: datetime | None = None) -> tuple[Call, WorkOrder]:
    """Open a work order from the call (channel "hotline"), attach the files and link the
    order to the call, in one transaction: when anything is refused, neither the order nor
    the call changes. Every field's problem (files included) is reported at once."""
    call = _lock(call, version)
    _may_log(by, call)
    files, file_problems = _check_files(attachments)
    try:
        order, _created = order_open(by=by, channel=Channel.HOTLINE, category=category, description=description,
                                     place=place, urgency=urgency, language=language, contact_name=contact_name,
                                     contact_phone=contact_phone, contact_consent=contact_consent, now=now)
    except ValidationError as e:
        if file_problems and hasattr(e, "error_dict"):
            raise ValidationError({**e.message_dict, "attachments": file_problems}) from None
        raise
    if file_problems:
        raise ValidationError({"attachments": file_problems})
    for item in files:
        attachment_add(by=by, order=order, upload=None, checked=item)
    _close(call, by, Outcome.ORDER_OPENED, now or timezone.now())
    call.order, call.category = order, order.category
    call.summary = Truncator(order.description).chars(ORDER_SUMMARY_CHARS)
    _bump(call)
    _audit(by, "open_order", call, order=order.pk, attachments=len(files))
    return call, order


@transaction.atomic
def call_link_order(*, by, call: Call, order: WorkOrder, version: int | None = None) -> Call:
    """Record that this call opened an order that already exists (an order typed in before the
    call was recorded, or brought in from another system): the call counts as an order opened."""
    call = _lock(call, version)
    _may_log(by, call)
    if order.channel != Channel.HOTLINE or not orders_visible(by).filter(pk=order.pk).exists():
        raise ValidationError({"order": [_("Choose a hotline work order you may see.")]})
    _close(call, by, Outcome.ORDER_OPENED, timezone.now())
    call.order, call.category = order, order.category
    call.summary = Truncator(order.description).chars(ORDER_SUMMARY_CHARS)
    _bump(call)
    _audit(by, "link_order", call, order=order.pk)
    return call
