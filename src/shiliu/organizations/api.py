"""/api/v1/organizations: the same selectors and services as the pages.

Reads answer what the pages show: organizations and groups in the caller's area, and public
ones elsewhere (read-only); anything else is 404. Members are listed with masked phones and the
read is audited; for a public organization of another area only its contacts are listed, without
phones. Writes need org.edit at the record's place (403 for a public record of another area).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import places_for
from shiliu.api.errors import PROBLEM
from shiliu.api.pagination import Page
from shiliu.api.schemas import PlaceRef, StrictSchema
from shiliu.audit.services import audit_list_read
from shiliu.core import ratelimit
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from shiliu.organizations import selectors
from shiliu.organizations.choices import LEADING_ROLES, GroupKind, GroupLevel, GroupRole, MemberRole, OrgKind, OrgStatus
from shiliu.organizations.group_services import group_create, group_member_add, group_member_end, group_update
from shiliu.organizations.models import Membership
from shiliu.organizations.place_page import default_period, place_figures
from shiliu.organizations.services import (
    membership_add,
    membership_end,
    membership_update,
    organization_create,
    organization_dissolve,
    organization_update,
)
from shiliu.organizations.transfer import ImportRejected, export_organizations, import_members, import_organizations
from shiliu.organizations.views_place import place_for_page
from shiliu.people.masking import mask_phone
from shiliu.places.models import Place

router = Router(tags=["organizations"])
XLSX = XLSX_CONTENT_TYPE


class OrgOut(Schema):
    id: int
    name: str
    name_en: str
    kind: OrgKind
    place: PlaceRef
    parent_id: int | None
    founded_on: date | None
    status: OrgStatus
    dissolved_on: date | None
    description: str
    public: bool
    version: int
    member_count: int | None = None


class OrgFilters(Schema):
    q: str = Field("", max_length=100, description="Part of the name")
    kind: OrgKind | None = None
    status: OrgStatus | None = None
    place: int | None = Field(None, description="Only this place and the places below it")
    start: date | None = Field(None, alias="from", description="Existed at some time on or after this date")
    end: date | None = Field(None, alias="to", description="Existed at some time on or before this date")


class OrgIn(StrictSchema):
    name: str = Field(max_length=100)
    name_en: str = Field("", max_length=100)
    kind: OrgKind
    place_id: int
    parent_id: int | None = None
    founded_on: date | None = None
    status: OrgStatus = OrgStatus.ACTIVE
    description: str = Field("", max_length=2000)
    public: bool = True


class OrgPatch(StrictSchema):
    version: int = Field(description="The version you read; a stale one answers 409")
    name: str | None = Field(None, max_length=100)
    name_en: str | None = Field(None, max_length=100)
    kind: OrgKind | None = None
    place_id: int | None = None
    parent_id: int | None = None
    founded_on: date | None = None
    status: OrgStatus | None = None
    description: str | None = Field(None, max_length=2000)
    public: bool | None = None


class DissolveIn(StrictSchema):
    version: int
    on: date | None = Field(None, description="Default: today")


class MemberOut(Schema):
    id: int
    name: str
    phone_masked: str | None = None
    role: MemberRole
    since: date
    until: date | None
    resident_id: int | None = None
    version: int


class MemberIn(StrictSchema):
    name: str = Field("", max_length=60, description="Required unless resident_id gives it")
    phone: str = Field("", max_length=40)
    role: MemberRole = MemberRole.MEMBER
    since: date | None = None
    resident_id: int | None = Field(None, description="A resident recorded in your places")


class MemberPatch(StrictSchema):
    version: int
    name: str | None = Field(None, max_length=60)
    phone: str | None = Field(None, max_length=40)
    role: MemberRole | None = None
    since: date | None = None


class EndIn(StrictSchema):
    version: int
    until: date | None = Field(None, description="Default: today")


class GroupOut(Schema):
    id: int
    kind: GroupKind
    level: GroupLevel
    place: PlaceRef
    name: str
    name_en: str
    description: str
    public: bool
    version: int
    member_count: int | None = None


class SeatOut(Schema):
    id: int
    unit: PlaceRef | None
    person_name: str | None = None
    title: str
    role: GroupRole
    since: date
    until: date | None
    version: int


class GroupDetailOut(GroupOut):
    seats: list[SeatOut]


class GroupFilters(Schema):
    kind: GroupKind | None = None
    level: GroupLevel | None = None
    place: int | None = None


class GroupIn(StrictSchema):
    kind: GroupKind
    level: GroupLevel
    place_id: int
    name: str = Field(max_length=100)
    name_en: str = Field("", max_length=100)
    description: str = Field("", max_length=2000)
    public: bool = True


class GroupPatch(StrictSchema):
    version: int
    kind: GroupKind | None = None
    level: GroupLevel | None = None
    place_id: int | None = None
    name: str | None = Field(None, max_length=100)
    name_en: str | None = Field(None, max_length=100)
    description: str | None = Field(None, max_length=2000)
    public: bool | None = None


class SeatIn(StrictSchema):
    unit_id: int | None = None
    person_name: str = Field("", max_length=60)
    title: str = Field("", max_length=60)
    role: GroupRole = GroupRole.MEMBER
    since: date | None = None


class FigureOut(Schema):
    key: str
    label: str
    value: int | None
    url: str | None


class PlaceFiguresOut(Schema):
    place: PlaceRef
    start: date
    end: date
    figures: list[FigureOut]


class PeriodQuery(Schema):
    start: date | None = Field(None, alias="from", description="Default: 1 January of this year")
    end: date | None = Field(None, alias="to", description="Default: 31 December of this year")


class ImportOut(Schema):
    created: int
    updated: int = 0
    unchanged: int = 0


class ImportRowError(Schema):
    row: int = Field(description="Spreadsheet row (1 is the header; 0 means the file as a whole)")
    column: str
    message: str


class ImportProblem(Schema):
    type: str
    title: str
    status: int
    detail: str
    rows: list[ImportRowError]


def _place(user, cap: str, place_id: int, field: str = "place") -> Place:
    """A place where the user holds ``cap``, or a field error naming it (the same for missing and foreign)."""
    place = places_for(user, cap).filter(pk=place_id).first()
    if place is None:
        raise ValidationError({field: [_("There is no such place in your area.")]})
    return place


def _parent(user, parent_id: int | None):
    if parent_id is None:
        return None
    parent = selectors.orgs_visible(user).filter(pk=parent_id).first()
    if parent is None:
        raise ValidationError({"parent": [_("There is no such organization.")]})
    return parent


def _rejected(exc: ImportRejected) -> JsonResponse:
    body = {"type": "about:blank", "title": _("The file has errors. Nothing was imported."), "status": 422,
            "detail": _("Correct every listed row and upload the file again."),
            "rows": [{"row": e.row, "column": e.column, "message": e.message} for e in exc.errors]}
    return JsonResponse(body, status=422, content_type=PROBLEM, json_dumps_params={"ensure_ascii": False})


# --- organizations ----------------------------------------------------------------------------


def _orgs(user, filters: OrgFilters):
    place = places_for(user, Cap.ORG_VIEW).filter(pk=filters.place).first() if filters.place else None
    qs = selectors.org_list(user, q=filters.q, kind=filters.kind or "", status=filters.status or "",
                            place=place, start=filters.start, end=filters.end)
    return qs.none() if filters.place and place is None else qs


@router.get("", response=list[OrgOut], summary="Organizations you may see, in tree order, filtered")
@access_rule(Cap.ORG_VIEW)
@paginate(Page)
def org_list_op(request, filters: Query[OrgFilters]):
    return _orgs(request.auth, filters)


@router.post("", response={201: OrgOut}, summary="Record an organization at a place where you manage them")
@access_rule(Cap.ORG_EDIT)
def org_create_op(request, payload: OrgIn):
    user = request.auth
    data = payload.dict(exclude={"place_id", "parent_id"})
    org = organization_create(by=user, place=_place(user, Cap.ORG_EDIT, payload.place_id),
                              parent=_parent(user, payload.parent_id), **data)
    return Status(201, org)


@router.get("/export", summary="The filtered organizations as an xlsx file",
            description="At most 10 exports a minute per user, with the page's; beyond that 429 with Retry-After.",
            openapi_extra={"responses": {200: {"description": "xlsx file", "content": {
                XLSX: {"schema": {"type": "string", "format": "binary"}}}}}})
@access_rule(Cap.ORG_VIEW)
def org_export_op(request, filters: Query[OrgFilters]):
    user = request.auth
    ratelimit.hit(ratelimit.EXPORT, f"organizations:{user.pk}")  # F6; RateLimited answers 429
    orgs = _orgs(user, filters)
    response = HttpResponse(export_organizations(by=user, orgs=orgs), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="organizations-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


@router.post("/import", response={200: ImportOut, 422: ImportProblem},
             summary="Create and update organizations from an xlsx file, all or nothing",
             description="Every row is checked first. If any row has an error, the answer is 422 listing every "
             "error with its row and column, and nothing is changed.")
@access_rule(Cap.ORG_EDIT)
def org_import_op(request, file: UploadedFile = File(...)):  # noqa: B008 - django-ninja's way to declare a file
    try:
        return import_organizations(file=file, by=request.auth)
    except ImportRejected as exc:
        return _rejected(exc)


@router.post("/members/import", response={200: ImportOut, 422: ImportProblem},
             summary="Add members to organizations from an xlsx file, all or nothing")
@access_rule(Cap.ORG_EDIT)
def members_import_op(request, file: UploadedFile = File(...)):  # noqa: B008
    try:
        return import_members(file=file, by=request.auth)
    except ImportRejected as exc:
        return _rejected(exc)


@router.get("/{int:org_id}", response=OrgOut, summary="One organization")
@access_rule(Cap.ORG_VIEW)
def org_detail_op(request, org_id: int):
    return selectors.org_get(request.auth, org_id)


@router.patch("/{int:org_id}", response=OrgOut, summary="Change an organization (send its version)")
@access_rule(Cap.ORG_EDIT)
def org_update_op(request, org_id: int, payload: OrgPatch):
    user = request.auth
    org = selectors.org_get_for_edit(user, org_id)
    fields = payload.dict(exclude_unset=True, exclude={"version"})
    if "place_id" in fields:
        fields["place"] = _place(user, Cap.ORG_EDIT, fields.pop("place_id"))
    if "parent_id" in fields:
        fields["parent"] = _parent(user, fields.pop("parent_id"))
    fields = {k: v for k, v in fields.items() if v is not None or k in ("parent", "founded_on")}
    return organization_update(organization=org, by=user, version=payload.version, **fields)


@router.post("/{int:org_id}/dissolve", response=OrgOut, summary="Dissolve an organization; its memberships end")
@access_rule(Cap.ORG_EDIT)
def org_dissolve_op(request, org_id: int, payload: DissolveIn):
    org = selectors.org_get_for_edit(request.auth, org_id)
    return organization_dissolve(organization=org, by=request.auth, version=payload.version, on=payload.on)


class AuditedMemberPage(Page):
    """Page, plus one audit record naming the memberships on this page (E1)."""

    def paginate_queryset(self, queryset, pagination, **params):
        result = super().paginate_queryset(queryset, pagination, **params)
        audit_list_read(by=params["request"].auth, action="org.members.list", model_label="organizations.membership",
                        ids=[m["id"] for m in result["items"]])
        return result


class MemberRows:
    """The memberships as the caller may see them: count() and slices, like a queryset, for Page."""

    def __init__(self, qs, *, full: bool):
        self.qs, self.full = qs, full

    def count(self) -> int:
        return self.qs.count()

    def __getitem__(self, item: slice) -> list[dict]:
        return [member_out(m, full=self.full) for m in self.qs[item]]


def member_out(m: Membership, *, full: bool = True) -> dict:
    """A membership for the API: the masked phone and the resident link only within the caller's area."""
    out = {"id": m.pk, "name": m.name, "role": m.role, "since": m.since, "until": m.until, "version": m.version}
    if full:
        out["phone_masked"] = mask_phone(m.phone)
        out["resident_id"] = m.resident_id
    return out


