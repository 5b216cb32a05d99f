"""Every write to windows (hours, closures, duty, items offered) and every intake at a window.

Keyword-only, atomic, audited; all field errors at once (one ValidationError); a stale version
raises StaleVersion. Intake opens one work order per item through shiliu.workorders.services
.order_open, so the window uses the same engine as the hotline.
"""

import json
from datetime import date, datetime, time

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.audit.services import audit_write
from shiliu.core import crypto
from shiliu.core.concurrency import StaleVersion
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.creation.services import bump
from shiliu.guide.models import ServiceItem, StepOwner
from shiliu.people.models import Resident
from shiliu.people.validation import clean_phone
from shiliu.places.models import Place
from shiliu.windows.models import (
    ADDRESS_MAX,
    NAME_MAX,
    NOTE_MAX,
    PHONE_MAX,
    REASON_MAX,
    Closure,
    DutyShift,
    OpeningHours,
    ServiceWindow,
    Visit,
    VisitItem,
    WindowKind,
)
from shiliu.workdays.calendar import add_working_days
from shiliu.workorders import services as orders
from shiliu.workorders.choices import Channel, Status
from shiliu.workorders.steps import step_complete

IDEMPOTENCY_KEY_MAX = 100
ITEMS_PER_VISIT_MAX = 10
VISITOR_NAME_MAX = 60


def _check_edit(by, place: Place) -> None:
    if not can(by, Cap.WINDOW_EDIT, place):
        raise PermissionDenied()


# --- windows ------------------------------------------------------------------------------------

WINDOW_FIELDS = {"kind", "place", "name", "address", "phone", "public", "active", "open_on_rest_days", "items"}


def _clean_window(data: dict, *, by) -> dict:
    errors = FieldErrors()
    out: dict = {}
    if "kind" in data:
        if data["kind"] not in WindowKind.values:
            errors.add("kind", _("Choose one of the listed kinds."))
        out["kind"] = data["kind"]
    if "place" in data:
        place = data["place"]
        if not isinstance(place, Place):
            errors.add("place", _("Choose a place."))
        elif not can(by, Cap.WINDOW_EDIT, place):
            errors.add("place", _("You cannot keep windows at this place."))
        out["place"] = place
    if "name" in data:
        out["name"] = clean_text(errors, "name", data["name"], max_length=NAME_MAX,
                                 required=_("Enter the name of the window."))
    if "address" in data:
        out["address"] = clean_text(errors, "address", data["address"], max_length=ADDRESS_MAX)
    if "phone" in data:
        out["phone"] = clean_text(errors, "phone", data["phone"], max_length=PHONE_MAX)
    for flag in ("public", "active", "open_on_rest_days"):
        if flag in data:
            out[flag] = bool(data[flag])
    if "items" in data:
        items = list(data["items"] or [])
        if any(not isinstance(i, ServiceItem) for i in items):
            errors.add("items", _("Choose service items of the guide."))
        out["items"] = items
    errors.raise_any()
    return out


@transaction.atomic
def window_create(*, by, kind: str, place: Place, name: str, address: str = "", phone: str = "",
                  public: bool = True, active: bool = True, open_on_rest_days: bool = False,
                  items=()) -> ServiceWindow:
    """Record a window or service centre at a place the user keeps windows of. Emits ``windows.window.create``."""
    data = _clean_window(dict(kind=kind, place=place, name=name, address=address, phone=phone, public=public,
                              active=active, open_on_rest_days=open_on_rest_days, items=items), by=by)
    chosen = data.pop("items")
    window = ServiceWindow.objects.create(created_by=by, **data)
    window.items.set(chosen)
    audit_write(by=by, action="windows.window.create", target=window,
                detail={"place": window.place_id, "items": sorted(i.pk for i in chosen)})
    return window


