"""/api/v1/creation: demonstration sites with their six ones and evidence, brands, honours.

The same selectors and services as the pages. Reads: records of the caller's subtree and
public ones elsewhere (404 otherwise). Writes need ``creation.edit`` at the record's place:
403 for a record the caller sees read-only.
"""

from datetime import date, datetime

from django.http import FileResponse, Http404, HttpResponse
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import can, places_for, scope_q
from shiliu.api.pagination import Page
from shiliu.api.schemas import EXPORT_HELP, VERSION_HELP, XLSX_RESPONSE, PlaceRef, StrictSchema, place_in_scope
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.creation import exports, recognition, selectors, services
from shiliu.creation.choices import BrandStatus, EvidenceKind, Level, Recipient, SiteStatus, SixOnes
from shiliu.creation.links import activity_for_evidence
from shiliu.creation.models import DemonstrationSite, Honour
from shiliu.organizations.models import Organization

router = Router(tags=["creation"])


def _place(user, place_id):
    return place_in_scope(user, Cap.CREATION_EDIT, place_id)


def _organization(user, organization_id):
    """An organization at a place where the user may record creation work, or None."""
    if organization_id is None:
        return None
    return Organization.objects.filter(scope_q(user, Cap.CREATION_EDIT, "place__path")).select_related("place").filter(
        pk=organization_id).first()


def _filter_place(user, place_id):
    return places_for(user, Cap.CREATION_VIEW).filter(pk=place_id).first() if place_id else None


def _xlsx(data: bytes, kind: str) -> HttpResponse:
    response = HttpResponse(data, content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(kind)}"'
    return response


# --- demonstration sites ------------------------------------------------------------------------

class SiteOut(Schema):
    id: int
    name: str
    level: Level
    place: PlaceRef
    status: SiteStatus
    named_year: int | None
    description: str
    public: bool
    satisfied: int = Field(description="How many of the six items have evidence that is not withdrawn")
    version: int


class EvidenceOut(Schema):
    id: int
    kind: EvidenceKind
    file_name: str
    content_type: str
    size: int
    sha256: str
    note: str
    added_by: str
    added_at: datetime
    withdrawn_at: datetime | None
    withdraw_reason: str
    activity_id: int | None = None

    @staticmethod
    def resolve_added_by(obj) -> str:
        return str(obj.added_by)

    @staticmethod
    def resolve_activity_id(obj) -> int | None:
        return getattr(obj, "activity_id", None)


class ItemOut(Schema):
    kind: SixOnes
    label: str
    note: str
    satisfied: bool
    evidence: list[EvidenceOut] | None = Field(None, description="Only for callers within the site's scope; "
                                               "withdrawn evidence is listed too, with when and why")


class SiteDetailOut(SiteOut):
    items: list[ItemOut]
    can_edit: bool


class SiteFilters(Schema):
    q: str = Field("", max_length=100, description="Part of the name")
    level: Level | None = None
    status: SiteStatus | None = None
    standing: bool = Field(False, description="Only named sites and sites under review")
    place: int | None = Field(None, description="Only at this place and below")
    until_year: int | None = Field(None, ge=1900, le=2100, description="Named in or before this year")


class SiteIn(StrictSchema):
    name: str = Field(max_length=200)
    level: str = Field(max_length=12, description="district | city | provincial | national")
    place: int = Field(description="Id of the owner place")
    status: str = Field(SiteStatus.CANDIDATE, max_length=12, description="candidate | named | reviewing | revoked")
    named_year: int | None = None
    description: str = Field("", max_length=4000)
    public: bool = True


