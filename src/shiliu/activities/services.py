"""Every write to activities, their outcome and their photos goes through these functions.

Registrations, the waiting list and check-in are in ``shiliu.activities.registrations``.
"""

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.activities import notices
from shiliu.activities.choices import TRANSITIONS, ActivityStatus, ActivityType, RegistrationStatus
from shiliu.activities.models import Activity, ActivityPhoto, ParticipantCount, Registration
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.core.images import clean_image
from shiliu.core.validation import FieldErrors
from shiliu.places.models import Place

TITLE_MAX = 120
VENUE_MAX = 200
TEXT_MAX = 2000
CAPACITY_MAX = 100_000
LONGEST = timedelta(days=31)  # the home-stay exchange lasts two weeks; nothing runs longer
CO_ORGANIZERS_MAX = 10
GROUP_MAX = 40
COUNT_ROWS_MAX = 12
PHOTOS_MAX = 30
PHOTO_MAX_SIDE = 2560  # pixels on the long side of a stored photo: sharp on any screen, small on disk

EDITABLE = {"title", "title_en", "type", "description", "place", "organization", "co_organizers", "starts_at",
            "ends_at", "venue", "capacity", "waiting_list", "public_registration"}



def _text(errors: FieldErrors, data: dict, out: dict, field: str, *, required: str | None, limit: int) -> None:
    if field not in data:
        return
    value = (data[field] or "").strip()
    if required and not value:
        errors.add(field, required)
    elif len(value) > limit:
        errors.add(field, _("At most %(n)d characters.") % {"n": limit})
    out[field] = value


def _clean(data: dict, *, by, existing: Activity | None) -> dict:
    """Validate every given field at once; raise one ValidationError naming each bad field."""
    errors, out = FieldErrors(), dict[str, object]()
    _text(errors, data, out, "title", required=_("Give the activity a title."), limit=TITLE_MAX)
    _text(errors, data, out, "title_en", required=None, limit=TITLE_MAX)
    _text(errors, data, out, "venue", required=_("Say where the activity takes place."), limit=VENUE_MAX)
    _text(errors, data, out, "description", required=None, limit=TEXT_MAX)
    if "type" in data:
        if data["type"] not in ActivityType.values:
            errors.add("type", _("Choose one of the listed types."))
        out["type"] = data["type"]
    if "place" in data:
        place = data["place"]
        if not isinstance(place, Place):
            errors.add("place", _("Choose the organizing place."))
        elif not can(by, Cap.ACTIVITY_EDIT, place):
            errors.add("place", _("You cannot organize activities for this place."))
        out["place"] = place
    if "organization" in data:
        organization = data["organization"]
        if organization is not None:
            from shiliu.activities.selectors import organization_choices
            from shiliu.organizations.models import Organization

            if not isinstance(organization, Organization) or \
                    not organization_choices(by).filter(pk=organization.pk).exists():
                errors.add("organization", _("Choose an organization of your places from the list."))
        out["organization"] = organization
    if "co_organizers" in data:
        co = list(dict.fromkeys(data["co_organizers"] or []))
        if any(not isinstance(p, Place) for p in co):
            errors.add("co_organizers", _("Choose co-organizing places from the list."))
        elif len(co) > CO_ORGANIZERS_MAX:
            errors.add("co_organizers", _("At most %(n)d co-organizing places.") % {"n": CO_ORGANIZERS_MAX})
        organizer = out.get("place", getattr(existing, "place", None))
        out["co_organizers"] = [p for p in co if not (isinstance(p, Place) and p == organizer)]
    for field in ("starts_at", "ends_at"):
        if field in data:
            value = data[field]
            if not isinstance(value, datetime):
                errors.add(field, _("Enter a date and time, like 2026-05-17 14:30."))
            out[field] = value
    starts = out.get("starts_at", getattr(existing, "starts_at", None))
    ends = out.get("ends_at", getattr(existing, "ends_at", None))
    if isinstance(starts, datetime) and isinstance(ends, datetime) and ("starts_at" in out or "ends_at" in out):
        if ends <= starts:
            errors.add("ends_at", _("The activity cannot end before it starts."))
        elif ends - starts > LONGEST:
            errors.add("ends_at", _("An activity lasts at most %(days)d days.") % {"days": LONGEST.days})
    if "capacity" in data:
        capacity = data["capacity"]
        if capacity is not None and (not isinstance(capacity, int) or isinstance(capacity, bool)):
            errors.add("capacity", _("Enter a whole number, or leave it empty for no limit."))
        elif capacity is not None and capacity < 1:
            errors.add("capacity", _("A capacity of zero lets nobody in: enter at least 1, or leave it empty for "
                                     "no limit."))
        elif capacity is not None and capacity > CAPACITY_MAX:
            errors.add("capacity", _("At most %(n)d places.") % {"n": CAPACITY_MAX})
        elif existing is not None and capacity is not None:
            taken = Registration.objects.filter(activity=existing, status__in=[
                RegistrationStatus.REGISTERED, RegistrationStatus.CHECKED_IN]).count()
            if capacity < taken:
                errors.add("capacity", _("%(taken)d people already hold a place: the capacity cannot be lower. "
                                         "Cancel registrations first.") % {"taken": taken})
        out["capacity"] = capacity
    for flag in ("waiting_list", "public_registration"):
        if flag in data:
            out[flag] = bool(data[flag])
    errors.raise_any()
    return out


