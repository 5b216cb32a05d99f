"""/api/v1/activities: the same selectors and services as the pages.

Registrations carry personal data: they are listed (masked phones, audited) only within the
organizing place's subtree; the check-in code is returned once, to whoever registered the person.
"""

from datetime import date, datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import places_for
from shiliu.activities import selectors, services
from shiliu.activities.choices import ActivityStatus, ActivityType, RegistrationStatus
from shiliu.activities.models import Activity, ActivityPhoto, Registration
from shiliu.activities.qr import checkin_url
from shiliu.activities.registrations import (
    checkin_by_code,
    checkin_by_list,
    registration_cancel,
    registration_create,
    request_fingerprint,
    waiting_rank,
)
from shiliu.api.pagination import Page
from shiliu.api.schemas import PlaceRef, StrictSchema
from shiliu.audit.services import audit_list_read
from shiliu.people.masking import mask_phone
from shiliu.people.selectors import resident_get
from shiliu.places.models import Place

router = Router(tags=["activities"])


class ActivityRow(Schema):
    id: int
    title: str
    title_en: str
    type: str
    status: str
    published: bool
    place: PlaceRef
    starts_at: datetime
    ends_at: datetime
    venue: str
    capacity: int | None
    taken: int
    waiting: int
    checked_in: int
    attendance: int

    @staticmethod
    def resolve_attendance(obj: Activity) -> int:
        return obj.checked_in + obj.extra_attendance  # type: ignore[attr-defined]


class CountOut(Schema):
    group: str
    count: int


class OrgRef(Schema):
    id: int
    name: str


class ActivityOut(ActivityRow):
    description: str
    organization: OrgRef | None
    co_organizers: list[PlaceRef]
    waiting_list: bool
    public_registration: bool
    extra_attendance: int
    summary: str
    participant_counts: list[CountOut]
    version: int
    can_manage: bool
    checkin_url: str | None = None  # only for those who manage it

    @staticmethod
    def resolve_co_organizers(obj: Activity) -> list:
        return list(obj.co_organizers.order_by("path"))

    @staticmethod
    def resolve_participant_counts(obj: Activity) -> list:
        return list(obj.participant_counts.all())


class ActivityIn(StrictSchema):
    title: str = Field(max_length=2000)
    title_en: str = Field("", max_length=2000)
    type: ActivityType
    place: int = Field(description="Id of the organizing place (one where you may organize)")
    organization: int | None = Field(None, description="Id of the micro-organization running it (optional)")
    co_organizers: list[int] = Field(default_factory=list, max_length=50, description="Ids of co-organizing places")
    starts_at: datetime
    ends_at: datetime
    venue: str = Field(max_length=2000)
    capacity: int | None = Field(None, description="Empty for no limit; at least 1")
    waiting_list: bool = True
    public_registration: bool = False
    description: str = Field("", max_length=2000)


class ActivityPatch(StrictSchema):
    version: int = Field(description="The version you read; a stale one answers 409")
    title: str | None = Field(None, max_length=2000)
    title_en: str | None = Field(None, max_length=2000)
    type: ActivityType | None = None
    place: int | None = None
    organization: int | None = None
    co_organizers: list[int] | None = Field(None, max_length=50)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    venue: str | None = Field(None, max_length=2000)
    capacity: int | None = None
    waiting_list: bool | None = None
    public_registration: bool | None = None
    description: str | None = Field(None, max_length=2000)


class StatusIn(StrictSchema):
    status: ActivityStatus


class PublishIn(StrictSchema):
    published: bool


class RegistrationOut(Schema):
    id: int
    name: str
    phone_masked: str
    status: str
    waiting_rank: int | None
    source: str
    registered_at: datetime
    checked_in_at: datetime | None

    @staticmethod
    def resolve_phone_masked(obj: Registration) -> str:
        return mask_phone(obj.phone)

    @staticmethod
    def resolve_waiting_rank(obj: Registration) -> int | None:
        return getattr(obj, "rank", None)


