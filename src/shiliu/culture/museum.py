"""Writes of the ethnic knowledge museum: the museum, its visit slots, and groups' bookings.

Capacity is counted in people. A booking holds its places from the request until it is
declined or cancelled, so a confirmation never overbooks. ``booking_create`` locks the slot
row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite runs IMMEDIATE transactions) before it
sums the places held, so two groups booking the last places at once cannot both succeed.
"""

import secrets
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.creation.services import bump, clean_place
from shiliu.culture.choices import HOLDING, OPEN, BookingSource, BookingStatus
from shiliu.culture.models import NAME_MAX, NOTE_MAX, TEXT_MAX, Museum, VisitBooking, VisitSlot
from shiliu.culture.selectors import eligible_guides
from shiliu.people.validation import clean_phone
from shiliu.places.models import Place

CAPACITY_MAX = 500
GROUP_MAX = 500
# An online request holds places until staff confirm it: it may take at most half a slot (and at
# most PUBLIC_GROUP_MAX people), so one anonymous request never blocks a whole time.
PUBLIC_GROUP_MAX = 60
SLOT_LONGEST = timedelta(hours=12)
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


def _check_edit(by, museum: Museum) -> None:
    if not can(by, Cap.CULTURE_EDIT, museum.place):
        raise PermissionDenied()


# --- the museum ---------------------------------------------------------------------------------

MUSEUM_FIELDS = {"name", "place", "address", "description", "guides", "online_booking", "active", "public"}


def _clean_museum(data: dict, *, by, current: Museum | None) -> dict:
    errors = FieldErrors()
    out: dict = {}
    if "name" in data:
        out["name"] = clean_text(errors, "name", data["name"], max_length=NAME_MAX,
                                 required=_("Enter the name of the museum."))
    if "place" in data:
        out["place"] = clean_place(errors, data["place"], by=by, cap=Cap.CULTURE_EDIT,
                                   message=_("You cannot record a museum at this place."))
    if "address" in data:
        out["address"] = clean_text(errors, "address", data["address"], max_length=200)
    if "description" in data:
        out["description"] = clean_text(errors, "description", data["description"], max_length=TEXT_MAX)
    for flag in ("online_booking", "active", "public"):
        if flag in data:
            out[flag] = bool(data[flag])
    if "guides" in data:
        place = out.get("place") or (current.place if current else None)
        guides = list(data["guides"] or [])
        if place is not None and guides:
            allowed = set(eligible_guides(Museum(place=place)).values_list("pk", flat=True))
            if any(g.pk not in allowed for g in guides):
                errors.add("guides", _("A guide must be a staff member working at or around the museum's place."))
        out["guides"] = guides
    errors.raise_any()
    return out


@transaction.atomic
def museum_create(*, by, name: str, place: Place, address: str = "", description: str = "", guides=(),
                  online_booking: bool = False, active: bool = True, public: bool = True) -> Museum:
    """Record a museum. Emits ``culture.museum.create``."""
    data = _clean_museum(dict(name=name, place=place, address=address, description=description, guides=guides,
                              online_booking=online_booking, active=active, public=public), by=by, current=None)
    guides = data.pop("guides")
    museum = Museum.objects.create(created_by=by, **data)
    museum.guides.set(guides)
    audit_write(by=by, action="culture.museum.create", target=museum, detail={"place": museum.place_id})
    return museum


@transaction.atomic
def museum_update(*, museum: Museum, by, version: int, **fields) -> Museum:
    unknown = set(fields) - MUSEUM_FIELDS
    if unknown:
        raise ValueError(f"museum_update does not change {sorted(unknown)}")
    current = Museum.objects.select_related("place").get(pk=museum.pk)
    if current.version != version:
        raise StaleVersion()
    _check_edit(by, current)
    data = _clean_museum(fields, by=by, current=current)
    changed = sorted(k for k, v in data.items() if k != "guides" and getattr(current, k) != v)
    guides = data.pop("guides", None)
    if guides is not None and {g.pk for g in guides} != set(current.guides.values_list("pk", flat=True)):
        changed.append("guides")
    if not changed:
        return current
    bump(Museum, pk=current.pk, version=version, updated_at=timezone.now(),
         **{k: data[k] for k in changed if k != "guides"})
    if guides is not None:
        current.guides.set(guides)
    audit_write(by=by, action="culture.museum.update", target=current, detail={"changed": sorted(changed)})
    return Museum.objects.select_related("place").get(pk=current.pk)


# --- slots --------------------------------------------------------------------------------------

def _clean_capacity(errors: FieldErrors, field: str, value, *, limit: int, zero: str) -> int:
    if value is None or value == "":
        errors.add(field, zero)
        return 0
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors.add(field, _("Enter a whole number."))
        return 0
    if number < 1:
        errors.add(field, zero)
    elif number > limit:
        errors.add(field, _("At most %(n)d people.") % {"n": limit})
    return number