def activity_create(*, by, title: str, type: str, place: Place, starts_at: datetime, ends_at: datetime,
                    venue: str, title_en: str = "", description: str = "", co_organizers: Iterable[Place] = (),
                    capacity: int | None = None, waiting_list: bool = True, public_registration: bool = False,
                    organization=None) -> Activity:
    """Plan an activity at ``place`` (status "planned", not published), optionally run by ``organization``
    (one of ``selectors.organization_choices(by)``). Emits ``activity.create``."""
    if isinstance(place, Place) and not can(by, Cap.ACTIVITY_EDIT, place):
        raise PermissionDenied()
    with transaction.atomic():
        data = _clean(dict(title=title, title_en=title_en, type=type, place=place, starts_at=starts_at,
                           ends_at=ends_at, venue=venue, description=description, co_organizers=list(co_organizers),
                           capacity=capacity, waiting_list=waiting_list, public_registration=public_registration,
                           organization=organization),
                      by=by, existing=None)
        co = data.pop("co_organizers")
        activity = Activity.objects.create(created_by=by, **data)
        activity.co_organizers.set(co)
        audit_write(by=by, action="activity.create", target=activity,
                    detail={"place": activity.place_id, "type": activity.type})
    return activity


def _locked(activity: Activity) -> Activity:
    return Activity.objects.select_for_update().select_related("place").get(pk=activity.pk)


@transaction.atomic
def activity_update(*, activity: Activity, by, version: int, **fields) -> Activity:
    """Change an activity's plan. A stale ``version`` raises StaleVersion (H2).

    A larger capacity gives the freed places to the waiting list, first come first.
    """
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValueError(f"activity_update does not change {sorted(unknown)}")
    current = _locked(activity)
    if current.version != version:
        raise StaleVersion()
    if not can(by, Cap.ACTIVITY_EDIT, current.place):
        raise PermissionDenied()
    data = _clean(fields, by=by, existing=current)
    changed = []
    if "co_organizers" in data:
        co = data.pop("co_organizers")
        if {p.pk for p in co} != set(current.co_organizers.values_list("pk", flat=True)):
            current.co_organizers.set(co)
            changed.append("co_organizers")
    for name, value in data.items():
        if getattr(current, name) != value:
            setattr(current, name, value)
            changed.append(name)
    if not changed:
        return current
    updated = Activity.objects.filter(pk=current.pk, version=version).update(
        **{name: getattr(current, name) for name in changed if name != "co_organizers"},
        version=F("version") + 1, updated_at=timezone.now())
    if not updated:
        raise StaleVersion()
    current.version = version + 1
    audit_write(by=by, action="activity.update", target=current, detail={"changed": sorted(changed)})
    if "capacity" in changed or "waiting_list" in changed:
        from shiliu.activities.registrations import promote_waiting

        promote_waiting(current, by=by)
    return current