@transaction.atomic
def window_update(*, window: ServiceWindow, by, version: int, **fields) -> ServiceWindow:
    """Change a window's fields (any of WINDOW_FIELDS). Emits ``windows.window.update``."""
    unknown = set(fields) - WINDOW_FIELDS
    if unknown:
        raise ValueError(f"window_update does not change {sorted(unknown)}")
    current = ServiceWindow.objects.select_related("place").get(pk=window.pk)
    if current.version != version:
        raise StaleVersion()
    _check_edit(by, current.place)
    data = _clean_window(fields, by=by)
    chosen = data.pop("items", None)
    changed = sorted(k for k, v in data.items() if getattr(current, k) != v)
    if chosen is not None and {i.pk for i in chosen} != set(current.items.values_list("pk", flat=True)):
        changed.append("items")
    if not changed:
        return current
    bump(ServiceWindow, pk=current.pk, version=version, updated_at=timezone.now(),
         **{k: v for k, v in data.items() if k in changed})
    if chosen is not None and "items" in changed:
        current.items.set(chosen)
    audit_write(by=by, action="windows.window.update", target=current, detail={"changed": changed})
    return ServiceWindow.objects.select_related("place").get(pk=current.pk)


def _touch(window: ServiceWindow, version: int | None) -> None:
    """Hours, closures and duty belong to the window: a change of them bumps its version."""
    if version is None:
        ServiceWindow.objects.filter(pk=window.pk).update(version=window.version + 1, updated_at=timezone.now())
    else:
        bump(ServiceWindow, pk=window.pk, version=version, updated_at=timezone.now())


@transaction.atomic
def hours_set(*, window: ServiceWindow, by, version: int, spans: list[tuple[int, time, time]]) -> ServiceWindow:
    """Replace the weekly hours by ``spans`` (weekday 0-6, opens, closes). Emits ``windows.hours.set``."""
    _check_edit(by, window.place)
    errors = FieldErrors()
    clean: list[tuple[int, time, time]] = []
    for weekday, opens, closes in spans:
        if not (isinstance(weekday, int) and 0 <= weekday <= 6):
            errors.add("hours", _("A weekday is one of Monday to Sunday."))
        elif not (isinstance(opens, time) and isinstance(closes, time)) or opens >= closes:
            errors.add("hours", _("Each span opens before it closes."))
        else:
            clean.append((weekday, opens, closes))
    by_day: dict[int, list[tuple[time, time]]] = {}
    for weekday, opens, closes in clean:
        by_day.setdefault(weekday, []).append((opens, closes))
    for day_spans in by_day.values():
        day_spans.sort()
        if any(a[1] > b[0] for a, b in zip(day_spans, day_spans[1:], strict=False)):
            errors.add("hours", _("The spans of one day overlap."))
            break
    errors.raise_any()
    _touch(window, version)
    OpeningHours.objects.filter(window=window).delete()
    OpeningHours.objects.bulk_create(OpeningHours(window=window, weekday=w, opens=o, closes=c) for w, o, c in clean)
    audit_write(by=by, action="windows.hours.set", target=window, detail={"spans": len(clean)})
    return ServiceWindow.objects.select_related("place").get(pk=window.pk)


@transaction.atomic
def closure_add(*, window: ServiceWindow, by, starts_on: date | None, ends_on: date | None, reason: str) -> Closure:
    """Shut the window for a period (a holiday, a move, training). Emits ``windows.closure.add``."""
    _check_edit(by, window.place)
    errors = FieldErrors()
    if not isinstance(starts_on, date):
        errors.add("starts_on", _("Enter a real date, like 2024-05-17."))
    if not isinstance(ends_on, date):
        errors.add("ends_on", _("Enter a real date, like 2024-05-17."))
    elif isinstance(starts_on, date) and ends_on < starts_on:
        errors.add("ends_on", _("The last day cannot lie before the first."))
    text = clean_text(errors, "reason", reason, max_length=REASON_MAX, required=_("Say why the window is closed."))
    errors.raise_any()
    assert isinstance(starts_on, date) and isinstance(ends_on, date)
    _touch(window, None)
    closure = Closure.objects.create(window=window, starts_on=starts_on, ends_on=ends_on, reason=text, created_by=by)
    audit_write(by=by, action="windows.closure.add", target=window, detail={"closure": closure.pk})
    return closure