@transaction.atomic
def slot_create(*, museum: Museum, by, starts_at: datetime | None, ends_at: datetime | None, capacity,
                note: str = "") -> VisitSlot:
    """Open a time for groups to visit, with a capacity in people. Emits ``culture.slot.create``."""
    _check_edit(by, museum)
    errors = FieldErrors()
    now = timezone.now()
    if starts_at is None:
        errors.add("starts_at", _("Enter when the slot starts."))
    elif starts_at <= now:
        errors.add("starts_at", _("A slot must start in the future."))
    if ends_at is None:
        errors.add("ends_at", _("Enter when the slot ends."))
    elif starts_at is not None and ends_at <= starts_at:
        errors.add("ends_at", _("A slot must end after it starts."))
    elif starts_at is not None and ends_at - starts_at > SLOT_LONGEST:
        errors.add("ends_at", _("A slot lasts at most 12 hours."))
    capacity = _clean_capacity(errors, "capacity", capacity, limit=CAPACITY_MAX,
                               zero=_("A slot needs room for at least one person."))
    note = clean_text(errors, "note", note, max_length=200)
    errors.raise_any()
    assert starts_at is not None and ends_at is not None  # required above
    slot = VisitSlot.objects.create(museum=museum, starts_at=starts_at, ends_at=ends_at, capacity=capacity,
                                    note=note, created_by=by)
    audit_write(by=by, action="culture.slot.create", target=museum, detail={"slot": slot.pk, "capacity": capacity})
    return slot


# --- bookings -----------------------------------------------------------------------------------

def _reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _i in range(8))


def held(slot: VisitSlot) -> int:
    """People in the bookings that hold places in ``slot`` (read under the slot's lock)."""
    return VisitBooking.objects.filter(slot=slot, status__in=HOLDING).aggregate(n=Sum("group_size"))["n"] or 0


def _clean_booking(errors: FieldErrors, *, group_name, group_size, contact_name, contact_phone, notes) -> dict:
    out = {
        "group_name": clean_text(errors, "group_name", group_name, max_length=NAME_MAX,
                                 required=_("Enter the name of the group (a school class, a company, ...).")),
        "group_size": _clean_capacity(errors, "group_size", group_size, limit=GROUP_MAX,
                                      zero=_("A group has at least one person.")),
        "contact_name": clean_text(errors, "contact_name", contact_name, max_length=60,
                                   required=_("Enter the name of the person to call about the visit.")),
        "notes": clean_text(errors, "notes", notes, max_length=NOTE_MAX),
    }
    raw = (contact_phone or "").strip()
    if not raw:
        errors.add("contact_phone", _("Enter a phone number to confirm the visit."))
    else:
        try:
            out["contact_phone"] = clean_phone(raw)
        except ValidationError as e:
            errors.add("contact_phone", e.messages[0])
    return out