@transaction.atomic
def activity_set_status(*, activity: Activity, by, status: str) -> Activity:
    """Open or close registration, put back to planning, or cancel (telling everyone registered).

    "Held" is reached by recording the outcome (``outcome_record``).
    """
    current = _locked(activity)
    if not can(by, Cap.ACTIVITY_EDIT, current.place):
        raise PermissionDenied()
    if status == current.status:
        return current
    if status not in TRANSITIONS.get(current.status, set()):
        raise ValidationError({"status": [_("An activity that is “%(now)s” cannot become “%(new)s”.") % {
            "now": ActivityStatus(current.status).label,
            "new": ActivityStatus(status).label if status in ActivityStatus.values else status}]})
    if status == ActivityStatus.OPEN and current.ends_at <= timezone.now():
        raise ValidationError({"status": [_("This activity is over: registration cannot open.")]})
    previous = current.status
    Activity.objects.filter(pk=current.pk).update(status=status, updated_at=timezone.now())
    current.status = status
    audit_write(by=by, action="activity.status", target=current, detail={"from": previous, "to": status})
    if status == ActivityStatus.CANCELLED:
        live = current.registrations.filter(status__in=[RegistrationStatus.REGISTERED,
                                                        RegistrationStatus.WAITLISTED])
        for registration in live:
            notices.tell(registration, current, "cancelled")
    return current


@transaction.atomic
def activity_publish(*, activity: Activity, by, published: bool) -> Activity:
    """Show the activity on the public pages (and to staff of other places), or take it back."""
    current = _locked(activity)
    if not can(by, Cap.ACTIVITY_EDIT, current.place):
        raise PermissionDenied()
    if current.published == published:
        return current
    Activity.objects.filter(pk=current.pk).update(published=published, updated_at=timezone.now())
    current.published = published
    audit_write(by=by, action="activity.publish" if published else "activity.unpublish", target=current)
    return current


def attendance(activity: Activity) -> int:
    """People who came: check-ins plus those counted at the door."""
    checked_in = activity.registrations.filter(status=RegistrationStatus.CHECKED_IN).count()
    return checked_in + activity.extra_attendance


