"""/api/v1/culture: art troupes (members, repertoire, performances), publicity positions, and the
ethnic knowledge museum (slots and groups' bookings).

The same selectors and services as the pages. Reads: records of the caller's subtree and
public troupes, positions and museums elsewhere (404 otherwise); members and bookings only
within scope. Writes need ``culture.edit`` at the record's place (403 where seen read-only).
"""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can, places_for, scope_q
from shiliu.api.pagination import Page
from shiliu.api.schemas import EXPORT_HELP, VERSION_HELP, XLSX_RESPONSE, PlaceRef, StrictSchema, place_in_scope
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.creation.links import activity_for_evidence
from shiliu.culture import exports, museum, selectors, services
from shiliu.culture.choices import BookingSource, BookingStatus, Genre, PositionKind, TroupeRole, TroupeStatus
from shiliu.culture.models import VisitBooking
from shiliu.organizations.models import Organization
from shiliu.people.masking import mask_phone

router = Router(tags=["culture"])
Day = date  # a schema field named "date" hides the type inside its class


def _place(user, place_id):
    return place_in_scope(user, Cap.CULTURE_EDIT, place_id)


def _organization(user, organization_id):
    """An organization the user may see in their ``org.view`` places, or None."""
    if organization_id is None:
        return None
    found = Organization.objects.filter(scope_q(user, Cap.ORG_VIEW, "place__path")).select_related("place").filter(
        pk=organization_id).first()
    if found is None:
        raise ValidationError({"organization": [_("Choose an organization of your places.")]})
    return found


def _filter_place(user, place_id):
    return places_for(user, Cap.CULTURE_VIEW).filter(pk=place_id).first() if place_id else None


def _xlsx(data: bytes, kind: str) -> HttpResponse:
    response = HttpResponse(data, content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(kind)}"'
    return response


def _patch_fields(payload, *, nullable: tuple = ()) -> tuple[int, dict]:
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k in nullable}
    return fields.pop("version"), fields


# --- troupes ------------------------------------------------------------------------------------

class TroupeOut(Schema):
    id: int
    name: str
    place: PlaceRef
    organization_id: int | None
    founded_on: date | None
    status: TroupeStatus
    description: str
    public: bool
    version: int


class TroupeRow(TroupeOut):
    repertoire_count: int
    performance_count: int


class MemberOut(Schema):
    id: int
    name: str
    role: TroupeRole
    phone_masked: str

    @staticmethod
    def resolve_phone_masked(obj) -> str:
        return mask_phone(obj.phone)


class PieceOut(Schema):
    id: int
    title: str
    genre: Genre
    style: str


class PerformanceOut(Schema):
    id: int
    troupe_id: int
    date: Day
    title: str
    venue: str
    audience: int
    activity_id: int | None
    note: str


class TroupeDetailOut(TroupeOut):
    members: list[MemberOut] | None = Field(None, description="Only for callers within the troupe's scope")
    repertoire: list[PieceOut]
    performances: list[PerformanceOut] = Field(description="The 20 most recent")
    can_edit: bool


class TroupeFilters(Schema):
    q: str = Field("", max_length=100)
    status: TroupeStatus | None = None
    place: int | None = Field(None, description="Only at this place and below")


class TroupeIn(StrictSchema):
    name: str = Field(max_length=200)
    place: int
    organization: int | None = Field(None, description="Id of the micro-organization the troupe belongs to")
    founded_on: date | None = None
    status: str = Field(TroupeStatus.ACTIVE, max_length=10, description="active | dormant | disbanded")
    description: str = Field("", max_length=4000)
    public: bool = True