class RegisteredOut(RegistrationOut):
    code: str = Field(description="The one-time check-in code, also sent by SMS; shown only in this answer")


class RegistrationIn(StrictSchema):
    name: str = Field("", max_length=200, description="May be left empty when a resident is given")
    phone: str = Field("", max_length=40, description="May be left empty when a resident is given")
    resident: int | None = Field(None, description="Id of a resident in your places, to link and to fill in")


class CodeIn(StrictSchema):
    code: str = Field(max_length=20, description="The 8-digit code of the registration")


class CountIn(StrictSchema):
    group: str = Field(max_length=200)
    count: int | None = None


class OutcomeIn(StrictSchema):
    version: int
    extra_attendance: int = Field(0, description="People who came without checking in")
    summary: str = Field("", max_length=2000)
    counts: list[CountIn] = Field(default_factory=list, max_length=50,
                                  description="Participants by group, as numbers (e.g. minority, local)")


class PhotoOut(Schema):
    id: int
    url: str
    thumbnail_url: str
    thumbnail_ready: bool
    width: int
    height: int
    caption: str
    uploaded_at: datetime

    @staticmethod
    def resolve_url(obj: ActivityPhoto) -> str:
        from django.urls import reverse

        return reverse("activities:photo", args=[obj.token])

    @staticmethod
    def resolve_thumbnail_url(obj: ActivityPhoto) -> str:
        from django.urls import reverse

        return reverse("activities:photo_thumbnail", args=[obj.token])

    @staticmethod
    def resolve_thumbnail_ready(obj: ActivityPhoto) -> bool:
        return bool(obj.thumbnail)


def _out(user, pk: int) -> Activity:
    activity = selectors.activity_get(user, pk)
    manage = selectors.can_manage(user, activity)
    activity.can_manage = manage  # type: ignore[attr-defined]
    activity.checkin_url = checkin_url(activity) if manage else None  # type: ignore[attr-defined]
    return activity


