"""/api/v1/orders: the same selectors, state machine and services as the pages.

Every change takes the ``version`` the caller read; a stale one answers 409. Creating takes
an ``Idempotency-Key`` header: the same key from the same caller returns the first order
(200) instead of opening a second (201).
"""

from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Header, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import BaseModel, ConfigDict, field_validator

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule, public
from shiliu.api.pagination import Page
from shiliu.api.schemas import StrictSchema, place_in_scope
from shiliu.audit.services import audit_read
from shiliu.core import ratelimit
from shiliu.core.net import client_address
from shiliu.people.masking import mask_phone
from shiliu.places.models import Place
from shiliu.workorders import config, machine
from shiliu.workorders.attachments import attachment_add
from shiliu.workorders.choices import Status as OrderStatus
from shiliu.workorders.models import DESCRIPTION_MAX, Attachment, Category, RoutingRule, WorkOrder, order_number
from shiliu.workorders.selectors import (
    attachments_visible,
    callback_queue,
    contact_visible,
    dispatch_queue,
    due_state,
    due_state_of,
    hide_intake_file_names,
    inbox,
    order_by_tracking_code,
    order_get,
    orders_visible,
    overdue_orders,
    reopen_queue,
    timeline,
)
from shiliu.workorders.services import (
    order_acknowledge,
    order_callback,
    order_callback_by_resident,
    order_cancel,
    order_change_category,
    order_decide_reopen,
    order_dispatch,
    order_note,
    order_open,
    order_refer,
    order_resolve,
    order_return,
    order_supervise,
)

router = Router(tags=["work orders"])

# Schemas accept a little more than the services allow, so the service's own message (in the
# caller's language, next to the field) answers an over-long text instead of a bare 422.
_TEXT = DESCRIPTION_MAX * 2


class Ref(BaseModel):
    """Plain pydantic (also below): list rows are dicts already, and ninja's attribute resolver,
    run for every nested object, cost more than the query of a 50-row page."""

    model_config = ConfigDict(from_attributes=True)
    id: int
    name: str


class CategoryOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    kind: str
    ack_hours: int
    resolve_days: int


