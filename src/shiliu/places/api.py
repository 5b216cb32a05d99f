"""/api/v1/places: the same selectors and services as the pages.

Reads are scoped to the caller's subtree (404 outside it). Writes need Cap.PLACE_EDIT
at the place: outside what the caller sees they answer 404, inside it without the
capability 403.
"""

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.api.errors import PROBLEM
from shiliu.api.pagination import Page
from shiliu.api.schemas import StrictSchema
from shiliu.core import ratelimit
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from shiliu.places import selectors
from shiliu.places.models import PlaceKind
from shiliu.places.services import place_create, place_move, place_update
from shiliu.places.transfer import ImportRejected, export_places, import_places

router = Router(tags=["places"])
XLSX = XLSX_CONTENT_TYPE


class PlaceOut(Schema):
    id: int
    code: str
    kind: PlaceKind
    name: str
    name_en: str
    parent_id: int | None
    depth: int
    address: str
    is_active: bool
    version: int


class PlaceFilters(Schema):
    q: str = Field("", max_length=100, description="Part of the name, English name or code")
    kind: PlaceKind | None = Field(None, description="Only places of this kind")


class PlaceCreateIn(StrictSchema):
    parent_id: int = Field(description="The place the new one stands under")
    code: str = Field(min_length=1, max_length=40)
    kind: PlaceKind
    name: str = Field(min_length=1, max_length=100)
    name_en: str = Field("", max_length=100)
    address: str = Field("", max_length=200)
    is_active: bool = True


class PlacePatchIn(StrictSchema):
    version: int = Field(description="The version you read; a stale one answers 409")
    code: str | None = Field(None, min_length=1, max_length=40)
    kind: PlaceKind | None = None
    name: str | None = Field(None, min_length=1, max_length=100)
    name_en: str | None = Field(None, max_length=100)
    address: str | None = Field(None, max_length=200)
    is_active: bool | None = None


class PlaceMoveIn(StrictSchema):
    parent_id: int = Field(description="The new parent; the place moves with everything below it")
    version: int = Field(description="The version you read; a stale one answers 409")


class ImportOut(Schema):
    created: int
    updated: int
    moved: int
    unchanged: int


class ImportRowError(Schema):
    row: int = Field(description="Spreadsheet row (1 is the header; 0 means the file as a whole)")
    column: str = Field(description="Column key: code, kind, name, name_en, parent_code, address, active")
    message: str


class ImportProblem(Schema):
    type: str
    title: str
    status: int
    detail: str
    rows: list[ImportRowError]


@router.get("", response=list[PlaceOut], summary="Places you may see, in tree order; search by name or code")
@access_rule(Cap.PLACE_VIEW)
@paginate(Page)
def place_list_op(request, filters: Query[PlaceFilters]):
    return selectors.place_list(request.auth, q=filters.q, kind=filters.kind or "")


@router.post("", response={201: PlaceOut}, summary="Create a place under a parent you may edit")
@access_rule(Cap.PLACE_VIEW)
def place_create_op(request, payload: PlaceCreateIn):
    parent = selectors.place_get_for_edit(request.auth, payload.parent_id)
    data = payload.dict(exclude={"parent_id"})
    return Status(201, place_create(parent=parent, by=request.auth, **data))


@router.get("/export", summary="The place tree you may transfer, as an xlsx file (audited)",
            description="At most 10 exports a minute per user, counted together with the page's export; "
            "beyond that the answer is 429 with a Retry-After header (seconds).",
            openapi_extra={"responses": {200: {"description": "xlsx file", "content": {
                XLSX: {"schema": {"type": "string", "format": "binary"}}}}}})
@access_rule(Cap.PLACE_TRANSFER)
def place_export_op(request):
    ratelimit.hit(ratelimit.EXPORT, f"places:{request.auth.pk}")  # F6; RateLimited answers 429
    response = HttpResponse(export_places(by=request.auth), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="places-{timezone.localdate():%Y%m%d}.xlsx"'
    return response


@router.post("/import", response={200: ImportOut, 422: ImportProblem},
             summary="Create and update places from an xlsx file, all or nothing",
             description="Every row is checked first. If any row has an error, the answer is 422 listing "
             "every error with its row and column, and nothing is changed.")
@access_rule(Cap.PLACE_TRANSFER)
def place_import_op(request, file: UploadedFile = File(...)):  # noqa: B008 - django-ninja's way to declare a file
    try:
        result = import_places(file=file, by=request.auth)
    except ImportRejected as exc:
        body = {"type": "about:blank", "title": _("The file has errors. Nothing was imported."), "status": 422,
                "detail": _("Correct every listed row and upload the file again."),
                "rows": [{"row": e.row, "column": e.column, "message": e.message} for e in exc.errors]}
        return JsonResponse(body, status=422, content_type=PROBLEM, json_dumps_params={"ensure_ascii": False})
    return result


@router.get("/{int:place_id}", response=PlaceOut, summary="One place")
@access_rule(Cap.PLACE_VIEW)
def place_detail_op(request, place_id: int):
    return selectors.place_get(request.auth, place_id)


@router.get("/{int:place_id}/children", response=list[PlaceOut], summary="The places directly below a place")
@access_rule(Cap.PLACE_VIEW)
@paginate(Page)
def place_children_op(request, place_id: int):
    return selectors.children(request.auth, selectors.place_get(request.auth, place_id))


@router.patch("/{int:place_id}", response=PlaceOut, summary="Change a place's own fields (send its version)")
@access_rule(Cap.PLACE_VIEW)
def place_update_op(request, place_id: int, payload: PlacePatchIn):
    place = selectors.place_get_for_edit(request.auth, place_id)
    fields = payload.dict(exclude_unset=True, exclude={"version"})
    fields = {key: value for key, value in fields.items() if value is not None}
    return place_update(place=place, by=request.auth, version=payload.version, **fields)


@router.post("/{int:place_id}/move", response=PlaceOut,
             summary="Move a place with everything below it under another parent (send its version)")
@access_rule(Cap.PLACE_VIEW)
def place_move_op(request, place_id: int, payload: PlaceMoveIn):
    place = selectors.place_get_for_edit(request.auth, place_id)
    new_parent = selectors.place_get_for_edit(request.auth, payload.parent_id)
    return place_move(place=place, new_parent=new_parent, by=request.auth, version=payload.version)
