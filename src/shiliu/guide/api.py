"""/api/v1/guide: the service guide, through the same selectors and services as the pages.

Reading the guide is public (no token): the items on offer, one item with its current version,
its versions, the domains and life events — none of it names a person (not even who published).
Writing needs ``guide.edit``; export needs ``window.view`` and import ``guide.edit``.
"""

from datetime import datetime

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule, public
from shiliu.api.errors import PROBLEM
from shiliu.api.pagination import Page
from shiliu.api.schemas import EXPORT_HELP, VERSION_HELP, XLSX, XLSX_RESPONSE, StrictSchema
from shiliu.core import ratelimit
from shiliu.guide import selectors, services
from shiliu.guide.models import Domain, ItemChannel, LifeEvent, MaterialForm, ServiceItem, StepOwner
from shiliu.guide.transfer import GuideImportRejected, export_guide, import_guide
from shiliu.places.models import Place, PlaceKind
from shiliu.workorders.models import Category

router = Router(tags=["guide"])


class NamedOut(Schema):
    code: str
    name: str
    name_en: str
    position: int


class MaterialOut(Schema):
    position: int
    name: str
    name_en: str
    form: MaterialForm
    copies: int
    required: bool
    notes: str
    notes_en: str


class StepOut(Schema):
    position: int
    name: str
    name_en: str
    owner: StepOwner
    department: str | None = Field(None, description="The department's place code (owner department)")
    time_limit_days: int
    tell_resident: bool

    @staticmethod
    def resolve_department(obj) -> str | None:
        return obj.department.code if obj.department_id else None


class VersionOut(Schema):
    number: int
    name: str
    name_en: str
    description: str
    description_en: str
    eligibility: str
    eligibility_en: str
    promised_days: int
    fees: str
    fees_en: str
    legal_basis: str
    channels: list[ItemChannel]
    note: str
    published_at: datetime
    materials: list[MaterialOut]
    steps: list[StepOut]

    @staticmethod
    def resolve_materials(obj):
        return list(obj.materials.all())

    @staticmethod
    def resolve_steps(obj):
        return list(obj.steps.all())


class ItemRow(Schema):
    code: str
    name: str = Field(alias="current.name")
    name_en: str = Field(alias="current.name_en")
    domain: str = Field(alias="domain.code")
    promised_days: int = Field(alias="current.promised_days")
    channels: list[ItemChannel] = Field(alias="current.channels")
    current_version: int = Field(alias="current.number")
    active: bool
    sample: bool
    version: int = Field(description="The item's version, the lock of an edit (not the content's number)")


class ItemOut(ItemRow):
    category: str
    life_events: list[str]
    current: VersionOut

    @staticmethod
    def resolve_category(obj) -> str:
        return obj.category.code

    @staticmethod
    def resolve_life_events(obj) -> list[str]:
        return [e.code for e in obj.life_events.all()]


class ItemFilters(Schema):
    q: str = Field("", max_length=200, description="Words to search for in Chinese or English (社保 finds 社会保险)")
    domain: str = Field("", max_length=20, description="Only this domain (code)")
    life_event: str = Field("", max_length=20, description="Only this life event (code)")


class MaterialIn(StrictSchema):
    name: str = Field(max_length=240)
    name_en: str = Field("", max_length=400)
    form: MaterialForm = MaterialForm.ORIGINAL
    copies: int = 1
    required: bool = True
    notes: str = Field("", max_length=600)
    notes_en: str = Field("", max_length=800)


class StepIn(StrictSchema):
    name: str = Field(max_length=240)
    name_en: str = Field("", max_length=400)
    owner: str = Field(max_length=20, description="window, community, subdistrict, district or department")
    department: str | None = Field(None, max_length=40, description="Place code of the department (owner department)")
    time_limit_days: int | None = None
    tell_resident: bool = False


class ContentIn(StrictSchema):
    name: str = Field(max_length=200)
    name_en: str = Field("", max_length=320)
    description: str = Field("", max_length=4000)
    description_en: str = Field("", max_length=6000)
    eligibility: str = Field("", max_length=2000)
    eligibility_en: str = Field("", max_length=3000)
    promised_days: int
    fees: str = Field("", max_length=400)
    fees_en: str = Field("", max_length=600)
    legal_basis: str = Field("", max_length=2000)
    channels: list[str] = Field(max_length=10)
    materials: list[MaterialIn] = Field(default_factory=list, max_length=60)
    steps: list[StepIn] = Field(max_length=40)
    note: str = Field("", max_length=200)
    domain: str | None = Field(None, max_length=20, description="Domain code (required when creating)")
    category: str | None = Field(None, max_length=20, description="Work-order category code (required when creating)")
    life_events: list[str] | None = Field(None, max_length=40, description="Life event codes; omitted: unchanged")


class ItemCreateIn(ContentIn):
    code: str = Field(max_length=40)


class ItemPublishIn(ContentIn):
    version: int = Field(description=VERSION_HELP)


class ActiveIn(StrictSchema):
    active: bool
    version: int = Field(description=VERSION_HELP)


class ImportOut(Schema):
    domains: int
    life_events: int
    created: int
    published: int
    unchanged: int


class ImportRowError(Schema):
    sheet: str
    row: int
    column: str
    message: str


class ImportProblem(Schema):
    type: str
    title: str
    status: int
    detail: str
    rows: list[ImportRowError]