class SitePatch(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    name: str | None = Field(None, max_length=200)
    level: str | None = Field(None, max_length=12)
    place: int | None = None
    status: str | None = Field(None, max_length=12)
    named_year: int | None = None
    description: str | None = Field(None, max_length=4000)
    public: bool | None = None


class WithdrawIn(StrictSchema):
    reason: str = Field(max_length=400)


class NoteIn(StrictSchema):
    note: str = Field(max_length=400)


def _site_filters(user, filters: SiteFilters) -> dict:
    status = "standing" if filters.standing else (filters.status or "")
    return {"q": filters.q, "level": filters.level or "", "status": status,
            "place": _filter_place(user, filters.place), "until_year": filters.until_year}


def _site_detail(user, site: DemonstrationSite) -> dict:
    may_see_evidence = can(user, Cap.CREATION_VIEW, site.place)
    items = []
    for item in selectors.checklist(site, user):
        out = {"kind": item.kind, "label": str(item.get_kind_display()), "note": item.note,
               "satisfied": item.satisfied}
        if may_see_evidence:
            out["evidence"] = [*item.active, *item.withdrawn]
        items.append(out)
    return {**{f: getattr(site, f) for f in ("id", "name", "level", "place", "status", "named_year", "description",
                                             "public", "satisfied", "version")},
            "items": items, "can_edit": can(user, Cap.CREATION_EDIT, site.place)}


@router.get("/sites", response=list[SiteOut], summary="Demonstration sites you may see, with their six-ones progress")
@access_rule(Cap.CREATION_VIEW)
@paginate(Page)
def site_list_op(request, filters: Query[SiteFilters]):
    return selectors.site_list(request.auth, **_site_filters(request.auth, filters))


@router.get("/sites/export", summary="The demonstration sites you may see, as an xlsx file",
            description=EXPORT_HELP, openapi_extra=XLSX_RESPONSE)
@access_rule(Cap.CREATION_VIEW)
def site_export_op(request, filters: Query[SiteFilters]):
    exports.count_export(request.auth, "sites")
    return _xlsx(exports.sites_xlsx(selectors.site_list(request.auth, **_site_filters(request.auth, filters))),
                 "sites")


@router.post("/sites", response={201: SiteDetailOut}, summary="Record a demonstration site (its six items start empty)")
@access_rule(Cap.CREATION_EDIT)
def site_create_op(request, payload: SiteIn):
    data = payload.dict()
    data["place"] = _place(request.auth, data["place"])
    site = services.site_create(by=request.auth, **data)
    return Status(201, _site_detail(request.auth, selectors.site_get(request.auth, site.pk)))


@router.get("/sites/{int:site_id}", response=SiteDetailOut, summary="One site with its six items and evidence")
@access_rule(Cap.CREATION_VIEW)
def site_detail_op(request, site_id: int):
    return _site_detail(request.auth, selectors.site_get(request.auth, site_id))


@router.patch("/sites/{int:site_id}", response=SiteDetailOut, summary="Change a site; send the version you read")
@access_rule(Cap.CREATION_EDIT)
def site_update_op(request, site_id: int, payload: SitePatch):
    site = selectors.site_get_for_edit(request.auth, site_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k == "named_year"}
    version = fields.pop("version")
    if "place" in fields:
        fields["place"] = _place(request.auth, fields["place"])
    services.site_update(site=site, by=request.auth, version=version, **fields)
    return _site_detail(request.auth, selectors.site_get(request.auth, site_id))


@router.put("/sites/{int:site_id}/items/{kind}/note", response=ItemOut, summary="Say what one of the six items is")
@access_rule(Cap.CREATION_EDIT)
def item_note_op(request, site_id: int, kind: SixOnes, payload: NoteIn):
    item = selectors.item_get(request.auth, site_id, kind)
    services.item_note_set(item=item, by=request.auth, note=payload.note)
    site = selectors.site_get(request.auth, site_id)
    return next(i for i in _site_detail(request.auth, site)["items"] if i["kind"] == kind)


@router.post("/sites/{int:site_id}/items/{kind}/evidence", response={201: EvidenceOut},
             summary="Add evidence to one of the six items: an activity, a document or a photo",
             description="multipart/form-data. A document must be a PDF, .docx or .xlsx and a photo a JPEG, PNG or "
             "WebP, judged by content; photos are re-encoded without EXIF. Sizes are capped.")
@access_rule(Cap.CREATION_EDIT)
def evidence_add_op(request, site_id: int, kind: SixOnes, evidence_kind: Form[EvidenceKind],
                    note: Form[str] = "", activity_id: Form[int | None] = None,
                    file: UploadedFile | None = File(None)):  # noqa: B008 - django-ninja's way to declare a file
    item = selectors.item_get(request.auth, site_id, kind)
    activity = activity_for_evidence(request.auth, activity_id) if activity_id else None
    evidence = services.evidence_add(item=item, by=request.auth, kind=evidence_kind, note=note[:4000], file=file,
                                     activity=activity)
    return Status(201, evidence)


@router.post("/evidence/{int:evidence_id}/withdraw", response=EvidenceOut,
             summary="Withdraw evidence; it is kept with who, when and why, and no longer counts")
@access_rule(Cap.CREATION_EDIT)
def evidence_withdraw_op(request, evidence_id: int, payload: WithdrawIn):
    evidence = selectors.evidence_get(request.auth, evidence_id)
    return services.evidence_withdraw(evidence=evidence, by=request.auth, reason=payload.reason)


@router.get("/evidence/{int:evidence_id}/file", summary="The evidence's document or photo, as an attachment",
            openapi_extra={"responses": {200: {"description": "the file"}}})
@access_rule(Cap.CREATION_VIEW)
def evidence_file_op(request, evidence_id: int):
    evidence = selectors.evidence_get(request.auth, evidence_id)
    if not evidence.file:
        raise Http404()
    audit_read(by=request.auth, action="creation.evidence.file", target=evidence.item.site, subject_id=None,
               category="evidence", detail={"evidence": evidence.pk})
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.file_name,
                        content_type=evidence.content_type)


