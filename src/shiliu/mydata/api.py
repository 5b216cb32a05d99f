"""/api/v1/my-data: a resident's own data and requests; the district office's queue.

The resident's operations take the portal's identity: a resident token (``Authorization: Bearer
<token>`` from ``shiliu.portal.identity.resident_token``) or, for reading, the portal session of
the browser. The office's operations need ``data.requests`` at the district (404 otherwise).
"""

from datetime import datetime

from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule, public
from shiliu.api.pagination import Page
from shiliu.api.schemas import VERSION_HELP, StrictSchema
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.core.net import client_address
from shiliu.mydata import collectors, selectors, services
from shiliu.mydata.choices import RequestKind, RequestStatus
from shiliu.mydata.views import outcome_in_language
from shiliu.people.masking import mask_phone
from shiliu.portal.identity import token_phone, verified_phone

router = Router(tags=["mydata"])


class ResidentAuth:
    """The phone a resident proved: from a resident token, or (safe methods only) the portal session."""

    openapi_type = "http"
    openapi_scheme = "bearer"

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return token_phone(header[7:].strip()) or None
        if request.method in ("GET", "HEAD"):
            return verified_phone(request)
        return None


RESIDENT = ResidentAuth()


class SectionOut(Schema):
    app: str
    title: str
    note: str
    rows: list[dict]


class MineRequestOut(Schema):
    reference: str
    kind: RequestKind
    status: RequestStatus
    text: str
    answer: str
    created_at: datetime
    outcome: list[dict] = Field(description="What erasure erased and kept, per app, in your language")

    @staticmethod
    def resolve_outcome(obj) -> list:
        return outcome_in_language(obj)


class MineOut(Schema):
    sections: list[SectionOut]
    requests: list[MineRequestOut]


class MineRequestIn(StrictSchema):
    kind: str = Field(max_length=10, description="correct | delete")
    text: str = Field("", max_length=4000)
    section: str = Field("", max_length=40, description="The app label of the section to correct; empty: all")


class RequestRow(Schema):
    id: int
    reference: str
    kind: RequestKind
    status: RequestStatus
    phone_masked: str
    created_at: datetime
    version: int

    @staticmethod
    def resolve_phone_masked(obj) -> str:
        return mask_phone(obj.phone)


class RequestOut(RequestRow):
    section: str
    text: str
    answer: str
    handled_by_id: int | None
    answered_at: datetime | None
    outcome: list[dict]
    holdings: list[SectionOut]

    @staticmethod
    def resolve_outcome(obj) -> list:
        return outcome_in_language(obj)

    @staticmethod
    def resolve_holdings(obj) -> list:
        return [s.as_data() for s in collectors.holdings(obj.phone)]


class QueueFilters(Schema):
    status: RequestStatus | None = None


class VersionIn(StrictSchema):
    version: int = Field(description=VERSION_HELP)


class AnswerIn(VersionIn):
    status: str = Field(max_length=12, description="done (a correction made) | refused (with the reason)")
    answer: str = Field(max_length=4000)


# --- the resident ------------------------------------------------------------------------------

@router.get("/mine", response=MineOut, auth=RESIDENT, summary="What Shiliu holds about your verified phone")
@public
def mine_op(request):
    phone = request.auth
    sections = collectors.holdings(phone)
    audit_read(by=None, action="mydata.own.view", target=None, subject_id=None, category="own data",
               detail={"sections": [s.app for s in sections], "api": True})
    return {"sections": [s.as_data() for s in sections], "requests": list(selectors.mine(phone))}


@router.post("/mine/requests", response={201: MineRequestOut}, auth=RESIDENT,
             summary="Ask to correct or delete your data (Idempotency-Key: the same key gives the same request)")
@public
def mine_request_op(request, payload: MineRequestIn):
    services.hit_request_limits(phone=request.auth, address=client_address(request))
    made = services.request_create(phone=request.auth, kind=payload.kind, text=payload.text,
                                   section=payload.section, form_key=request.headers.get("Idempotency-Key", ""))
    return Status(201, made)


# --- the district office -------------------------------------------------------------------------

@router.get("/requests", response=list[RequestRow], summary="Residents' data requests (open ones by default)")
@access_rule(Cap.DATA_REQUESTS)
@paginate(Page)
def queue_op(request, filters: Query[QueueFilters]):
    return _AuditedPage(request.auth, selectors.queue(request.auth, status=filters.status or ""))


class _AuditedPage:
    """The queue for the paginator: the slice it takes is audited (E1, as the queue page)."""

    def __init__(self, user, queryset):
        self.user, self.queryset = user, queryset

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index):
        rows = list(self.queryset[index])
        audit_list_read(by=self.user, action="mydata.request.list", model_label="mydata.datarequest",
                        ids=[r.pk for r in rows], category="contact")
        return rows


def _get(request, request_id: int):
    found = selectors.request_get(request.auth, request_id)
    audit_read(by=request.auth, action="mydata.request.view", target=found, subject_id=None, category="contact")
    return found


@router.get("/requests/{int:request_id}", response=RequestOut,
            summary="One request, with what Shiliu holds about its phone (audited)")
@access_rule(Cap.DATA_REQUESTS)
def request_detail_op(request, request_id: int):
    found = _get(request, request_id)
    audit_list_read(by=request.auth, action="mydata.request.holdings", model_label="mydata.datarequest",
                    ids=[found.pk], category="contact")
    return found


@router.post("/requests/{int:request_id}/start", response=RequestOut, summary="Start working on a request")
@access_rule(Cap.DATA_REQUESTS)
def request_start_op(request, request_id: int, payload: VersionIn):
    return services.request_start(request=_get(request, request_id), by=request.auth, version=payload.version)


@router.post("/requests/{int:request_id}/erase", response=RequestOut,
             summary="Erase what the law lets us (all or nothing) and tell the resident what was kept and why")
@access_rule(Cap.DATA_REQUESTS)
def request_erase_op(request, request_id: int, payload: VersionIn):
    return services.request_erase(request=_get(request, request_id), by=request.auth, version=payload.version)


@router.post("/requests/{int:request_id}/answer", response=RequestOut,
             summary="Answer a request: done (what was corrected) or refused (why)")
@access_rule(Cap.DATA_REQUESTS)
def request_answer_op(request, request_id: int, payload: AnswerIn):
    return services.request_answer(request=_get(request, request_id), by=request.auth, version=payload.version,
                                   status=payload.status, answer=payload.answer)