def _content(payload: ContentIn) -> dict:
    content = payload.dict(include=set(services.TEXT_FIELDS) | {"promised_days", "channels"})
    content["materials"] = [m.dict() for m in payload.materials]
    departments = {p.code: p for p in Place.objects.filter(kind=PlaceKind.DEPARTMENT,
                                                            code__in=[s.department for s in payload.steps])}
    content["steps"] = [dict(s.dict(), department=departments.get(s.department or "")) for s in payload.steps]
    return content


def _links(payload: ContentIn) -> dict:
    """Domain, category and life events by code; an unknown code is None (the service names the field)."""
    links: dict = {
        "domain": Domain.objects.filter(code=payload.domain).first() if payload.domain else None,
        "category": Category.objects.filter(code=payload.category, active=True).first() if payload.category else None,
    }
    if payload.life_events is not None:
        links["life_events"] = list(LifeEvent.objects.filter(code__in=payload.life_events))
    return links


def _item(code: str) -> ServiceItem:
    return selectors.item_public_get(code)


@router.get("/items", response=list[ItemRow], auth=None, summary="Service items on offer (no account needed)")
@public
@paginate(Page)
def item_list_op(request, filters: Query[ItemFilters]):
    return selectors.filter_items(selectors.items_public(), query=filters.q, domain=filters.domain,
                                  life_event=filters.life_event)


@router.get("/items/{code}", response=ItemOut, auth=None, summary="One service item with its current version")
@public
def item_detail_op(request, code: str):
    return _item(code)


@router.get("/items/{code}/versions", response=list[VersionOut], auth=None,
            summary="Every version of an item, newest first")
@public
def item_versions_op(request, code: str):
    return list(selectors.versions_of(_item(code)))


@router.get("/domains", response=list[NamedOut], auth=None, summary="The guide's domains")
@public
def domain_list_op(request):
    return list(Domain.objects.all())


@router.get("/life-events", response=list[NamedOut], auth=None, summary="The guide's life events")
@public
def life_event_list_op(request):
    return list(LifeEvent.objects.all())


@router.post("/items", response={201: ItemOut}, summary="Create a service item with its first version")
@access_rule(Cap.GUIDE_EDIT)
def item_create_op(request, payload: ItemCreateIn):
    links = _links(payload)
    item = services.item_create(by=request.auth, code=payload.code, domain=links["domain"],
                                category=links["category"], life_events=links.get("life_events") or [],
                                content=_content(payload), note=payload.note)
    return Status(201, selectors.item_get_by_code(request.auth, item.code))


@router.put("/items/{code}", response=ItemOut,
            summary="Publish a new version of an item: the whole content (send the item's version)")
@access_rule(Cap.GUIDE_EDIT)
def item_publish_op(request, code: str, payload: ItemPublishIn):
    item = selectors.item_get_by_code(request.auth, code)
    links = _links(payload)
    services.item_publish(by=request.auth, item=item, version=payload.version, content=_content(payload),
                          note=payload.note, domain=links["domain"], category=links["category"],
                          life_events=links.get("life_events"))
    return selectors.item_get_by_code(request.auth, code)


@router.post("/items/{code}/active", response=ItemOut, summary="Offer an item, or stop offering it")
@access_rule(Cap.GUIDE_EDIT)
def item_active_op(request, code: str, payload: ActiveIn):
    item = selectors.item_get_by_code(request.auth, code)
    services.item_set_active(by=request.auth, item=item, version=payload.version, active=payload.active)
    return selectors.item_get_by_code(request.auth, code)


@router.get("/export", summary="The whole guide as xlsx (format=xlsx) or JSON (format=json)",
            description=EXPORT_HELP, openapi_extra=XLSX_RESPONSE)
@access_rule(Cap.WINDOW_VIEW)
def export_op(request, format: str = Query("xlsx", pattern="^(xlsx|json)$")):  # noqa: A002 - the query's name
    ratelimit.hit(ratelimit.EXPORT, f"guide:{request.auth.pk}")  # F6; RateLimited answers 429
    body = export_guide(by=request.auth, fmt=format)
    response = HttpResponse(body, content_type=XLSX if format == "xlsx" else "application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="service-guide-{timezone.localdate():%Y%m%d}.{format}"'
    return response


@router.post("/import", response={200: ImportOut, 422: ImportProblem},
             summary="Create and update the guide from an xlsx or JSON export, all or nothing",
             description="Every row is checked first. If any has an error, the answer is 422 listing every error "
             "with its sheet, row and column, and nothing is changed. Items whose content changed get a new "
             "version; unchanged items get none.")
@access_rule(Cap.GUIDE_EDIT)
def import_op(request, file: UploadedFile = File(...)):  # noqa: B008 - django-ninja's way to declare a file
    try:
        result = import_guide(file=file, by=request.auth)
    except GuideImportRejected as exc:
        body = {"type": "about:blank", "title": _("The file has errors. Nothing was imported."), "status": 422,
                "detail": _("Correct every listed row and upload the file again."),
                "rows": [{"sheet": e.sheet, "row": e.row, "column": e.column, "message": e.message}
                         for e in exc.errors]}
        return JsonResponse(body, status=422, content_type=PROBLEM, json_dumps_params={"ensure_ascii": False})
    return result