class TroupePatch(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    name: str | None = Field(None, max_length=200)
    place: int | None = None
    organization: int | None = None
    founded_on: date | None = None
    status: str | None = Field(None, max_length=10)
    description: str | None = Field(None, max_length=4000)
    public: bool | None = None


class MemberIn(StrictSchema):
    name: str = Field(max_length=120)
    role: str = Field(TroupeRole.PERFORMER, max_length=12, description="leader | instructor | performer | support")
    phone: str = Field("", max_length=40, description="Optional; stored encrypted and shown masked")


class PieceIn(StrictSchema):
    title: str = Field(max_length=200)
    genre: str = Field(max_length=12)
    style: str = Field("", max_length=200, description="The style of the piece (about the art, never about people)")


class PerformanceIn(StrictSchema):
    date: Day | None = None
    title: str = Field(max_length=240)
    venue: str = Field(max_length=240)
    audience: int | None = Field(0, ge=0)
    note: str = Field("", max_length=2000)
    activity_id: int | None = Field(None, description="The activity it was part of, if any")


def _troupe_detail(user, troupe) -> dict:
    members = selectors.troupe_members(user, troupe)
    if members:
        audit_list_read(by=user, action="culture.member.list", model_label="culture.troupemember",
                        ids=[m.pk for m in members])
    out = {**{f: getattr(troupe, f) for f in TroupeOut.model_fields},
           "repertoire": list(troupe.repertoire.order_by("title", "id")),
           "performances": list(troupe.performances.order_by("-date", "-id")[:20]),
           "can_edit": can(user, Cap.CULTURE_EDIT, troupe.place)}
    if members is not None:  # left out, not null, for read-only viewers (exclude_unset)
        out["members"] = members
    return out


def _troupe_filters(user, f: TroupeFilters) -> dict:
    return {"q": f.q, "status": f.status or "", "place": _filter_place(user, f.place)}


@router.get("/troupes", response=list[TroupeRow], summary="Art troupes you may see")
@access_rule(Cap.CULTURE_VIEW)
@paginate(Page)
def troupe_list_op(request, filters: Query[TroupeFilters]):
    return selectors.troupe_list(request.auth, **_troupe_filters(request.auth, filters))


@router.get("/troupes/export", summary="The art troupes you may see, as an xlsx file", description=EXPORT_HELP,
            openapi_extra=XLSX_RESPONSE)
@access_rule(Cap.CULTURE_VIEW)
def troupe_export_op(request, filters: Query[TroupeFilters]):
    exports.count_export(request.auth, "troupes")
    troupes = selectors.troupe_list(request.auth, **_troupe_filters(request.auth, filters))
    return _xlsx(exports.troupes_xlsx(troupes), "troupes")


@router.post("/troupes", response={201: TroupeOut}, summary="Record an art troupe")
@access_rule(Cap.CULTURE_EDIT)
def troupe_create_op(request, payload: TroupeIn):
    data = payload.dict()
    data["place"] = _place(request.auth, data["place"])
    data["organization"] = _organization(request.auth, data["organization"])
    return Status(201, services.troupe_create(by=request.auth, **data))


@router.get("/troupes/{int:troupe_id}", response=TroupeDetailOut, exclude_unset=True,
            summary="One troupe with its repertoire, recent performances and (within scope) members")
@access_rule(Cap.CULTURE_VIEW)
def troupe_detail_op(request, troupe_id: int):
    return _troupe_detail(request.auth, selectors.troupe_get(request.auth, troupe_id))


@router.patch("/troupes/{int:troupe_id}", response=TroupeOut, summary="Change a troupe; send the version you read")
@access_rule(Cap.CULTURE_EDIT)
def troupe_update_op(request, troupe_id: int, payload: TroupePatch):
    troupe = selectors.troupe_get_for_edit(request.auth, troupe_id)
    version, fields = _patch_fields(payload, nullable=("founded_on", "organization"))
    if "place" in fields:
        fields["place"] = _place(request.auth, fields["place"])
    if "organization" in fields:
        fields["organization"] = _organization(request.auth, fields["organization"])
    return services.troupe_update(troupe=troupe, by=request.auth, version=version, **fields)


@router.post("/troupes/{int:troupe_id}/members", response={201: MemberOut}, summary="Add a member")
@access_rule(Cap.CULTURE_EDIT)
def member_add_op(request, troupe_id: int, payload: MemberIn):
    troupe = selectors.troupe_get_for_edit(request.auth, troupe_id)
    return Status(201, services.member_add(troupe=troupe, by=request.auth, **payload.dict()))


@router.delete("/troupes/{int:troupe_id}/members/{int:member_id}", response={204: None},
               summary="Remove a member (their name and phone are deleted)")
@access_rule(Cap.CULTURE_EDIT)
def member_remove_op(request, troupe_id: int, member_id: int):
    troupe = selectors.troupe_get(request.auth, troupe_id)
    services.member_remove(member=selectors.member_get_for_edit(request.auth, troupe, member_id), by=request.auth)
    return Status(204, None)


@router.post("/troupes/{int:troupe_id}/repertoire", response={201: PieceOut}, summary="Add a piece to the repertoire")
@access_rule(Cap.CULTURE_EDIT)
def piece_add_op(request, troupe_id: int, payload: PieceIn):
    troupe = selectors.troupe_get_for_edit(request.auth, troupe_id)
    return Status(201, services.repertoire_add(troupe=troupe, by=request.auth, **payload.dict()))


@router.delete("/troupes/{int:troupe_id}/repertoire/{int:piece_id}", response={204: None},
               summary="Remove a piece from the repertoire")
@access_rule(Cap.CULTURE_EDIT)
def piece_remove_op(request, troupe_id: int, piece_id: int):
    troupe = selectors.troupe_get_for_edit(request.auth, troupe_id)
    piece = troupe.repertoire.filter(pk=piece_id).first()
    if piece is None:
        raise Http404()
    services.repertoire_remove(piece=piece, by=request.auth)
    return Status(204, None)


@router.post("/troupes/{int:troupe_id}/performances", response={201: PerformanceOut},
             summary="Record a performance that has taken place")
@access_rule(Cap.CULTURE_EDIT)
def performance_add_op(request, troupe_id: int, payload: PerformanceIn):
    troupe = selectors.troupe_get_for_edit(request.auth, troupe_id)
    data = payload.dict()
    activity_id = data.pop("activity_id")
    activity = activity_for_evidence(request.auth, activity_id) if activity_id else None
    return Status(201, services.performance_add(troupe=troupe, by=request.auth, activity=activity, **data))


class PerformanceFilters(Schema):
    place: int | None = Field(None, description="Only troupes at this place and below")
    date_from: date | None = None
    date_to: date | None = None


def _performance_filters(user, f: PerformanceFilters) -> dict:
    return {"place": _filter_place(user, f.place), "date_from": f.date_from, "date_to": f.date_to}


@router.get("/performances", response=list[PerformanceOut], summary="Performances of the troupes you may see")
@access_rule(Cap.CULTURE_VIEW)
@paginate(Page)
def performance_list_op(request, filters: Query[PerformanceFilters]):
    return selectors.performance_list(request.auth, **_performance_filters(request.auth, filters))


@router.get("/performances/export", summary="Performances, as an xlsx file", description=EXPORT_HELP,
            openapi_extra=XLSX_RESPONSE)
@access_rule(Cap.CULTURE_VIEW)
def performance_export_op(request, filters: Query[PerformanceFilters]):
    exports.count_export(request.auth, "performances")
    rows = selectors.performance_list(request.auth, **_performance_filters(request.auth, filters))
    return _xlsx(exports.performances_xlsx(rows), "performances")


# --- publicity positions ------------------------------------------------------------------------

class PositionOut(Schema):
    id: int
    kind: PositionKind
    name: str
    place: PlaceRef
    address: str
    since: date | None
    active: bool
    description: str
    public: bool
    version: int


class PositionFilters(Schema):
    q: str = Field("", max_length=100)
    kind: PositionKind | None = None
    active: bool | None = None
    place: int | None = Field(None, description="Only at this place and below")
    until: date | None = Field(None, description="In use since on or before this date")


class PositionIn(StrictSchema):
    kind: str = Field(max_length=16, description="gallery | board | corner | wall | screen | online_column | other")
    name: str = Field(max_length=200)
    place: int
    address: str = Field("", max_length=400)
    since: date | None = None
    active: bool = True
    description: str = Field("", max_length=4000)
    public: bool = True


class PositionPatch(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    kind: str | None = Field(None, max_length=16)
    name: str | None = Field(None, max_length=200)
    place: int | None = None
    address: str | None = Field(None, max_length=400)
    since: date | None = None
    active: bool | None = None
    description: str | None = Field(None, max_length=4000)
    public: bool | None = None


def _position_filters(user, f: PositionFilters) -> dict:
    return {"q": f.q, "kind": f.kind or "", "active": f.active, "place": _filter_place(user, f.place),
            "until": f.until}


@router.get("/positions", response=list[PositionOut], summary="Publicity positions you may see")
@access_rule(Cap.CULTURE_VIEW)
@paginate(Page)
def position_list_op(request, filters: Query[PositionFilters]):
    return selectors.position_list(request.auth, **_position_filters(request.auth, filters))


@router.get("/positions/export", summary="Publicity positions, as an xlsx file", description=EXPORT_HELP,
            openapi_extra=XLSX_RESPONSE)
@access_rule(Cap.CULTURE_VIEW)
def position_export_op(request, filters: Query[PositionFilters]):
    exports.count_export(request.auth, "positions")
    rows = selectors.position_list(request.auth, **_position_filters(request.auth, filters))
    return _xlsx(exports.positions_xlsx(rows), "positions")


@router.post("/positions", response={201: PositionOut}, summary="Record a publicity position")
@access_rule(Cap.CULTURE_EDIT)
def position_create_op(request, payload: PositionIn):
    data = payload.dict()
    data["place"] = _place(request.auth, data["place"])
    return Status(201, services.position_create(by=request.auth, **data))


@router.get("/positions/{int:position_id}", response=PositionOut, summary="One publicity position")
@access_rule(Cap.CULTURE_VIEW)
def position_detail_op(request, position_id: int):
    return selectors.position_get(request.auth, position_id)


@router.patch("/positions/{int:position_id}", response=PositionOut,
              summary="Change a publicity position; send the version you read")
@access_rule(Cap.CULTURE_EDIT)
def position_update_op(request, position_id: int, payload: PositionPatch):
    position = selectors.position_get_for_edit(request.auth, position_id)
    version, fields = _patch_fields(payload, nullable=("since",))
    if "place" in fields:
        fields["place"] = _place(request.auth, fields["place"])
    return services.position_update(position=position, by=request.auth, version=version, **fields)


# --- the museum ---------------------------------------------------------------------------------

class GuideOut(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return str(obj)


class MuseumOut(Schema):
    id: int
    name: str
    place: PlaceRef
    address: str
    description: str
    guides: list[GuideOut]
    online_booking: bool
    active: bool
    public: bool
    version: int

    @staticmethod
    def resolve_guides(obj) -> list:
        return list(obj.guides.order_by("username"))


class SlotOut(Schema):
    id: int
    museum_id: int
    starts_at: datetime
    ends_at: datetime
    capacity: int = Field(description="People (not groups)")
    held: int = Field(description="People in requested, confirmed and visited bookings")
    left: int
    note: str

    @staticmethod
    def resolve_left(obj) -> int:
        return max(obj.capacity - obj.held, 0)


class MuseumIn(StrictSchema):
    name: str = Field(max_length=200)
    place: int
    address: str = Field("", max_length=400)
    description: str = Field("", max_length=4000)
    guide_ids: list[int] = Field(default_factory=list, max_length=50)
    online_booking: bool = False
    active: bool = True
    public: bool = True


class MuseumPatch(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    name: str | None = Field(None, max_length=200)
    place: int | None = None
    address: str | None = Field(None, max_length=400)
    description: str | None = Field(None, max_length=4000)
    guide_ids: list[int] | None = Field(None, max_length=50)
    online_booking: bool | None = None
    active: bool | None = None
    public: bool | None = None


class SlotIn(StrictSchema):
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    capacity: int | None = Field(None, description="People (not groups); at least 1")
    note: str = Field("", max_length=400)


def _guides(ids: list[int]) -> list:
    found = list(get_user_model().objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"guide_ids": [_("A guide must be a staff member working at or around the museum's "
                                               "place.")]})
    return found


@router.get("/museums", response=list[MuseumOut], summary="Museums you may see")
@access_rule(Cap.CULTURE_VIEW)
@paginate(Page)
def museum_list_op(request):
    return selectors.museum_list(request.auth).prefetch_related("guides")


@router.post("/museums", response={201: MuseumOut}, summary="Record a museum")
@access_rule(Cap.CULTURE_EDIT)
def museum_create_op(request, payload: MuseumIn):
    data = payload.dict()
    data["place"] = _place(request.auth, data["place"])
    data["guides"] = _guides(data.pop("guide_ids"))
    return Status(201, museum.museum_create(by=request.auth, **data))


@router.get("/museums/{int:museum_id}", response=MuseumOut, summary="One museum")
@access_rule(Cap.CULTURE_VIEW)
def museum_detail_op(request, museum_id: int):
    return selectors.museum_get(request.auth, museum_id)


@router.patch("/museums/{int:museum_id}", response=MuseumOut, summary="Change a museum; send the version you read")
@access_rule(Cap.CULTURE_EDIT)
def museum_update_op(request, museum_id: int, payload: MuseumPatch):
    item = selectors.museum_get_for_edit(request.auth, museum_id)
    version, fields = _patch_fields(payload)
    if "place" in fields:
        fields["place"] = _place(request.auth, fields["place"])
    if "guide_ids" in fields:
        fields["guides"] = _guides(fields.pop("guide_ids"))
    return museum.museum_update(museum=item, by=request.auth, version=version, **fields)


@router.get("/museums/{int:museum_id}/slots", response=list[SlotOut], summary="Coming visit slots and places left")
@access_rule(Cap.CULTURE_VIEW)
@paginate(Page)
def slot_list_op(request, museum_id: int):
    return selectors.slots_of(selectors.museum_get(request.auth, museum_id))


@router.post("/museums/{int:museum_id}/slots", response={201: SlotOut},
             summary="Open a visit slot (capacity in people, starting in the future)")
@access_rule(Cap.CULTURE_EDIT)
def slot_create_op(request, museum_id: int, payload: SlotIn):
    item = selectors.museum_get_for_edit(request.auth, museum_id)
    slot = museum.slot_create(museum=item, by=request.auth, **payload.dict())
    return Status(201, selectors.slot_get(request.auth, slot.pk))


# --- bookings -----------------------------------------------------------------------------------

class BookingOut(Schema):
    id: int
    reference: str
    slot_id: int
    starts_at: datetime
    ends_at: datetime
    museum_id: int
    group_name: str
    group_size: int
    contact_name: str
    contact_phone_masked: str
    status: BookingStatus
    source: BookingSource
    guide: GuideOut | None
    notes: str
    visited_count: int | None
    created_at: datetime
    version: int

    @staticmethod
    def resolve_contact_phone_masked(obj) -> str:
        return mask_phone(obj.contact_phone)

    @staticmethod
    def resolve_museum_id(obj) -> int:
        return obj.slot.museum_id

    @staticmethod
    def resolve_starts_at(obj) -> datetime:
        return obj.slot.starts_at

    @staticmethod
    def resolve_ends_at(obj) -> datetime:
        return obj.slot.ends_at


class BookingIn(StrictSchema):
    group_name: str = Field(max_length=200)
    group_size: int | None = None
    contact_name: str = Field(max_length=120)
    contact_phone: str = Field(max_length=40)
    notes: str = Field("", max_length=2000)


class BookingFilters(Schema):
    museum: int | None = None
    status: BookingStatus | None = None
    place: int | None = Field(None, description="Only museums at this place and below")
    date_from: date | None = Field(None, description="Slots starting on or after this day")
    date_to: date | None = Field(None, description="Slots starting on or before this day")


class ConfirmIn(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    guide_id: int | None = None


class ReasonIn(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    reason: str = Field("", max_length=600)


class VisitIn(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    visited_count: int | None = None
    notes: str = Field("", max_length=2000)


class AuditedBookingPage(Page):
    """Page, plus one audit record naming the bookings shown (they hold a contact's name and phone)."""

    def paginate_queryset(self, queryset, pagination, **params):
        result = super().paginate_queryset(queryset, pagination, **params)
        audit_list_read(by=params["request"].auth, action="culture.booking.list", model_label="culture.visitbooking",
                        ids=[b.pk for b in result["items"]])
        return result


def _booking_filters(user, f: BookingFilters) -> dict:
    item = selectors.museum_get(user, f.museum) if f.museum else None
    return {"museum": item, "status": f.status or "", "place": _filter_place(user, f.place),
            "date_from": f.date_from, "date_to": f.date_to}


def _booking(user, pk) -> VisitBooking:
    """The booking as it is now, its read audited (a contact's name and masked phone)."""
    booking = selectors.booking_get(user, pk)
    audit_read(by=user, action="culture.booking.view", target=booking, subject_id=None, category="contact")
    return booking


@router.get("/bookings", response=list[BookingOut], summary="Bookings of the museums in your places (audited)")
@access_rule(Cap.CULTURE_VIEW)
@paginate(AuditedBookingPage)
def booking_list_op(request, filters: Query[BookingFilters]):
    return selectors.booking_list(request.auth, **_booking_filters(request.auth, filters))


@router.get("/bookings/export", summary="Bookings, as an xlsx file (capped, phones masked, audited)",
            description=EXPORT_HELP, openapi_extra=XLSX_RESPONSE)
@access_rule(Cap.CULTURE_VIEW)
def booking_export_op(request, filters: Query[BookingFilters]):
    exports.count_export(request.auth, "bookings")
    rows = selectors.booking_list(request.auth, **_booking_filters(request.auth, filters))
    return _xlsx(exports.bookings_xlsx(rows, by=request.auth), "bookings")


@router.post("/slots/{int:slot_id}/bookings", response={201: BookingOut},
             summary="Book a slot for a group (refused past capacity or for a slot that has begun)")
@access_rule(Cap.CULTURE_EDIT)
def booking_create_op(request, slot_id: int, payload: BookingIn):
    slot = selectors.slot_get(request.auth, slot_id)
    booking = museum.booking_create(slot=slot, by=request.auth, **payload.dict())
    return Status(201, _booking(request.auth, booking.pk))


@router.get("/bookings/{int:booking_id}", response=BookingOut, summary="One booking (audited)")
@access_rule(Cap.CULTURE_VIEW)
def booking_detail_op(request, booking_id: int):
    return _booking(request.auth, booking_id)


def _guide(guide_id):
    """The staff account named; the service checks it is one of the museum's guides."""
    return get_user_model().objects.filter(pk=guide_id).first() if guide_id else None


@router.post("/bookings/{int:booking_id}/confirm", response=BookingOut,
             summary="Confirm a requested visit and assign one of the museum's guides")
@access_rule(Cap.CULTURE_EDIT)
def booking_confirm_op(request, booking_id: int, payload: ConfirmIn):
    booking = selectors.booking_get_for_edit(request.auth, booking_id)
    museum.booking_confirm(booking=booking, by=request.auth, version=payload.version, guide=_guide(payload.guide_id))
    return _booking(request.auth, booking_id)


@router.post("/bookings/{int:booking_id}/guide", response=BookingOut, summary="Change the guide of a confirmed visit")
@access_rule(Cap.CULTURE_EDIT)
def booking_guide_op(request, booking_id: int, payload: ConfirmIn):
    booking = selectors.booking_get_for_edit(request.auth, booking_id)
    museum.booking_assign_guide(booking=booking, by=request.auth, version=payload.version,
                                guide=_guide(payload.guide_id))
    return _booking(request.auth, booking_id)


@router.post("/bookings/{int:booking_id}/decline", response=BookingOut, summary="Decline a request, saying why")
@access_rule(Cap.CULTURE_EDIT)
def booking_decline_op(request, booking_id: int, payload: ReasonIn):
    booking = selectors.booking_get_for_edit(request.auth, booking_id)
    museum.booking_decline(booking=booking, by=request.auth, version=payload.version, reason=payload.reason)
    return _booking(request.auth, booking_id)


@router.post("/bookings/{int:booking_id}/cancel", response=BookingOut, summary="Cancel a requested or confirmed visit")
@access_rule(Cap.CULTURE_EDIT)
def booking_cancel_op(request, booking_id: int, payload: ReasonIn):
    booking = selectors.booking_get_for_edit(request.auth, booking_id)
    museum.booking_cancel(booking=booking, by=request.auth, version=payload.version, reason=payload.reason)
    return _booking(request.auth, booking_id)


@router.post("/bookings/{int:booking_id}/visit", response=BookingOut,
             summary="Record that a confirmed group came, and how many people")
@access_rule(Cap.CULTURE_EDIT)
def booking_visit_op(request, booking_id: int, payload: VisitIn):
    booking = selectors.booking_get_for_edit(request.auth, booking_id)
    museum.booking_record_visit(booking=booking, by=request.auth, version=payload.version,
                                visited_count=payload.visited_count, notes=payload.notes)
    return _booking(request.auth, booking_id)