@router.get("/{int:org_id}/members", response=list[MemberOut], exclude_unset=True,
            summary="An organization's members, current first, with masked phones (audited)")
@access_rule(Cap.ORG_VIEW)
@paginate(AuditedMemberPage)
def member_list_op(request, org_id: int):
    user = request.auth
    org = selectors.org_get(user, org_id)
    full = selectors.in_scope(user, org)
    qs = selectors.memberships(org) if full else selectors.memberships(org, current=True).filter(
        role__in=LEADING_ROLES)
    return MemberRows(qs, full=full)


@router.post("/{int:org_id}/members", response={201: MemberOut}, summary="Add a member")
@access_rule(Cap.ORG_EDIT)
def member_add_op(request, org_id: int, payload: MemberIn):
    user = request.auth
    org = selectors.org_get_for_edit(user, org_id)
    m = membership_add(by=user, organization=org, name=payload.name, phone=payload.phone, role=payload.role,
                       since=payload.since, resident_id=payload.resident_id)
    return Status(201, member_out(m))


@router.patch("/{int:org_id}/members/{int:member_id}", response=MemberOut, summary="Change a current membership")
@access_rule(Cap.ORG_EDIT)
def member_update_op(request, org_id: int, member_id: int, payload: MemberPatch):
    user = request.auth
    org = selectors.org_get(user, org_id)
    membership = selectors.membership_get(user, org, member_id, for_edit=True)
    fields = {k: v for k, v in payload.dict(exclude_unset=True, exclude={"version"}).items() if v is not None}
    return member_out(membership_update(membership=membership, by=user, version=payload.version, **fields))