# --- brands -------------------------------------------------------------------------------------

class BrandOut(Schema):
    id: int
    name: str
    place: PlaceRef
    description: str
    since: date | None
    status: BrandStatus
    public: bool
    version: int


class BrandFilters(Schema):
    q: str = Field("", max_length=100)
    status: BrandStatus | None = None
    place: int | None = Field(None, description="Only at this place and below")
    until: date | None = Field(None, description="Started on or before this date")


class BrandIn(StrictSchema):
    name: str = Field(max_length=200)
    place: int
    description: str = Field("", max_length=4000)
    since: date | None = None
    status: str = Field(BrandStatus.ACTIVE, max_length=10, description="active | paused | ended")
    public: bool = True


class BrandPatch(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    name: str | None = Field(None, max_length=200)
    place: int | None = None
    description: str | None = Field(None, max_length=4000)
    since: date | None = None
    status: str | None = Field(None, max_length=10)
    public: bool | None = None


def _brand_filters(user, f: BrandFilters) -> dict:
    return {"q": f.q, "status": f.status or "", "place": _filter_place(user, f.place), "until": f.until}


@router.get("/brands", response=list[BrandOut], summary="Brands you may see")
@access_rule(Cap.CREATION_VIEW)
@paginate(Page)
def brand_list_op(request, filters: Query[BrandFilters]):
    return selectors.brand_list(request.auth, **_brand_filters(request.auth, filters))


@router.get("/brands/export", summary="The brands you may see, as an xlsx file", description=EXPORT_HELP,
            openapi_extra=XLSX_RESPONSE)
@access_rule(Cap.CREATION_VIEW)
def brand_export_op(request, filters: Query[BrandFilters]):
    exports.count_export(request.auth, "brands")
    return _xlsx(exports.brands_xlsx(selectors.brand_list(request.auth, **_brand_filters(request.auth, filters))),
                 "brands")


@router.post("/brands", response={201: BrandOut}, summary="Record a brand")
@access_rule(Cap.CREATION_EDIT)
def brand_create_op(request, payload: BrandIn):
    data = payload.dict()
    data["place"] = _place(request.auth, data["place"])
    return Status(201, recognition.brand_create(by=request.auth, **data))


@router.get("/brands/{int:brand_id}", response=BrandOut, summary="One brand")
@access_rule(Cap.CREATION_VIEW)
def brand_detail_op(request, brand_id: int):
    return selectors.brand_get(request.auth, brand_id)


@router.patch("/brands/{int:brand_id}", response=BrandOut, summary="Change a brand; send the version you read")
@access_rule(Cap.CREATION_EDIT)
def brand_update_op(request, brand_id: int, payload: BrandPatch):
    brand = selectors.brand_get_for_edit(request.auth, brand_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k == "since"}
    version = fields.pop("version")
    if "place" in fields:
        fields["place"] = _place(request.auth, fields["place"])
    return recognition.brand_update(brand=brand, by=request.auth, version=version, **fields)


# --- honours ------------------------------------------------------------------------------------

class HonourOut(Schema):
    id: int
    title: str
    level: Level
    year: int
    awarding_body: str
    recipient: Recipient
    place: PlaceRef
    organization_id: int | None
    person_name: str
    public: bool
    version: int


class HonourFilters(Schema):
    q: str = Field("", max_length=100, description="Part of the title or the awarding body")
    level: Level | None = None
    recipient: Recipient | None = None
    place: int | None = Field(None, description="Only at this place and below")
    year_from: int | None = Field(None, ge=1900, le=2100)
    year_to: int | None = Field(None, ge=1900, le=2100)


class HonourIn(StrictSchema):
    title: str = Field(max_length=400)
    level: str = Field(max_length=12, description="district | city | provincial | national")
    year: int | None = None
    place: int | None = Field(None, description="The unit, or where the person belongs (an organization's "
                              "honour stands at the organization's place)")
    recipient: str = Field(Recipient.UNIT, max_length=12, description="unit | organization | person")
    organization: int | None = Field(None, description="Id of the organization, for recipient=organization")
    awarding_body: str = Field("", max_length=200)
    person_name: str = Field("", max_length=120, description="Only for recipient=person; name only")
    public: bool = True


class HonourPatch(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    title: str | None = Field(None, max_length=400)
    level: str | None = Field(None, max_length=12)
    year: int | None = None
    place: int | None = None
    recipient: str | None = Field(None, max_length=12)
    organization: int | None = None
    awarding_body: str | None = Field(None, max_length=200)
    person_name: str | None = Field(None, max_length=120)
    public: bool | None = None


class AuditedHonourPage(Page):
    """Page, plus one audit record naming the honours on it that name a person (E1)."""

    def paginate_queryset(self, queryset, pagination, **params):
        result = super().paginate_queryset(queryset, pagination, **params)
        audit_list_read(by=params["request"].auth, action="creation.honour.list", model_label="creation.honour",
                        ids=[h.pk for h in result["items"] if h.person_name], category="name")
        return result


def _honour_filters(user, f: HonourFilters) -> dict:
    return {"q": f.q, "level": f.level or "", "recipient": f.recipient or "", "place": _filter_place(user, f.place),
            "year_from": f.year_from, "year_to": f.year_to}


def _audited_honour(user, honour: Honour) -> Honour:
    if honour.person_name:
        audit_read(by=user, action="creation.honour.view", target=honour, subject_id=None, category="name")
    return honour


@router.get("/honours", response=list[HonourOut], summary="Honours you may see, newest first")
@access_rule(Cap.CREATION_VIEW)
@paginate(AuditedHonourPage)
def honour_list_op(request, filters: Query[HonourFilters]):
    return selectors.honour_list(request.auth, **_honour_filters(request.auth, filters))


@router.get("/honours/export", summary="The honours you may see, as an xlsx file (capped, audited)",
            description=EXPORT_HELP, openapi_extra=XLSX_RESPONSE)
@access_rule(Cap.CREATION_VIEW)
def honour_export_op(request, filters: Query[HonourFilters]):
    exports.count_export(request.auth, "honours")
    honours = selectors.honour_list(request.auth, **_honour_filters(request.auth, filters))
    return _xlsx(exports.honours_xlsx(honours, by=request.auth), "honours")


@router.post("/honours", response={201: HonourOut}, summary="Record an honour")
@access_rule(Cap.CREATION_EDIT)
def honour_create_op(request, payload: HonourIn):
    data = payload.dict()
    data["place"] = _place(request.auth, data["place"])
    data["organization"] = _organization(request.auth, data["organization"])
    return Status(201, recognition.honour_create(by=request.auth, **data))


@router.get("/honours/{int:honour_id}", response=HonourOut, summary="One honour")
@access_rule(Cap.CREATION_VIEW)
def honour_detail_op(request, honour_id: int):
    return _audited_honour(request.auth, selectors.honour_get(request.auth, honour_id))


@router.patch("/honours/{int:honour_id}", response=HonourOut, summary="Change an honour; send the version you read")
@access_rule(Cap.CREATION_EDIT)
def honour_update_op(request, honour_id: int, payload: HonourPatch):
    honour = selectors.honour_get_for_edit(request.auth, honour_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    version = fields.pop("version")
    if "place" in fields:
        fields["place"] = _place(request.auth, fields["place"])
    if "organization" in fields:
        fields["organization"] = _organization(request.auth, fields["organization"])
    return recognition.honour_update(honour=honour, by=request.auth, version=version, **fields)

