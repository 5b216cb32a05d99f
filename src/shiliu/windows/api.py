"""/api/v1/windows: windows and centres (list, get, create, update, hours), intake at a window
(a visit with items and checklist → one work order per item, with an Idempotency-Key), the
receipt as PDF, and the figures (counts only).

The same selectors and services as the pages: reads in the caller's scope (404 otherwise),
writes need ``window.edit`` / ``window.intake`` at the window's place.
"""

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.api.pagination import Page
from shiliu.api.schemas import EXPORT_HELP, VERSION_HELP, XLSX, XLSX_RESPONSE, PlaceRef, StrictSchema, place_in_scope
from shiliu.guide.models import ServiceItem
from shiliu.people.masking import mask_phone
from shiliu.people.selectors import resident_get
from shiliu.windows import exports, receipt, selectors, services
from shiliu.windows.models import WindowKind

router = Router(tags=["windows"])


class HoursOut(Schema):
    weekday: int = Field(description="0 Monday … 6 Sunday")
    opens: time
    closes: time


class ClosureOut(Schema):
    starts_on: date
    ends_on: date
    reason: str


class WindowOut(Schema):
    id: int
    kind: WindowKind
    name: str
    place: PlaceRef
    address: str
    phone: str
    public: bool
    active: bool
    open_on_rest_days: bool
    hours: list[HoursOut]
    closures: list[ClosureOut]
    open_now: bool
    next_opens_at: datetime | None
    items: list[str] = Field(description="Codes of the service items offered")
    version: int

    @staticmethod
    def resolve_hours(obj) -> list:
        return list(obj.hours.all())

    @staticmethod
    def resolve_closures(obj) -> list:
        return list(obj.closures.all())

    @staticmethod
    def resolve_open_now(obj) -> bool:
        return obj.state.open_now

    @staticmethod
    def resolve_next_opens_at(obj) -> datetime | None:
        return obj.state.next_opens_at

    @staticmethod
    def resolve_items(obj) -> list[str]:
        return sorted(i.code for i in obj.items.all())


class WindowFilters(Schema):
    q: str = ""
    kind: WindowKind | None = None


class WindowIn(StrictSchema):
    kind: WindowKind = WindowKind.WINDOW
    name: str = Field(max_length=200)
    place_id: int
    address: str = Field("", max_length=400)
    phone: str = Field("", max_length=80)
    public: bool = True
    active: bool = True
    open_on_rest_days: bool = False
    items: list[str] = Field(default_factory=list, max_length=200, description="Service item codes")