@router.post("/{int:org_id}/members/{int:member_id}/end", response=MemberOut,
             summary="End a membership; it stays as history")
@access_rule(Cap.ORG_EDIT)
def member_end_op(request, org_id: int, member_id: int, payload: EndIn):
    user = request.auth
    org = selectors.org_get(user, org_id)
    membership = selectors.membership_get(user, org, member_id, for_edit=True)
    return member_out(membership_end(membership=membership, by=user, version=payload.version, until=payload.until))


# --- groups -----------------------------------------------------------------------------------


@router.get("/groups", response=list[GroupOut], summary="Leadership and coordination groups you may see")
@access_rule(Cap.ORG_VIEW)
@paginate(Page)
def group_list_op(request, filters: Query[GroupFilters]):
    user = request.auth
    place = places_for(user, Cap.ORG_VIEW).filter(pk=filters.place).first() if filters.place else None
    qs = selectors.group_list(user, kind=filters.kind or "", level=filters.level or "", place=place)
    return qs.none() if filters.place and place is None else qs


def _group_detail(user, group) -> dict:
    names = selectors.in_scope(user, group)
    seats = []
    for m in selectors.group_members(group):
        seat = {"id": m.pk, "unit": m.unit, "title": m.title, "role": m.role, "since": m.since, "until": m.until,
                "version": m.version}
        if names:
            seat["person_name"] = m.person_name
        seats.append(seat)
    return {**{f: getattr(group, f) for f in ("id", "kind", "level", "place", "name", "name_en", "description",
                                                "public", "version")}, "seats": seats}


