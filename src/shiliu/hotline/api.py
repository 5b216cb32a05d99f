"""/api/v1/hotline: the phone system's hook, call records, the caller lookup, and the
operator's steps — the same selectors and services as the desk.

Numbers travel in request bodies only, never in URLs (B5): the lookup is a POST.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import places_for
from shiliu.api.pagination import Page
from shiliu.api.schemas import PlaceRef, StrictSchema
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.core import ratelimit
from shiliu.hotline import selectors, services
from shiliu.hotline.choices import CallEventKind, CallState, Outcome
from shiliu.hotline.models import Call
from shiliu.people.masking import mask_phone
from shiliu.places.models import Place
from shiliu.workorders.models import Category

router = Router(tags=["hotline"])


class OrderRef(Schema):
    id: int
    number: str
    status: str
    tracking_code: str | None = None


class CallOut(Schema):
    id: int
    call_id: str = Field(description="The phone system's id of the call")
    source: str
    state: str
    outcome: str
    caller_masked: str = Field(description="The caller's number, masked; empty for a hidden number")
    hidden_number: bool
    place: PlaceRef
    operator: str | None
    started_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    recording_ref: str
    category: str | None
    summary: str
    order: OrderRef | None
    version: int


def _call_out(call: Call, *, tracking_code: bool = False) -> dict:
    order = call.order
    return {
        "id": call.pk, "call_id": call.external_id, "source": call.source, "state": call.state,
        "outcome": call.outcome, "caller_masked": mask_phone(call.caller_phone), "hidden_number": call.hidden_number,
        "place": {"id": call.place.pk, "code": call.place.code, "name": call.place.name},
        "operator": call.operator.get_username() if call.operator else None,
        "started_at": call.started_at, "answered_at": call.answered_at, "ended_at": call.ended_at,
        "recording_ref": call.recording_ref, "category": call.category.code if call.category else None,
        "summary": call.summary,
        "order": {"id": order.pk, "number": order.number, "status": order.status,
                  "tracking_code": order.tracking_code if tracking_code else None} if order else None,
        "version": call.version,
    }


class CallEventIn(StrictSchema):
    event: CallEventKind = Field(description="ringing | answered | ended")
    call_id: str = Field(min_length=1, max_length=100, description="The phone system's id of the call")
    caller: str = Field("", max_length=100, description="The caller's number as the exchange gives it; empty, "
                        "'anonymous' or anything unreadable records a hidden number (its text is not kept)")
    at: datetime | None = Field(None, description="When it happened (ISO 8601); now if left out")
    recording_ref: str = Field("", max_length=200, description="A reference to the recording (a file id)")
    operator: str = Field("", max_length=150, description="Who answered: a Shiliu username, or the extension")
    place: str | None = Field(None, max_length=20, description="Code of the hotline's place; needed only when "
                              "the phone system's account answers for several places")


class CallEventOut(Schema):
    changed: bool = Field(description="False when this event was already recorded (a retry)")
    call: CallOut


def _place_by_code(user, code: str | None) -> Place | None:
    if not code:
        return None
    place = places_for(user, Cap.CALL_EVENTS).filter(code=code).first()
    if place is None:
        raise ValidationError({"place": [_("No hotline of yours has this code.")]})
    return place


@router.post("/calls", response=CallEventOut,
             summary="The phone system reports a call event (ringing, answered, ended); retries change nothing")
@access_rule(Cap.CALL_EVENTS)
def call_event_op(request, payload: CallEventIn):
    user = request.auth
    call, changed = services.call_event(by=user, event=payload.event.value, call_id=payload.call_id,
                                        caller=payload.caller, at=payload.at, recording_ref=payload.recording_ref,
                                        operator=payload.operator, place=_place_by_code(user, payload.place))
    call = Call.objects.select_related("place", "operator", "category", "order").get(pk=call.pk)
    return {"changed": changed, "call": _call_out(call)}


class AuditedCallPage(Page):
    """Page, plus one audit record naming the calls on this page (E1)."""

    def paginate_queryset(self, queryset, pagination, **params):
        result = super().paginate_queryset(queryset, pagination, **params)
        audit_list_read(by=params["request"].auth, action="hotline.call.list", model_label="hotline.call",
                        ids=[c["id"] for c in result["items"]])
        return result


@router.get("/calls", response=list[CallOut], summary="Calls at your hotlines, newest first")
@access_rule(Cap.HOTLINE_TAKE)
@paginate(AuditedCallPage)
def call_list_op(request, start: date | None = None, end: date | None = None, outcome: Outcome | None = None,
                 state: CallState | None = None):
    calls = selectors.call_list(request.auth, start=start, end=end, outcome=outcome.value if outcome else "",
                                state=state.value if state else "")
    return _LazyCalls(calls)


class _LazyCalls:
    """The queryset, shaped into CallOut dicts one page at a time."""

    def __init__(self, qs):
        self.qs = qs

    def count(self) -> int:
        return self.qs.count()

    def __getitem__(self, item):
        return [_call_out(c) for c in self.qs[item]]


@router.get("/calls/{int:call_pk}", response=CallOut, summary="One call (audited)")
@access_rule(Cap.HOTLINE_TAKE)
def call_detail_op(request, call_pk: int):
    call = selectors.call_get(request.auth, call_pk)
    audit_read(by=request.auth, action="hotline.call.view", target=call, subject_id=None, category="contact")
    return _call_out(call, tracking_code=True)


class LookupIn(StrictSchema):
    phone: str = Field(min_length=1, max_length=40, description="The caller's number, any usual spelling")


class HistoryCall(Schema):
    id: int
    started_at: datetime
    state: str
    outcome: str
    category: str | None
    order: int | None


class HistoryOrder(Schema):
    id: int
    number: str
    status: str
    category: str
    place: PlaceRef
    created_at: datetime


class HistoryResident(Schema):
    id: int
    name: str
    phone_masked: str
    place: PlaceRef


class LookupOut(Schema):
    calls: list[HistoryCall]
    orders: list[HistoryOrder]
    residents: list[HistoryResident]


def _place_ref(place: Place) -> dict:
    return {"id": place.pk, "code": place.code, "name": place.name}


@router.post("/lookup", response=LookupOut,
             summary="A number's earlier calls, work orders and resident records within your scope (audited)")
@access_rule(Cap.HOTLINE_TAKE)
def lookup_op(request, payload: LookupIn):
    ratelimit.hit(ratelimit.SEARCH, str(request.auth.pk))
    history = selectors.caller_history(request.auth, payload.phone)
    return {
        "calls": [{"id": c.pk, "started_at": c.started_at, "state": c.state, "outcome": c.outcome,
                   "category": c.category.code if c.category else None, "order": c.order_id} for c in history.calls],
        "orders": [{"id": o.pk, "number": o.number, "status": o.status, "category": o.category.code,
                    "place": _place_ref(o.place), "created_at": o.created_at} for o in history.orders],
        "residents": [{"id": r.pk, "name": r.name, "phone_masked": mask_phone(r.phone), "place": _place_ref(r.place)}
                      for r in history.residents],
    }


@router.post("/calls/{int:call_pk}/take", response=CallOut, summary="Take a ringing call (answered by you)")
@access_rule(Cap.HOTLINE_TAKE)
def take_op(request, call_pk: int):
    call = services.call_take(by=request.auth, call=selectors.call_get(request.auth, call_pk))
    return _call_out(selectors.call_get(request.auth, call.pk))


def _category(code: str | None) -> Category | None:
    return Category.objects.filter(code=code).first() if code else None


class AnswerIn(StrictSchema):
    version: int = Field(description="The version you read; a stale one answers 409")
    category: str = Field(max_length=20, description="Category code")
    summary: str = Field(max_length=5000)
    articles: list[int] = Field(default_factory=list, max_length=20, description="Knowledge-base article ids")


@router.post("/calls/{int:call_pk}/answer", response=CallOut, summary="Log the call as answered on the call")
@access_rule(Cap.HOTLINE_TAKE)
def answer_op(request, call_pk: int, payload: AnswerIn):
    user = request.auth
    call = services.call_answer_on_call(by=user, call=selectors.call_get(user, call_pk), version=payload.version,
                                        category=_category(payload.category), summary=payload.summary,
                                        articles=payload.articles)
    return _call_out(selectors.call_get(user, call.pk))


class OpenOrderIn(StrictSchema):
    version: int = Field(description="The version you read; a stale one answers 409")
    category: str = Field(max_length=20, description="Category code")
    description: str = Field(max_length=20000)
    place: int = Field(description="Id of the place the request is about")
    urgency: str = Field("normal", max_length=12)
    language: str = Field("zh", max_length=5)
    contact_name: str = Field("", max_length=200)
    contact_phone: str = Field("", max_length=40)
    contact_consent: bool = False


@router.post("/calls/{int:call_pk}/order", response={201: CallOut},
             summary="Open a work order from the call and link them (one transaction)")
@access_rule(Cap.HOTLINE_TAKE)
def open_order_op(request, call_pk: int, payload: OpenOrderIn):
    user = request.auth
    data = payload.dict()
    version = data.pop("version")
    data["category"] = _category(data["category"])
    data["place"] = places_for(user, Cap.ORDER_CREATE).filter(pk=data["place"]).first()
    call, _order = services.call_open_order(by=user, call=selectors.call_get(user, call_pk), version=version, **data)
    return Status(201, _call_out(selectors.call_get(user, call.pk), tracking_code=True))