class WindowPatch(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    kind: WindowKind | None = None
    name: str | None = Field(None, max_length=200)
    place_id: int | None = None
    address: str | None = Field(None, max_length=400)
    phone: str | None = Field(None, max_length=80)
    public: bool | None = None
    active: bool | None = None
    open_on_rest_days: bool | None = None
    items: list[str] | None = Field(None, max_length=200)


class HoursIn(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    hours: list[HoursOut] = Field(max_length=50)


def _items(codes: list[str]) -> list[ServiceItem]:
    found = {i.code: i for i in ServiceItem.objects.filter(code__in=codes).select_related("current")}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ValidationError({"items": [_("Unknown service item: %(codes)s.") % {"codes": ", ".join(unknown)}]})
    return [found[c] for c in codes]


class _WithStates:
    """A queryset as the paginator reads it (count, slice), each page's windows with open now."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, page: slice) -> list:
        return selectors.annotate_states(list(self.queryset[page]))


def _out(window):
    window = selectors.window_get_any(window.pk)
    selectors.annotate_states([window])
    return window


@router.get("", response=list[WindowOut], summary="Windows and centres you may see")
@access_rule(Cap.WINDOW_VIEW)
@paginate(Page)
def window_list_op(request, filters: Query[WindowFilters]):
    return _WithStates(selectors.windows_list(request.auth, query=filters.q, kind=filters.kind or "")
                       .prefetch_related("items"))


@router.get("/export", summary="The windows you may see, as an xlsx file", description=EXPORT_HELP,
            openapi_extra=XLSX_RESPONSE)
@access_rule(Cap.WINDOW_VIEW)
def window_export_op(request, filters: Query[WindowFilters]):
    exports.count_export(request.auth, "windows")
    data = exports.windows_xlsx(selectors.windows_list(request.auth, query=filters.q, kind=filters.kind or ""))
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="windows.xlsx"'
    return response


@router.post("", response={201: WindowOut}, summary="Record a window or service centre")
@access_rule(Cap.WINDOW_EDIT)
def window_create_op(request, payload: WindowIn):
    data = payload.dict()
    data["place"] = place_in_scope(request.auth, Cap.WINDOW_EDIT, data.pop("place_id"))
    data["items"] = _items(data["items"])
    return Status(201, _out(services.window_create(by=request.auth, **data)))


@router.get("/figures", summary="Windows and centres per place; orders opened at each window by item (counts)")
@access_rule(Cap.WINDOW_VIEW)
def figures_op(request, start: date | None = None, end: date | None = None):
    return {
        "by_place": [{"place": {"id": r.place.pk, "code": r.place.code, "name": r.place.name},
                      "windows": r.windows, "centres": r.centres} for r in selectors.figures_by_place(request.auth)],
        "items_served": selectors.figures_items_served(request.auth, start=start, end=end),
    }


@router.get("/{int:window_id}", response=WindowOut, summary="One window")
@access_rule(Cap.WINDOW_VIEW)
def window_get_op(request, window_id: int):
    window = selectors.window_get(request.auth, window_id)
    return _out(window)


@router.patch("/{int:window_id}", response=WindowOut, summary="Change a window; send the version you read")
@access_rule(Cap.WINDOW_EDIT)
def window_update_op(request, window_id: int, payload: WindowPatch):
    window = selectors.window_get(request.auth, window_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    version = fields.pop("version")
    if "place_id" in fields:
        fields["place"] = place_in_scope(request.auth, Cap.WINDOW_EDIT, fields.pop("place_id"))
    if "items" in fields:
        fields["items"] = _items(fields["items"])
    return _out(services.window_update(window=window, by=request.auth, version=version, **fields))


@router.put("/{int:window_id}/hours", response=WindowOut, summary="Replace the weekly opening hours")
@access_rule(Cap.WINDOW_EDIT)
def hours_set_op(request, window_id: int, payload: HoursIn):
    window = selectors.window_get(request.auth, window_id)
    return _out(services.hours_set(window=window, by=request.auth, version=payload.version,
                                   spans=[(h.weekday, h.opens, h.closes) for h in payload.hours]))


# --- intake ---------------------------------------------------------------------------------------

class IntakeItemIn(StrictSchema):
    item: str = Field(max_length=20, description="Service item code")
    brought: list[int] = Field(default_factory=list, max_length=50,
                               description="Ids of the item's current materials the visitor brought")


class IntakeIn(StrictSchema):
    items: list[IntakeItemIn] = Field(min_length=1, max_length=10)
    resident_id: int | None = None
    visitor_name: str = Field("", max_length=120)
    visitor_phone: str = Field("", max_length=40)
    contact_consent: bool = False
    note: str = Field("", max_length=2000)


class MaterialOut(Schema):
    id: int
    name: str
    copies: int


class VisitLineOut(Schema):
    item: str
    item_name: str
    order_id: int
    order_number: str
    tracking_code: str
    promised_on: date
    to_bring: list[MaterialOut]


class VisitOut(Schema):
    id: int
    window_id: int
    taken_at: datetime
    visitor_name_masked: str
    visitor_phone_masked: str
    lines: list[VisitLineOut]
    receipt_url: str


def _visit_out(visit) -> dict:
    return {
        "id": visit.pk, "window_id": visit.window_id, "taken_at": visit.taken_at,
        "visitor_name_masked": receipt.mask_name(receipt.visitor_name(visit)),
        "visitor_phone_masked": mask_phone(visit.visitor_phone) if visit.visitor_phone else "",
        "lines": [{"item": line.item.code, "item_name": line.item_version.name, "order_id": line.order_id,
                   "order_number": line.order.number, "tracking_code": line.order.tracking_code,
                   "promised_on": line.promised_on, "to_bring": selectors.materials_to_bring(line)}
                  for line in visit.lines.all()],
        "receipt_url": f"/api/v1/windows/visits/{visit.pk}/receipt",
    }


@router.post("/{int:window_id}/intake", response={201: VisitOut, 200: VisitOut},
             summary="Take a visitor: one work order per item; send an Idempotency-Key so a retry opens nothing twice")
@access_rule(Cap.WINDOW_INTAKE)
def intake_op(request, window_id: int, payload: IntakeIn,
              idempotency_key: str = Header("", alias="Idempotency-Key")):
    window = selectors.intake_window_get(request.auth, window_id)
    items = _items([i.item for i in payload.items])
    resident = resident_get(request.auth, payload.resident_id) if payload.resident_id else None
    visit, created = services.visit_take(
        by=request.auth, window=window, items=items, brought={it.pk: i.brought for it, i in zip(items, payload.items,
                                                                                             strict=True)},
        resident=resident, visitor_name=payload.visitor_name, visitor_phone=payload.visitor_phone,
        contact_consent=payload.contact_consent, note=payload.note, idempotency_key=idempotency_key)
    visit = selectors.visit_get(request.auth, visit.pk, audit_action="windows.visit.api")
    return Status(201 if created else 200, _visit_out(visit))


@router.get("/visits/{int:visit_id}", response=VisitOut, summary="One visit, its orders and what to bring")
@access_rule(Cap.WINDOW_VIEW)
def visit_get_op(request, visit_id: int):
    return _visit_out(selectors.visit_get(request.auth, visit_id, audit_action="windows.visit.api"))


@router.get("/visits/{int:visit_id}/receipt", summary="The intake receipt as PDF",
            openapi_extra={"responses": {200: {"description": "PDF", "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}})
@access_rule(Cap.WINDOW_VIEW)
def receipt_op(request, visit_id: int):
    visit = selectors.visit_get(request.auth, visit_id, audit_action="windows.visit.receipt")
    response = HttpResponse(receipt.receipt_pdf(visit), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{visit.pk}.pdf"'
    return response