@router.post("/groups", response={201: GroupDetailOut}, summary="Record a leadership or coordination group")
@access_rule(Cap.ORG_EDIT)
def group_create_op(request, payload: GroupIn):
    user = request.auth
    data = payload.dict(exclude={"place_id"})
    group = group_create(by=user, place=_place(user, Cap.ORG_EDIT, payload.place_id), **data)
    return Status(201, _group_detail(user, group))


@router.get("/groups/{int:group_id}", response=GroupDetailOut, exclude_unset=True,
            summary="One group with its seats, current and past")
@access_rule(Cap.ORG_VIEW)
def group_detail_op(request, group_id: int):
    return _group_detail(request.auth, selectors.group_get(request.auth, group_id))


@router.patch("/groups/{int:group_id}", response=GroupDetailOut, summary="Change a group (send its version)")
@access_rule(Cap.ORG_EDIT)
def group_update_op(request, group_id: int, payload: GroupPatch):
    user = request.auth
    group = selectors.group_get_for_edit(user, group_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True, exclude={"version"}).items() if v is not None}
    if "place_id" in fields:
        fields["place"] = _place(user, Cap.ORG_EDIT, fields.pop("place_id"))
    group = group_update(group=group, by=user, version=payload.version, **fields)
    return _group_detail(user, group)


@router.post("/groups/{int:group_id}/members", response={201: SeatOut}, summary="Add a seat to a group")
@access_rule(Cap.ORG_EDIT)
def group_member_add_op(request, group_id: int, payload: SeatIn):
    user = request.auth
    group = selectors.group_get_for_edit(user, group_id)
    unit = _place(user, Cap.PLACE_VIEW, payload.unit_id, field="unit") if payload.unit_id is not None else None
    seat = group_member_add(by=user, group=group, unit=unit, person_name=payload.person_name, title=payload.title,
                            role=payload.role, since=payload.since)
    return Status(201, seat)


@router.post("/groups/{int:group_id}/members/{int:member_id}/end", response=SeatOut, summary="End a seat")
@access_rule(Cap.ORG_EDIT)
def group_member_end_op(request, group_id: int, member_id: int, payload: EndIn):
    user = request.auth
    group = selectors.group_get(user, group_id)
    member = selectors.group_member_get(user, group, member_id)
    return group_member_end(member=member, by=user, version=payload.version, until=payload.until)


# --- the place page's figures -----------------------------------------------------------------


@router.get("/places/{int:place_id}/figures", response=PlaceFiguresOut,
            summary="A place's figures for a period, from every app, each with the link to its records")
@access_rule(Cap.ORG_VIEW)
def place_figures_op(request, place_id: int, period: Query[PeriodQuery]):
    user = request.auth
    place = place_for_page(user, place_id)
    start, end = default_period(timezone.localdate())
    start, end = period.start or start, period.end or end
    if start > end:
        raise ValidationError({"to": [_("The end of the period comes before its start.")]})
    return {"place": place, "start": start, "end": end, "figures": place_figures(user, place, start, end)}