@transaction.atomic
def booking_create(*, slot: VisitSlot, by, group_name: str, group_size, contact_name: str, contact_phone: str,
                   notes: str = "", source: str = BookingSource.STAFF) -> VisitBooking:
    """Book a slot for a group. ``by`` is staff who may edit the museum, or None for an online
    booking (the museum must take them). Refused: a slot that has begun, a group larger than
    the places left. Emits ``culture.booking.create``."""
    locked = VisitSlot.objects.select_for_update(of=("self",)).select_related("museum__place").get(pk=slot.pk)
    museum = locked.museum
    if source == BookingSource.PUBLIC:
        if not (museum.online_booking and museum.active and museum.public):
            raise PermissionDenied()
    else:
        _check_edit(by, museum)
    errors = FieldErrors()
    data = _clean_booking(errors, group_name=group_name, group_size=group_size, contact_name=contact_name,
                          contact_phone=contact_phone, notes=notes)
    if locked.starts_at <= timezone.now():
        errors.add("slot", _("This slot has already begun or passed. Choose a later one."))
    elif (source == BookingSource.PUBLIC and data["group_size"] >= 1
          and data["group_size"] > min(PUBLIC_GROUP_MAX, max(1, locked.capacity // 2))):
        errors.add("group_size", _("An online request may hold at most %(n)d places. For a larger group, please call "
                                   "the museum.") % {"n": min(PUBLIC_GROUP_MAX, max(1, locked.capacity // 2))})
    elif data["group_size"] >= 1 and "group_size" not in errors:
        left = locked.capacity - held(locked)
        if left <= 0:
            errors.add("group_size", _("This slot is full. Choose another time."))
        elif data["group_size"] > left:
            errors.add("group_size", _("Only %(left)d places are left in this slot; the group has %(size)d people.")
                       % {"left": left, "size": data["group_size"]})
    errors.raise_any()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                booking = VisitBooking.objects.create(slot=locked, source=source, created_by=by,
                                                      reference=_reference(), **data)
            break
        except IntegrityError:  # the same random reference twice: draw again
            continue
    else:
        raise RuntimeError("could not draw a unique booking reference")
    audit_write(by=by, action="culture.booking.create", target=booking,
                detail={"slot": locked.pk, "size": booking.group_size, "source": source})
    return booking


def _transition(booking: VisitBooking, *, by, version: int, allowed_from: tuple, action: str,
                changes: dict) -> VisitBooking:
    current = VisitBooking.objects.select_related("slot__museum__place").get(pk=booking.pk)
    if current.version != version:
        raise StaleVersion()
    _check_edit(by, current.slot.museum)
    if current.status not in allowed_from:
        raise ValidationError({"status": [_("This booking is %(status)s; it cannot be changed that way.")
                                          % {"status": BookingStatus(current.status).label}]})
    bump(VisitBooking, pk=current.pk, version=version, updated_at=timezone.now(), **changes)
    detail = {k: (v.pk if hasattr(v, "pk") else v) for k, v in changes.items()
              if k in ("status", "guide", "visited_count")}
    audit_write(by=by, action=action, target=current, detail=detail)
    return VisitBooking.objects.select_related("slot__museum__place", "guide").get(pk=current.pk)


def _with_note(current_notes: str, addition: str) -> str:
    addition = addition.strip()
    if not addition:
        return current_notes
    return (current_notes + "\n" + addition).strip()[:NOTE_MAX]


@transaction.atomic
def booking_confirm(*, booking: VisitBooking, by, version: int, guide) -> VisitBooking:
    """Confirm a requested visit and assign a guide of the museum. Emits ``culture.booking.confirm``."""
    museum = booking.slot.museum
    errors = FieldErrors()
    if guide is None:
        errors.add("guide", _("Choose the guide for this group."))
    elif not museum.guides.filter(pk=guide.pk).exists():
        errors.add("guide", _("Choose one of the museum's guides."))
    if booking.slot.starts_at <= timezone.now():
        errors.add("__all__", _("This slot has already begun or passed; the visit can no longer be confirmed."))
    errors.raise_any()
    return _transition(booking, by=by, version=version, allowed_from=(BookingStatus.REQUESTED,),
                       action="culture.booking.confirm", changes={
                           "status": BookingStatus.CONFIRMED, "guide": guide, "decided_by": by,
                           "decided_at": timezone.now()})


@transaction.atomic
def booking_assign_guide(*, booking: VisitBooking, by, version: int, guide) -> VisitBooking:
    """Change the guide of a confirmed visit."""
    errors = FieldErrors()
    if guide is None or not booking.slot.museum.guides.filter(pk=guide.pk).exists():
        errors.add("guide", _("Choose one of the museum's guides."))
    errors.raise_any()
    return _transition(booking, by=by, version=version, allowed_from=(BookingStatus.CONFIRMED,),
                       action="culture.booking.guide", changes={"guide": guide})


@transaction.atomic
def booking_decline(*, booking: VisitBooking, by, version: int, reason: str) -> VisitBooking:
    """Decline a request, saying why (the group is told by phone). Its places are freed."""
    errors = FieldErrors()
    reason = clean_text(errors, "reason", reason, max_length=300, required=_("Say why the visit is declined."))
    errors.raise_any()
    return _transition(booking, by=by, version=version, allowed_from=(BookingStatus.REQUESTED,),
                       action="culture.booking.decline", changes={
                           "status": BookingStatus.DECLINED, "decided_by": by, "decided_at": timezone.now(),
                           "notes": _with_note(booking.notes, _("Declined: %(reason)s") % {"reason": reason})})


@transaction.atomic
def booking_cancel(*, booking: VisitBooking, by, version: int, reason: str = "") -> VisitBooking:
    """Cancel a requested or confirmed visit (the group called it off). Its places are freed."""
    errors = FieldErrors()
    reason = clean_text(errors, "reason", reason, max_length=300)
    errors.raise_any()
    note = _("Cancelled: %(reason)s") % {"reason": reason} if reason else ""
    return _transition(booking, by=by, version=version, allowed_from=OPEN, action="culture.booking.cancel",
                       changes={"status": BookingStatus.CANCELLED, "notes": _with_note(booking.notes, note)})


@transaction.atomic
def booking_record_visit(*, booking: VisitBooking, by, version: int, visited_count, notes: str = "") -> VisitBooking:
    """Record that a confirmed group came, and how many people. Emits ``culture.booking.visit``."""
    errors = FieldErrors()
    count = _clean_capacity(errors, "visited_count", visited_count, limit=GROUP_MAX * 2,
                            zero=_("Enter how many people came (at least one). If nobody came, cancel the booking."))
    notes = clean_text(errors, "notes", notes, max_length=NOTE_MAX)
    if booking.slot.starts_at > timezone.now():
        errors.add("__all__", _("The visit can be recorded once its slot has begun."))
    errors.raise_any()
    return _transition(booking, by=by, version=version, allowed_from=(BookingStatus.CONFIRMED,),
                       action="culture.booking.visit", changes={
                           "status": BookingStatus.VISITED, "visited_count": count,
                           "notes": _with_note(booking.notes, notes)})