class OrderRow(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: int
    number: str
    channel: str
    status: str
    category: Ref
    place: Ref
    unit: Ref | None
    urgency: str
    language: str
    due_at: datetime | None
    due_state: str
    created_at: datetime
    version: int


class OrderOut(OrderRow):
    description: str = Field(description="Empty for a department that received the order without the "
                                         "resident's consent to pass their data")
    item_version: int | None = Field(description="The service item's version the order follows")
    contact_name: str
    contact_phone_masked: str
    requester_id: int | None
    assignee: str | None
    tracking_code: str
    ack_due: datetime | None
    resolve_due: datetime | None
    acknowledged_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    reply: str
    returns: int
    reopens: int
    supervised: bool
    urges: int
    actions: list[str]


class EventOut(Schema):
    id: int
    at: datetime
    kind: str
    actor: str | None
    from_status: str
    to_status: str
    unit: Ref | None
    note: str
    internal: bool
    data: dict


class OrderIn(StrictSchema):
    channel: str = Field(max_length=10, description="hotline | window | online | visit")
    item_version: int | None = Field(None, description="Id of a service item's version (usually the item's current "
                                                       "one): the order follows its deadline and steps")
    category: int | None = Field(None, validate_default=True,
                                 description="Id of the service category (may be left out with an item_version)")
    description: str = Field(max_length=_TEXT)
    place: int = Field(description="Id of the place the request is about")
    urgency: str = Field("normal", max_length=12, description="normal | urgent | very_urgent")
    language: str = Field("zh", max_length=5, description="Language the resident needs (zh, ug, bo, ...)")
    requester: int | None = Field(None, description="Id of a recorded resident, with their consent")
    contact_name: str = Field("", max_length=200)
    contact_phone: str = Field("", max_length=40)
    contact_consent: bool = Field(False, description="The resident agrees to be contacted about this order")

    @field_validator("category")
    @classmethod
    def _category_or_item(cls, value, info):
        if value is None and info.data.get("item_version") is None:
            raise ValueError(_("Choose the service category."))
        return value


class VersionIn(StrictSchema):
    version: int = Field(description="The version you read; a stale one answers 409")


class DispatchIn(VersionIn):
    unit: int = Field(description="Id of the unit (place) that will handle the order")
    note: str = Field("", max_length=_TEXT)


class CategoryChangeIn(VersionIn):
    category: int


class ReasonIn(VersionIn):
    reason: str = Field(max_length=_TEXT)


class ReferIn(VersionIn):
    department: int = Field(description="Id of a place of kind department")
    note: str = Field(max_length=_TEXT)
    share_contact: bool = False
    consent_confirmed: bool = Field(False, description="The resident agreed that their contact goes along")


class ResolveIn(VersionIn):
    reply: str = Field(max_length=_TEXT)


class NoteIn(StrictSchema):
    note: str = Field(max_length=_TEXT)


class RatingIn(StrictSchema):
    solved: str = Field(max_length=10, description="yes | partly | no")
    satisfaction: str = Field(max_length=20, description="very_satisfied | satisfied | basically | dissatisfied | "
                                                         "very_dissatisfied")
    comment: str = Field("", max_length=_TEXT)


class CallbackIn(RatingIn):
    version: int


class ReopenIn(VersionIn):
    approve: bool
    note: str = Field("", max_length=_TEXT)


class SuperviseIn(StrictSchema):
    note: str = Field("", max_length=_TEXT)
    urge: bool = Field(False, description="true: urge (催办); false: supervise (督办)")


class TrackIn(StrictSchema):
    code: str = Field(max_length=20)


class TrackRatingIn(RatingIn):
    code: str = Field(max_length=20)


class PublicEvent(Schema):
    at: datetime
    kind: str
    unit: str | None


class TrackOut(Schema):
    number: str
    status: str
    category: str
    created_at: datetime
    resolve_due: datetime | None
    reply: str
    awaiting_rating: bool
    events: list[PublicEvent]


class Filters(Schema):
    view: str = Field("all", description="inbox | dispatch | callbacks | reopen | overdue | all")
    status: str | None = None
    category: int | None = None
    channel: str | None = None
    place: int | None = Field(None, description="Orders about this place and below")


def _ref(obj) -> dict | None:
    return {"id": obj.pk, "name": obj.name} if obj is not None else None


def _row(order: WorkOrder) -> dict:
    return {"id": order.pk, "number": order.number, "channel": order.channel, "status": order.status,
            "category": _ref(order.category), "place": _ref(order.place), "unit": _ref(order.unit),
            "urgency": order.urgency, "language": order.language, "due_at": order.due_at,
            "due_state": due_state(order), "created_at": order.created_at, "version": order.version}


def _detail(order: WorkOrder, user, *, audit: bool = True) -> dict:
    # A department that received the order by referral without the resident's consent to share
    # their contact gets neither name nor number (the same rule as the page).
    show = contact_visible(order, user)
    if show and audit and (order.contact_phone or order.contact_name or order.requester_id):
        audit_read(by=user, action="workorder.view", target=order, subject_id=order.requester_id, category="contact")
    # Nor the resident's own words (they may name people): only the summary goes without consent.
    return {**_row(order), "description": order.description if show else "",
            "item_version": order.item_version_id, "contact_name": order.contact_name if show else "",
            "contact_phone_masked": mask_phone(order.contact_phone) if show else "",
            "requester_id": order.requester_id if show else None,
            "assignee": order.assignee.get_username() if order.assignee else None,
            "tracking_code": order.tracking_code, "ack_due": order.ack_due, "resolve_due": order.resolve_due,
            "acknowledged_at": order.acknowledged_at, "resolved_at": order.resolved_at,
            "closed_at": order.closed_at, "reply": order.reply, "returns": order.returns,
            "reopens": order.reopens, "supervised": order.supervised, "urges": order.urges,
            "actions": machine.actions_for(order, user)}


def _any_place(pk: int | None) -> Place | None:
    return Place.objects.filter(pk=pk).first() if pk is not None else None


def _item_version(pk: int | None):
    from django.core.exceptions import ValidationError

    from shiliu.guide.models import ItemVersion

    if pk is None:
        return None
    version = ItemVersion.objects.select_related("item__category").filter(pk=pk).first()
    if version is None:
        raise ValidationError({"item_version": [_("Choose a service item from the guide.")]})
    return version


def _category(pk: int | None) -> Category | None:
    return Category.objects.filter(pk=pk, active=True).first() if pk is not None else None


def _after(request, order_id: int) -> dict:
    return _detail(order_get(request.auth, order_id), request.auth)


# What a list row shows, read as plain values: no model instances for the order, its place, unit and
# category (four per row), no timestamps of those three parsed and thrown away.
ROW_VALUES = ("id", "channel", "status", "urgency", "language", "due_at", "created_at", "version",
              "category_id", "category__name", "place_id", "place__name", "unit_id", "unit__name")


def _row_of_values(v: dict, now) -> dict:
    return {"id": v["id"], "number": order_number(v["id"], v["created_at"]), "channel": v["channel"],
            "status": v["status"], "category": {"id": v["category_id"], "name": v["category__name"]},
            "place": {"id": v["place_id"], "name": v["place__name"]},
            "unit": {"id": v["unit_id"], "name": v["unit__name"]} if v["unit_id"] else None,
            "urgency": v["urgency"], "language": v["language"], "due_at": v["due_at"],
            "due_state": due_state_of(v["status"], v["due_at"], now), "created_at": v["created_at"],
            "version": v["version"]}


class RowPage(Page):
    """The page's ids first, over the list's own index range; then its rows by primary key, as values."""

    def paginate_queryset(self, queryset, pagination, **params):
        result = super().paginate_queryset(queryset.values_list("pk", flat=True), pagination, **params)
        ids = result["items"]
        found = {v["id"]: v for v in WorkOrder.objects.filter(pk__in=ids).values(*ROW_VALUES)}
        now = timezone.now()
        result["items"] = [_row_of_values(found[pk], now) for pk in ids if pk in found]
        return result


# --- reading --------------------------------------------------------------------------------

@router.get("/categories", response=list[CategoryOut], summary="Active service categories")
@access_rule(Cap.ORDER_VIEW)
def category_list(request):
    return Category.objects.filter(active=True)


@router.get("", response=list[OrderRow], summary="Orders in your scope: your unit's inbox, the dispatch "
                                                  "queue, callbacks due, reopen approvals, overdue, or all")
@access_rule(Cap.ORDER_VIEW)
@paginate(RowPage)
def order_list(request, filters: Query[Filters]):
    user = request.auth
    views = {"inbox": inbox, "dispatch": dispatch_queue, "callbacks": callback_queue, "reopen": reopen_queue,
             "overdue": overdue_orders}
    qs: QuerySet[WorkOrder]
    if filters.view in views:
        qs = views[filters.view](user)
    else:
        qs = (orders_visible(user).select_related("place", "unit", "category")
              .defer("description", "reply", "contact_phone").order_by("-created_at", "-id"))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.category:
        qs = qs.filter(category_id=filters.category)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.place:
        place = Place.objects.filter(pk=filters.place).first()
        qs = qs.filter(place_path__gte=place.path, place_path__lt=place.path_upper) if place else qs.none()
    return qs


@router.get("/{int:order_id}", response=OrderOut, summary="One order (reading its contact is audited)")
@access_rule(Cap.ORDER_VIEW)
def order_detail(request, order_id: int):
    return _after(request, order_id)


@router.get("/{int:order_id}/events", response=list[EventOut], summary="The order's timeline, oldest first")
@access_rule(Cap.ORDER_VIEW)
def order_events(request, order_id: int):
    order = order_get(request.auth, order_id)
    return [{"id": e.pk, "at": e.at, "kind": e.kind, "actor": e.actor.get_username() if e.actor else None,
             "from_status": e.from_status, "to_status": e.to_status, "unit": _ref(e.unit), "note": e.note,
             "internal": e.internal, "data": e.data}
            for e in hide_intake_file_names(order, request.auth, list(timeline(order)))]


# --- opening ----------------------------------------------------------------------------------

@router.post("", response={200: OrderOut, 201: OrderOut},
             summary="Open an order; send an Idempotency-Key header so a retry never opens two")
@access_rule(Cap.ORDER_CREATE)
def order_create(request, payload: OrderIn, idempotency_key: str = Header("", alias="Idempotency-Key")):
    user = request.auth
    data = payload.dict()
    requester = None
    if data["requester"] is not None:
        from shiliu.people.selectors import resident_get

        requester = resident_get(user, data["requester"], Cap.RESIDENT_VIEW)
    order, created = order_open(
        by=user, channel=data["channel"], category=_category(data["category"]), description=data["description"],
        place=place_in_scope(user, Cap.ORDER_CREATE, data["place"]), urgency=data["urgency"], language=data["language"],
        requester=requester, contact_name=data["contact_name"], contact_phone=data["contact_phone"],
        contact_consent=data["contact_consent"], idempotency_key=idempotency_key,
        item_version=_item_version(data["item_version"]))
    if not created:  # a replay: read the order as it is now (and audit the read)
        return Status(200, _after(request, order.pk))
    # The caller's own new order, as written: no second read, no read audit (the write is audited).
    return Status(201, _detail(order, user, audit=False))


# --- acting ------------------------------------------------------------------------------------

@router.post("/{int:order_id}/dispatch", response=OrderOut, summary="Dispatch (or re-dispatch) to a unit")
@access_rule(Cap.ORDER_DISPATCH)
def dispatch_op(request, order_id: int, payload: DispatchIn):
    order = order_get(request.auth, order_id)
    order_dispatch(by=request.auth, order=order, version=payload.version, unit=_any_place(payload.unit),
                   note=payload.note)
    return _after(request, order_id)


@router.post("/{int:order_id}/category", response=OrderOut, summary="Change the category; the order is re-routed")
@access_rule(Cap.ORDER_DISPATCH)
def category_op(request, order_id: int, payload: CategoryChangeIn):
    order = order_get(request.auth, order_id)
    order_change_category(by=request.auth, order=order, version=payload.version,
                          category=_category(payload.category))
    return _after(request, order_id)


@router.post("/{int:order_id}/cancel", response=OrderOut, summary="Cancel (a duplicate, a mistaken call)")
@access_rule(Cap.ORDER_DISPATCH)
def cancel_op(request, order_id: int, payload: ReasonIn):
    order = order_get(request.auth, order_id)
    order_cancel(by=request.auth, order=order, version=payload.version, reason=payload.reason)
    return _after(request, order_id)


@router.post("/{int:order_id}/acknowledge", response=OrderOut, summary="The unit acknowledges (签收)")
@access_rule(Cap.ORDER_HANDLE)
def acknowledge_op(request, order_id: int, payload: VersionIn):
    order = order_get(request.auth, order_id)
    order_acknowledge(by=request.auth, order=order, version=payload.version)
    return _after(request, order_id)


@router.post("/{int:order_id}/return", response=OrderOut, summary="Return to the dispatcher with a reason")
@access_rule(Cap.ORDER_HANDLE)
def return_op(request, order_id: int, payload: ReasonIn):
    order = order_get(request.auth, order_id)
    order_return(by=request.auth, order=order, version=payload.version, reason=payload.reason)
    return _after(request, order_id)


@router.post("/{int:order_id}/refer", response=OrderOut,
             summary="Refer to a department; the contact goes along only with the resident's consent")
@access_rule(Cap.ORDER_HANDLE)
def refer_op(request, order_id: int, payload: ReferIn):
    order = order_get(request.auth, order_id)
    order_refer(by=request.auth, order=order, version=payload.version, department=_any_place(payload.department),
                note=payload.note, share_contact=payload.share_contact, consent_confirmed=payload.consent_confirmed)
    return _after(request, order_id)


@router.post("/{int:order_id}/resolve", response=OrderOut, summary="Resolve with the reply to the resident")
@access_rule(Cap.ORDER_HANDLE)
def resolve_op(request, order_id: int, payload: ResolveIn):
    order = order_get(request.auth, order_id)
    order_resolve(by=request.auth, order=order, version=payload.version, reply=payload.reply)
    return _after(request, order_id)


@router.post("/{int:order_id}/notes", response={201: EventOut}, summary="Add an internal note")
@access_rule(Cap.ORDER_VIEW)
def note_op(request, order_id: int, payload: NoteIn):
    order = order_get(request.auth, order_id)
    e = order_note(by=request.auth, order=order, note=payload.note)
    return Status(201, {"id": e.pk, "at": e.at, "kind": e.kind, "actor": request.auth.get_username(),
                        "from_status": "", "to_status": "", "unit": None, "note": e.note, "internal": True,
                        "data": {}})


@router.post("/{int:order_id}/callback", response=OrderOut, summary="The hotline's callback: solved? satisfied?")
@access_rule(Cap.ORDER_CALLBACK)
def callback_op(request, order_id: int, payload: CallbackIn):
    order = order_get(request.auth, order_id)
    order_callback(by=request.auth, order=order, version=payload.version, solved=payload.solved,
                   satisfaction=payload.satisfaction, comment=payload.comment)
    return _after(request, order_id)


@router.post("/{int:order_id}/reopen", response=OrderOut, summary="Approve or refuse a reopen (重办)")
@access_rule(Cap.ORDER_SUPERVISE)
def reopen_op(request, order_id: int, payload: ReopenIn):
    order = order_get(request.auth, order_id)
    order_decide_reopen(by=request.auth, order=order, version=payload.version, approve=payload.approve,
                        note=payload.note)
    return _after(request, order_id)


@router.post("/{int:order_id}/supervise", response=OrderOut, summary="Supervise (督办) or urge (催办)")
@access_rule(Cap.ORDER_SUPERVISE)
def supervise_op(request, order_id: int, payload: SuperviseIn):
    order = order_get(request.auth, order_id)
    order_supervise(by=request.auth, order=order, note=payload.note, urge=payload.urge)
    return _after(request, order_id)


# --- the resident, without an account -----------------------------------------------------

def _public(order: WorkOrder) -> dict:
    return {"number": order.number, "status": order.status, "category": order.category.name,
            "created_at": order.created_at, "resolve_due": order.resolve_due,
            "reply": order.reply if order.status in (OrderStatus.RESOLVED, OrderStatus.CLOSED) else "",
            "awaiting_rating": order.status == OrderStatus.RESOLVED,
            "events": [{"at": e.at, "kind": e.kind, "unit": e.unit.name if e.unit else None}
                       for e in timeline(order, public=True)]}


@router.post("/track", response=TrackOut, auth=None, summary="Follow an order by its tracking code (no account)")
@public
def track_op(request, payload: TrackIn):
    ratelimit.hit(ratelimit.SEARCH, "track:" + (client_address(request) or "?"))
    order = order_by_tracking_code(payload.code)
    if order is None:
        from django.http import Http404

        raise Http404()
    return _public(order)


@router.post("/track/rating", response=TrackOut, auth=None,
             summary="The resident rates the answer (the SMS link): solved? satisfied?")
@public
def track_rating_op(request, payload: TrackRatingIn):
    ratelimit.hit(ratelimit.SEARCH, "track:" + (client_address(request) or "?"))
    order_callback_by_resident(tracking_code=payload.code, solved=payload.solved,
                               satisfaction=payload.satisfaction, comment=payload.comment)
    order = order_by_tracking_code(payload.code)
    assert order is not None
    return _public(order)


# --- files ------------------------------------------------------------------------------------

class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    url: str

    @staticmethod
    def resolve_url(obj: Attachment) -> str:
        from django.urls import reverse

        return reverse("workorders:attachment", args=[obj.order_id, obj.token])


@router.get("/{int:order_id}/attachments", response=list[AttachmentOut], summary="The order's files")
@access_rule(Cap.ORDER_VIEW)
def attachment_list(request, order_id: int):
    order = order_get(request.auth, order_id)
    return attachments_visible(order, request.auth)


@router.post("/{int:order_id}/attachments", response={201: AttachmentOut},
             summary="Attach a file (PDF, image, Word, Excel or text; checked by its content, size-limited)")
@access_rule(Cap.ORDER_VIEW)
def attachment_upload(request, order_id: int, file: File[UploadedFile]):
    order = order_get(request.auth, order_id)
    return Status(201, attachment_add(by=request.auth, order=order, upload=file))


# --- configuration: categories and routing rules ------------------------------------------------

class CategoryIn(StrictSchema):
    code: str = Field(max_length=40)
    name: str = Field(max_length=200)
    name_en: str = Field("", max_length=200)
    kind: str = Field("help", max_length=20, description="consultation | help | suggestion | complaint")
    ack_hours: int | None = Field(None, description="Working hours to acknowledge (empty: the kind's default)")
    resolve_days: int | None = Field(None, description="Working days to resolve (empty: the kind's default)")
    active: bool = True


class CategoryPatch(StrictSchema):
    version: int
    name: str = Field(max_length=200)
    name_en: str = Field("", max_length=200)
    kind: str = Field(max_length=20)
    ack_hours: int | None = None
    resolve_days: int | None = None
    active: bool = True


class CategoryFull(CategoryOut):
    active: bool
    version: int


class RuleOut(Schema):
    id: int
    place: Ref
    category: CategoryOut | None
    unit: Ref
    created_at: datetime


class RuleIn(StrictSchema):
    place: int
    category: int | None = Field(None, description="Empty: any category")
    unit: int


@router.post("/categories", response={201: CategoryFull}, summary="Add a category (district office)")
@access_rule(Cap.ORDER_CONFIGURE)
def category_create_op(request, payload: CategoryIn):
    return Status(201, config.category_create(by=request.auth, **payload.dict()))


@router.put("/categories/{int:category_id}", response=CategoryFull,
            summary="Change a category; send the version you read. New deadlines apply to new dispatches")
@access_rule(Cap.ORDER_CONFIGURE)
def category_update_op(request, category_id: int, payload: CategoryPatch):
    from django.shortcuts import get_object_or_404

    category = get_object_or_404(Category, pk=category_id)
    return config.category_update(by=request.auth, category=category, **payload.dict())


@router.get("/routing-rules", response=list[RuleOut], summary="Routing rules in your area")
@access_rule(Cap.ORDER_CONFIGURE)
def rule_list(request):
    return config.rules_visible(request.auth)


@router.post("/routing-rules", response={201: RuleOut},
             summary="Orders about a place (and below) in a category (or any) go to a unit")
@access_rule(Cap.ORDER_CONFIGURE)
def rule_create_op(request, payload: RuleIn):
    rule = config.routing_rule_create(
        by=request.auth, place=_any_place(payload.place), category=_category(payload.category),
        unit=_any_place(payload.unit))
    return Status(201, RoutingRule.objects.select_related("place", "category", "unit").get(pk=rule.pk))


@router.delete("/routing-rules/{int:rule_id}", response={204: None}, summary="Delete a routing rule")
@access_rule(Cap.ORDER_CONFIGURE)
def rule_delete_op(request, rule_id: int):
    config.routing_rule_delete(by=request.auth, rule=config.rule_get(request.auth, rule_id))
    return Status(204, None)



# --- a service item's steps and the resident's consent (ADR 0017) ---------------------------------

class StepOut(Schema):
    position: int
    name: str
    name_en: str
    owner: str
    unit: Ref
    time_limit_days: int
    state: str = Field(description="done | current | to_come")
    started_at: datetime | None
    due_at: datetime | None
    done_at: datetime | None
    on_time: bool | None
    outcome: str
    version: int


class StepCompleteIn(StrictSchema):
    version: int | None = Field(None, description="The order's version you read; a stale one answers 409")
    outcome: str = Field("", max_length=_TEXT, description="What was done; a department's liaison reports back here")


class ConsentIn(StrictSchema):
    text_version: str = Field(max_length=20, description="The version of the consent text the resident was shown")


class ConsentOut(Schema):
    order: int
    text_version: str
    text: str
    recorded_at: datetime
    recorded_by: str


def _steps(order: WorkOrder) -> list[dict]:
    return [{"position": s.position, "name": s.name, "name_en": s.name_en, "owner": s.owner, "unit": _ref(s.unit),
             "time_limit_days": s.time_limit_days, "state": s.state, "started_at": s.started_at, "due_at": s.due_at,
             "done_at": s.done_at, "on_time": s.on_time, "outcome": s.outcome, "version": s.version}
            for s in order.steps.select_related("unit").order_by("position")]


@router.get("/{int:order_id}/steps", response=list[StepOut], summary="The steps of the order's service item")
@access_rule(Cap.ORDER_VIEW)
def step_list(request, order_id: int):
    return _steps(order_get(request.auth, order_id))


@router.post("/{int:order_id}/steps/{int:position}/complete", response=list[StepOut],
             summary="The current step's unit reports it done; the next step starts")
@access_rule(Cap.ORDER_HANDLE)
def step_complete_op(request, order_id: int, position: int, payload: StepCompleteIn):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from shiliu.workorders.steps import step_complete

    order = order_get(request.auth, order_id)
    try:
        step_complete(by=request.auth, order=order, position=position, outcome=payload.outcome,
                      version=payload.version)
    except PermissionDenied:
        raise Http404() from None  # not your unit's step: as if it did not exist
    return _steps(order)


@router.post("/{int:order_id}/consent", response={201: ConsentOut},
             summary="Record the resident's consent that their data go to a department (once per order)")
@access_rule(Cap.ORDER_VIEW)
def consent_op(request, order_id: int, payload: ConsentIn):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from shiliu.workorders.steps import consent_record

    order = order_get(request.auth, order_id)
    try:
        consent = consent_record(by=request.auth, order=order, text_version=payload.text_version)
    except PermissionDenied:
        raise Http404() from None
    return Status(201, {"order": order.pk, "text_version": consent.text_version, "text": consent.text,
                        "recorded_at": consent.recorded_at, "recorded_by": request.auth.get_username()})