@transaction.atomic
def closure_remove(*, closure: Closure, by) -> None:
    window = closure.window
    _check_edit(by, window.place)
    _touch(window, None)
    audit_write(by=by, action="windows.closure.remove", target=window, detail={"closure": closure.pk})
    closure.delete()


@transaction.atomic
def duty_add(*, window: ServiceWindow, by, user, day: date | None) -> DutyShift:
    """Put a staff member who may take visitors there on duty at the window on ``day``."""
    _check_edit(by, window.place)
    errors = FieldErrors()
    if not isinstance(day, date):
        errors.add("date", _("Enter a real date, like 2024-05-17."))
    if user is None or not can(user, Cap.WINDOW_INTAKE, window.place):
        errors.add("user", _("Choose a staff member who may take visitors at this window."))
    errors.raise_any()
    assert isinstance(day, date)
    shift, created = DutyShift.objects.get_or_create(window=window, date=day, user=user,
                                                     defaults={"created_by": by})
    if created:
        audit_write(by=by, action="windows.duty.add", target=window, detail={"user": user.pk, "date": str(day)})
    return shift


@transaction.atomic
def duty_remove(*, shift: DutyShift, by) -> None:
    _check_edit(by, shift.window.place)
    audit_write(by=by, action="windows.duty.remove", target=shift.window,
                detail={"user": shift.user_id, "date": str(shift.date)})
    shift.delete()


# --- intake -------------------------------------------------------------------------------------

def _fingerprint(data: dict) -> str:
    return crypto.blind_index(json.dumps(data, sort_keys=True, default=str), purpose="windows.intake")


