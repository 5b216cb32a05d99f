"""/api/v1/audit: the audit trail for auditors and the district office (Cap.AUDIT_VIEW).

The filters are the page's form (shiliu.audit.forms), so both answer the same way.
Reads are recorded exactly as on the pages (see shiliu.audit.views).

The trail must not be downloadable in bulk without the friction of the page's export
(re-authentication, a cap; C7, D5): a list page holds at most 50 records, and each user may
make 60 requests a minute to these operations (429 with Retry-After beyond).
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.api.pagination import Page
from shiliu.audit.forms import AuditFilterForm, describe
from shiliu.audit.models import AuditKind
from shiliu.audit.selectors import audit_event_get, audit_events, role_labels
from shiliu.audit.services import audit_read, audit_security, audit_verify_chain
from shiliu.core import ratelimit

router = Router(tags=["audit"])

MAX_PAGE_SIZE = 50
LIMITED = (" At most 60 requests a minute per user to the audit operations; beyond that the answer is "
           "429 with a Retry-After header (seconds).")


class AuditPage(Page):
    """Page, with at most 50 records a page."""

    class Input(Schema):
        page: int = Field(1, ge=1)
        page_size: int = Field(MAX_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


def _throttle(request) -> None:
    ratelimit.hit(ratelimit.AUDIT_API, str(request.auth.pk))


class EventFilters(Schema):
    who: str | None = None
    kind: AuditKind | None = None
    action: str | None = None
    target_type: str | None = None
    target_id: str | None = None
    subject: int | None = None
    date_from: str | None = None
    date_to: str | None = None


class EventOut(Schema):
    id: int
    at: datetime
    actor: str
    actor_roles: list[str]
    kind: str
    action: str
    target_type: str
    target_id: str
    target_label: str
    subject_id: int | None
    category: str
    reason: str
    address: str | None
    detail: dict
    prev_hash: str
    hash: str


class VerifyOut(Schema):
    intact: bool
    checked: int
    broken: list[int]


def _out(event) -> dict:
    return {
        "id": event.pk, "at": event.at, "actor": event.actor_name, "actor_roles": role_labels(event),
        "kind": event.kind, "action": event.action, "target_type": event.target_type, "target_id": event.target_id,
        "target_label": event.target_label, "subject_id": event.subject_id, "category": event.category,
        "reason": event.reason, "address": event.address, "detail": event.detail, "prev_hash": event.prev_hash,
        "hash": event.hash,
    }


class _Rows:
    """The page's rows as output dicts; the read is recorded once they have been read,
    so a page never lists its own record."""

    def __init__(self, queryset, on_read):
        self.queryset, self.on_read = queryset, on_read

    def count(self):
        return self.queryset.count()

    def __getitem__(self, key):
        rows = [_out(e) for e in self.queryset[key]]
        self.on_read([row["id"] for row in rows])
        return rows


@router.get("/events", response=list[EventOut], summary="Audit records, newest first, filtered",
            description="At most 50 records a page (page_size ≤ 50); the read is recorded." + LIMITED)
@access_rule(Cap.AUDIT_VIEW)
@paginate(AuditPage)
def event_list(request, filters: Query[EventFilters]):
    _throttle(request)
    form = AuditFilterForm({k: v for k, v in filters.dict().items() if v is not None})
    if not form.is_valid():
        raise ValidationError({field: [str(m) for m in messages] for field, messages in form.errors.items()})
    chosen = form.filters()

    def record(ids: list[int]) -> None:
        audit_read(by=request.auth, action="audit.list", target=None, subject_id=chosen.get("subject"),
                   category="audit", detail={"filters": describe(chosen), "ids": ids[:200], "api": True})

    return _Rows(audit_events(request.auth, chosen), record)


@router.get("/events/{int:event_id}", response=EventOut, summary="One audit record with its hashes",
            description="The read is recorded." + LIMITED)
@access_rule(Cap.AUDIT_VIEW)
def event_detail(request, event_id: int):
    _throttle(request)
    event = audit_event_get(request.auth, event_id)
    audit_read(by=request.auth, action="audit.view", target=event, subject_id=event.subject_id, category="audit")
    return _out(event)


@router.post("/verify", response=VerifyOut, summary="Recompute the hash chain of the whole trail",
             description="A POST: the verification writes its own audit record (audit.verify)." + LIMITED)
@access_rule(Cap.AUDIT_VIEW)
def verify(request):
    _throttle(request)
    checked, broken = audit_verify_chain()
    audit_security(action="audit.verify", by=request.auth, detail={"checked": checked, "broken": broken[:50]})
    return {"intact": not broken, "checked": checked, "broken": broken[:1000]}