def _places(ids) -> list:
    """Places by id; an unknown id is refused by name."""
    found = {p.pk: p for p in Place.objects.filter(pk__in=list(ids))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError({"co_organizers": [f"#{i}" for i in missing]})
    return [found[i] for i in ids]


def _organization(user, organization_id):
    """The organization named, if the user may name it; an id they may not is refused as invalid."""
    if organization_id is None:
        return None
    found = selectors.organization_choices(user).filter(pk=organization_id).first()
    if found is None:
        raise ValidationError({"organization": [_("Choose an organization of your places from the list.")]})
    return found


def _organizing_place(user, place_id):
    return places_for(user, Cap.ACTIVITY_EDIT).filter(pk=place_id).first() if place_id is not None else None


@router.get("", response=list[ActivityRow], summary="Activities of your places, and published ones elsewhere")
@access_rule(Cap.ACTIVITY_VIEW)
@paginate(Page)
def activity_list(request, place: int | None = None, type: ActivityType | None = None,
                  group: Literal["seven_entries", "three_exchanges", "five_in_one"] | None = None,
                  status: ActivityStatus | None = None, start: date | None = None, end: date | None = None,
                  held: bool = False, q: str = ""):
    user = request.auth
    flt = selectors.ActivityFilter(q=q[:100], type=type or "", group=group or "", status=status or "", start=start,
                                   end=end, held=held)
    if place is not None:
        flt.place = selectors.filter_places(user).filter(pk=place).first()
        if flt.place is None:
            raise Http404()
    return selectors.activity_list(user, flt)


@router.post("", response={201: ActivityOut}, summary="Plan an activity")
@access_rule(Cap.ACTIVITY_EDIT)
def activity_create_op(request, payload: ActivityIn):
    user = request.auth
    data = payload.dict()
    data["place"] = _organizing_place(user, data["place"])
    data["co_organizers"] = _places(data["co_organizers"])
    data["organization"] = _organization(user, data["organization"])
    data["type"] = str(data["type"])
    activity = services.activity_create(by=user, **data)
    return Status(201, _out(user, activity.pk))


@router.get("/{int:activity_id}", response=ActivityOut, summary="One activity")
@access_rule(Cap.ACTIVITY_VIEW)
def activity_detail(request, activity_id: int):
    return _out(request.auth, activity_id)


@router.patch("/{int:activity_id}", response=ActivityOut, summary="Change an activity; send the version you read")
@access_rule(Cap.ACTIVITY_EDIT)
def activity_update_op(request, activity_id: int, payload: ActivityPatch):
    user = request.auth
    activity = selectors.activity_get_for_edit(user, activity_id)
    fields = payload.dict(exclude_unset=True)
    version = fields.pop("version")
    if "place" in fields:
        fields["place"] = _organizing_place(user, fields["place"])
    if "co_organizers" in fields:
        fields["co_organizers"] = _places(fields["co_organizers"] or [])
    if "organization" in fields:
        fields["organization"] = _organization(user, fields["organization"])
    if fields.get("type") is not None:
        fields["type"] = str(fields["type"])
    for key in ("title", "title_en", "venue", "description", "type"):
        if key in fields and fields[key] is None:
            fields[key] = ""
    services.activity_update(activity=activity, by=user, version=version, **fields)
    return _out(user, activity_id)


@router.post("/{int:activity_id}/status", response=ActivityOut,
             summary="Open or close registration, back to planning, or cancel (everyone registered is told)")
@access_rule(Cap.ACTIVITY_EDIT)
def activity_status_op(request, activity_id: int, payload: StatusIn):
    activity = selectors.activity_get_for_edit(request.auth, activity_id)
    services.activity_set_status(activity=activity, by=request.auth, status=str(payload.status))
    return _out(request.auth, activity_id)


@router.post("/{int:activity_id}/publish", response=ActivityOut, summary="Publish or unpublish")
@access_rule(Cap.ACTIVITY_EDIT)
def activity_publish_op(request, activity_id: int, payload: PublishIn):
    activity = selectors.activity_get_for_edit(request.auth, activity_id)
    services.activity_publish(activity=activity, by=request.auth, published=payload.published)
    return _out(request.auth, activity_id)


class AuditedRegistrationPage(Page):
    """Page, plus one audit record naming the registrations on this page (E1)."""

    def paginate_queryset(self, queryset, pagination, **params):
        result = super().paginate_queryset(queryset, pagination, **params)
        request = params["request"]
        items = result["items"]
        ranks = {}
        if any(r.status == RegistrationStatus.WAITLISTED for r in items):
            ranks = {r.pk: i for i, r in enumerate(selectors.waiting_list(
                list(items[0].activity.registrations.filter(status=RegistrationStatus.WAITLISTED))), start=1)}
        for r in items:
            r.rank = ranks.get(r.pk)
        audit_list_read(by=request.auth, action="activity.registrations.list", model_label="activities.registration",
                        ids=[r.pk for r in items])
        return result


@router.get("/{int:activity_id}/registrations", response=list[RegistrationOut],
            summary="People registered and waiting (masked phones; audited)")
@access_rule(Cap.ACTIVITY_VIEW)
@paginate(AuditedRegistrationPage)
def registration_list(request, activity_id: int):
    activity = selectors.activity_get(request.auth, activity_id)
    return selectors.registrations_for(request.auth, activity).select_related("activity")


@router.post("/{int:activity_id}/registrations", response={200: RegisteredOut, 201: RegisteredOut},
             summary="Register someone (a place, or the waiting list when full). Send an Idempotency-Key "
                     "header to make a retry safe")
@access_rule(Cap.ACTIVITY_EDIT)
def registration_create_op(request, activity_id: int, payload: RegistrationIn):
    user = request.auth
    activity = selectors.activity_get_for_edit(user, activity_id)
    resident = resident_get(user, payload.resident) if payload.resident is not None else None
    key = (request.headers.get("Idempotency-Key") or "").strip()[:100]
    registration, created = registration_create(
        activity=activity, by=user, name=payload.name, phone=payload.phone, resident=resident, request_key=key,
        fingerprint=request_fingerprint({"activity": activity_id, **payload.dict()}) if key else "")
    registration.rank = waiting_rank(registration)  # type: ignore[attr-defined]
    return Status(201 if created else 200, registration)


def _registration(user, activity_id: int, registration_id: int) -> Registration:
    activity = selectors.activity_get_for_edit(user, activity_id)
    return selectors.registration_get(user, activity, registration_id)


@router.post("/{int:activity_id}/registrations/{int:registration_id}/cancel", response=RegistrationOut,
             summary="Cancel a registration or take someone off the waiting list")
@access_rule(Cap.ACTIVITY_EDIT)
def registration_cancel_op(request, activity_id: int, registration_id: int):
    registration = _registration(request.auth, activity_id, registration_id)
    return registration_cancel(registration=registration, by=request.auth)


@router.post("/{int:activity_id}/registrations/{int:registration_id}/check-in", response=RegistrationOut,
             summary="Check someone in from the list")
@access_rule(Cap.ACTIVITY_EDIT)
def registration_checkin_op(request, activity_id: int, registration_id: int):
    registration = _registration(request.auth, activity_id, registration_id)
    return checkin_by_list(registration=registration, by=request.auth)


@router.post("/{int:activity_id}/check-in", response=RegistrationOut, summary="Check in with a registration's code")
@access_rule(Cap.ACTIVITY_EDIT)
def checkin_op(request, activity_id: int, payload: CodeIn):
    activity = selectors.activity_get_for_edit(request.auth, activity_id)
    return checkin_by_code(activity=activity, code=payload.code, by=request.auth)


@router.put("/{int:activity_id}/outcome", response=ActivityOut,
            summary="Record the outcome: attendance counted at the door, summary, participants by group")
@access_rule(Cap.ACTIVITY_EDIT)
def outcome_op(request, activity_id: int, payload: OutcomeIn):
    activity = selectors.activity_get_for_edit(request.auth, activity_id)
    services.outcome_record(activity=activity, by=request.auth, version=payload.version,
                            extra_attendance=payload.extra_attendance, summary=payload.summary,
                            counts=[(c.group, c.count) for c in payload.counts])
    return _out(request.auth, activity_id)


@router.get("/{int:activity_id}/photos", response=list[PhotoOut], summary="Photos of an activity")
@access_rule(Cap.ACTIVITY_VIEW)
def photo_list(request, activity_id: int):
    return list(selectors.activity_get(request.auth, activity_id).photos.all())


@router.post("/{int:activity_id}/photos", response={201: PhotoOut},
             summary="Add a photo (JPEG, PNG or WebP; re-encoded without EXIF; thumbnail made by the worker)")
@access_rule(Cap.ACTIVITY_EDIT)
def photo_add_op(request, activity_id: int, photo: File[UploadedFile], caption: Form[str] = ""):
    activity = selectors.activity_get_for_edit(request.auth, activity_id)
    return Status(201, services.photo_add(activity=activity, by=request.auth, upload=photo, caption=caption[:200]))


@router.delete("/{int:activity_id}/photos/{int:photo_id}", response={204: None}, summary="Remove a photo")
@access_rule(Cap.ACTIVITY_EDIT)
def photo_delete_op(request, activity_id: int, photo_id: int):
    activity = selectors.activity_get_for_edit(request.auth, activity_id)
    services.photo_delete(photo=get_object_or_404(activity.photos, pk=photo_id), by=request.auth)
    return Status(204, None)