@transaction.atomic
def visit_take(*, by, window: ServiceWindow, items: list[ServiceItem], brought: dict[int, list[int]] | None = None,
               resident: Resident | None = None, visitor_name: str = "", visitor_phone: str = "",
               contact_consent: bool = False, note: str = "", idempotency_key: str = "",
               now: datetime | None = None) -> tuple[Visit, bool]:
    """Take a visitor at ``window`` for ``items``: one work order per item (channel window), the
    materials ticked per item (``brought``: item id → Material ids of its current version), the
    rest recorded as missing. Returns (visit, created); the same user's repeated submit with the
    same ``idempotency_key`` returns the first visit and opens nothing. Emits ``windows.visit.take``
    and each order's own events and notices."""
    if not can(by, Cap.WINDOW_INTAKE, window.place):
        raise PermissionDenied()
    brought = brought or {}
    errors = FieldErrors()
    key = (idempotency_key or "").strip()
    if len(key) > IDEMPOTENCY_KEY_MAX:
        errors.add("idempotency_key",
                   _("An idempotency key has at most %(n)d characters.") % {"n": IDEMPOTENCY_KEY_MAX})
    if not window.active:
        errors.add("window", _("This window is not in service."))
    items = list(dict.fromkeys(items))
    if not items:
        errors.add("items", _("Choose at least one service item."))
    elif len(items) > ITEMS_PER_VISIT_MAX:
        errors.add("items", _("At most %(n)d items at one visit.") % {"n": ITEMS_PER_VISIT_MAX})
    offered = set(window.items.values_list("pk", flat=True))
    refused = [i for i in items if i.pk not in offered or not i.active or i.current_id is None]
    if refused:
        errors.add("items", _("This window does not offer %(items)s. Send the visitor to a window that does.")
                   % {"items": "、".join(i.current.name if i.current else i.code for i in refused)})
    name = clean_text(errors, "visitor_name", visitor_name, max_length=VISITOR_NAME_MAX)
    phone = ""
    if (visitor_phone or "").strip():
        try:
            phone = clean_phone(visitor_phone)
        except ValidationError as e:
            errors.add("visitor_phone", e.messages[0])
    text = clean_text(errors, "note", note, max_length=NOTE_MAX)
    if resident is not None and not can(by, Cap.RESIDENT_VIEW, resident.place):
        errors.add("resident", _("Choose a resident you may see."))
    if (name or phone or resident) and not contact_consent:
        errors.add("contact_consent", _("Record the visitor's name or number only when they agree to it."))
    if not can(by, Cap.ORDER_CREATE, window.place):
        errors.add("window", _("You cannot open work orders at this window's place."))
    errors.raise_any()

    versions = {item.pk: item.current for item in items if item.current is not None}
    checklists: dict[int, tuple[list[int], list[int]]] = {}
    for item in items:
        material_ids = [m.pk for m in versions[item.pk].materials.all()]
        ticked = [m for m in material_ids if m in set(brought.get(item.pk, []))]
        checklists[item.pk] = (ticked, [m for m in material_ids if m not in ticked])
    fingerprint = _fingerprint({"window": window.pk, "items": [i.pk for i in items], "checklists": checklists,
                                "resident": getattr(resident, "pk", None), "name": name, "phone": phone,
                                "note": text})
    if key:
        earlier = Visit.objects.filter(taken_by=by, idempotency_key=key).first()
        if earlier is not None:
            return _replay(earlier, fingerprint), False

    now = now or timezone.now()
    visit = Visit(window=window, place=window.place, resident=resident, visitor_name=name, visitor_phone=phone,
                  contact_consent=bool(contact_consent), note=text, taken_by=by, taken_at=now,
                  idempotency_key=key, fingerprint=fingerprint)
    try:
        with transaction.atomic():
            visit.save()
    except IntegrityError:  # a concurrent twin with the same key won
        return _replay(Visit.objects.get(taken_by=by, idempotency_key=key), fingerprint), False
    lines = []
    for item in items:
        version = versions[item.pk]
        ticked, missing = checklists[item.pk]
        # The order's text is a stored record read by everyone (the resident's portal, other staff):
        # written in the site's language, never in the language the taking worker's screen is in.
        with translation.override(settings.LANGUAGE_CODE):
            description = _("%(item)s, taken at %(window)s.") % {"item": version.name, "window": window.name}
            if missing:
                names = {m.pk: m.name for m in version.materials.all()}
                description += " " + _("Still to bring: %(list)s.") % {"list": "、".join(names[m] for m in missing)}
        order, _created = orders.order_open(
            by=by, channel=Channel.WINDOW, category=item.category, description=description, place=window.place,
            requester=resident, contact_name=name, contact_phone=phone, contact_consent=bool(contact_consent),
            idempotency_key=f"window-visit-{visit.pk}-{item.pk}", now=now, item_version=version,
            window_place=window.place)
        if _created and not missing:
            order = _accept_at_window(order, by=by)
        promised = add_working_days(now, version.promised_days)
        lines.append(VisitItem(visit=visit, item=item, item_version=version, order=order, materials_brought=ticked,
                               materials_missing=missing, promised_on=timezone.localtime(promised).date()))
    VisitItem.objects.bulk_create(lines)
    audit_write(by=by, action="windows.visit.take", target=visit, subject_id=getattr(resident, "pk", None),
                detail={"window": window.pk, "items": [i.pk for i in items], "orders": [li.order_id for li in lines]})
    return visit, True


def _accept_at_window(order, *, by):
    """The window that took the visitor with every material has done the item's first step when
    that step is the window's own (accept and check the materials): the order is acknowledged and
    the step completed at once, so the next step's unit gets it without the worker doing it twice."""
    first = order.steps.order_by("position").first()
    if first is None or first.owner != StepOwner.WINDOW or order.status != Status.DISPATCHED:
        return order
    if order.unit_id is None or not can(by, Cap.ORDER_HANDLE, order.unit):
        return order
    order = orders.order_acknowledge(by=by, order=order, version=order.version)
    with translation.override(settings.LANGUAGE_CODE):
        outcome = _("Accepted at the window with every material.")
    step_complete(by=by, order=order, position=first.position, outcome=outcome)
    return order


def _replay(earlier: Visit, fingerprint: str) -> Visit:
    if earlier.fingerprint != fingerprint:
        raise ValidationError({"idempotency_key": [
            _("This idempotency key was already used for a different visit. Use a new key for a new visit.")]})
    return earlier