@transaction.atomic
def outcome_record(*, activity: Activity, by, version: int, extra_attendance: int, summary: str,
                   counts: Sequence[tuple[str, int | None]]) -> Activity:
    """Record how the activity went: people who came without checking in, a short summary, and
    participant counts by group (numbers only). Marks the activity held. StaleVersion when stale.

    ``counts`` replaces the groups recorded before; rows with neither a group nor a number are skipped.
    Errors of a row are keyed ``counts.<row>.group`` / ``counts.<row>.count`` (row from 0).
    """
    current = _locked(activity)
    if current.version != version:
        raise StaleVersion()
    if not can(by, Cap.ACTIVITY_EDIT, current.place):
        raise PermissionDenied()
    errors = FieldErrors()
    if current.status == ActivityStatus.CANCELLED:
        errors.add("__all__", _("This activity was cancelled: there is no outcome to record."))
    elif current.starts_at > timezone.now():
        errors.add("__all__", _("The outcome can be recorded once the activity has started."))
    if not isinstance(extra_attendance, int) or isinstance(extra_attendance, bool) or extra_attendance < 0:
        errors.add("extra_attendance", _("Enter a whole number, 0 or more."))
        extra_attendance = 0
    elif extra_attendance > CAPACITY_MAX:
        errors.add("extra_attendance", _("At most %(n)d people.") % {"n": CAPACITY_MAX})
    summary = (summary or "").strip()
    if len(summary) > TEXT_MAX:
        errors.add("summary", _("At most %(n)d characters.") % {"n": TEXT_MAX})
    total = current.registrations.filter(status=RegistrationStatus.CHECKED_IN).count() + extra_attendance
    rows: list[tuple[str, int]] = []
    seen: set[str] = set()
    for i, (group, count) in enumerate(counts):
        group = (group or "").strip()
        if not group and not count:
            continue
        if not group:
            errors.add(f"counts.{i}.group", _("Name the group these participants belong to."))
        elif len(group) > GROUP_MAX:
            errors.add(f"counts.{i}.group", _("At most %(n)d characters.") % {"n": GROUP_MAX})
        elif group.casefold() in seen:
            errors.add(f"counts.{i}.group", _("This group is already counted above."))
        seen.add(group.casefold())
        if count is None or not isinstance(count, int) or isinstance(count, bool) or count < 0:
            errors.add(f"counts.{i}.count", _("Enter a whole number, 0 or more."))
        elif count > total:
            errors.add(f"counts.{i}.count", _("A group cannot have more participants than the attendance "
                                              "(%(total)d).") % {"total": total})
        else:
            rows.append((group, count))
    if len(rows) > COUNT_ROWS_MAX:
        errors.add("__all__", _("At most %(n)d groups.") % {"n": COUNT_ROWS_MAX})
    errors.raise_any()
    now = timezone.now()
    Activity.objects.filter(pk=current.pk, version=version).update(
        extra_attendance=extra_attendance, summary=summary, status=ActivityStatus.DONE, outcome_recorded_at=now,
        version=F("version") + 1, updated_at=now)
    current.participant_counts.all().delete()
    ParticipantCount.objects.bulk_create(ParticipantCount(activity=current, group=g, count=c) for g, c in rows)
    current.refresh_from_db()
    audit_write(by=by, action="activity.outcome", target=current,
                detail={"attendance": total, "groups": len(rows)})
    return current


@transaction.atomic
def photo_add(*, activity: Activity, by, upload, caption: str = "") -> ActivityPhoto:
    """Keep a photo of the activity, re-encoded without EXIF (B6); the worker makes its thumbnail."""
    from shiliu.activities.tasks import make_photo_thumbnail

    current = _locked(activity)
    if not can(by, Cap.ACTIVITY_EDIT, current.place):
        raise PermissionDenied()
    errors = FieldErrors()
    caption = (caption or "").strip()
    if len(caption) > 100:
        errors.add("caption", _("At most %(n)d characters.") % {"n": 100})
    if current.photos.count() >= PHOTOS_MAX:
        errors.add("photo", _("An activity keeps at most %(n)d photos. Remove one first.") % {"n": PHOTOS_MAX})
    elif upload is None:
        errors.add("photo", _("Choose a photo."))
    else:
        try:
            image = clean_image(upload, max_bytes=settings.SHILIU_UPLOAD_MAX_BYTES, max_side=PHOTO_MAX_SIDE)
        except ValidationError as e:
            errors.add("photo", e.messages[0])
    errors.raise_any()
    photo = ActivityPhoto(activity=current, content_type=image.content_type, width=image.width,
                          height=image.height, size=len(image.content), caption=caption, uploaded_by=by)
    photo.file.save(f"photo.{image.extension}", ContentFile(image.content), save=False)
    photo.save()
    audit_write(by=by, action="activity.photo.add", target=photo, detail={"activity": current.pk})
    transaction.on_commit(lambda: make_photo_thumbnail.enqueue(photo.pk))
    return photo


@transaction.atomic
def photo_delete(*, photo: ActivityPhoto, by) -> None:
    """Remove a photo and its files."""
    activity = _locked(photo.activity)
    if not can(by, Cap.ACTIVITY_EDIT, activity.place):
        raise PermissionDenied()
    files = [str(f.name) for f in (photo.file, photo.thumbnail) if f]
    storage = photo.file.storage
    audit_write(by=by, action="activity.photo.delete", target=photo, detail={"activity": activity.pk})
    photo.delete()

    def remove_files() -> None:  # only once the row is gone for good
        for name in files:
            storage.delete(name)

    transaction.on_commit(remove_files)
