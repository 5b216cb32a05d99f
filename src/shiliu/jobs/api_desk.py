"""/api/v1/jobs/desk: the employers' desk for an app — the employer's contact person posts jobs
with the portal's resident token, no account.

1. ``POST /api/v1/portal/code`` and ``/code/verify`` with the employer's contact phone: a resident
   token, sent back as ``X-Resident-Token``.
2. ``GET /employers``: the employers whose contact phone is that number, with their status.
3. ``GET /employers/{id}/postings``; ``POST`` a posting (``Idempotency-Key`` or ``form_key``: a
   resend returns the first posting with 200); ``PATCH`` one with its ``version`` (409 when stale);
   ``POST .../close``.

The same services as the desk's pages (services.desk_*): a posting waits for staff approval.
Errors are problem+json: 401 without a valid token, 403 for an employer whose contact is another
number, 404 for a posting of another employer, 422 with the fields, 429 with Retry-After.
"""

from datetime import datetime

from ninja import Field, Router, Schema
from ninja.responses import Status

from shiliu.access.rules import public
from shiliu.api.schemas import VERSION_HELP, PlaceRef, StrictSchema
from shiliu.core.net import client_address
from shiliu.jobs import selectors_desk, services
from shiliu.jobs.api import PostingFields, PostingPatch, PublicPostingOut
from shiliu.jobs.choices import EmployerStatus, PostingSource, PostingStatus
from shiliu.jobs.models import JobPosting
from shiliu.jobs.selectors import public_places
from shiliu.jobs.views_desk import DESK_PER_ADDRESS, DESK_PER_PHONE
from shiliu.portal import identity, limits

router = Router(tags=["jobs desk"])


def _limit(request, phone: str) -> None:
    limits.hit_both(DESK_PER_ADDRESS, DESK_PER_PHONE, address=client_address(request),
                    index=identity.phone_index(phone))


def _changing(request, employer_id: int, posting_id: int) -> tuple[str, JobPosting]:
    """The phone and its employer's posting about to be changed (403 / 404 otherwise), counted
    against the desk's limits."""
    phone = identity.api_phone(request)
    employer = selectors_desk.desk_employer_get(phone, employer_id)
    posting = selectors_desk.desk_posting_get(employer, posting_id)
    _limit(request, phone)
    return phone, posting


class DeskEmployerOut(Schema):
    """What the contact sees of their own employer (no contact data is answered)."""

    id: int
    name: str
    place: PlaceRef
    status: EmployerStatus
    reject_reason: str
    can_post: bool

    @staticmethod
    def resolve_can_post(obj) -> bool:
        return obj.status == EmployerStatus.VERIFIED


class DeskPostingOut(PublicPostingOut):
    """The public posting, with what its own employer may know of it: status, the reason of a
    rejection, the version to change it with."""

    employer_id: int
    status: PostingStatus
    reject_reason: str
    source: PostingSource
    created_at: datetime
    version: int


class DeskPostingIn(PostingFields):
    place: int = Field(description="A subdistrict or community (the public places)")
    form_key: str = Field("", max_length=64, description="Or the Idempotency-Key header: a resend is one posting")


class VersionIn(StrictSchema):
    version: int = Field(description=VERSION_HELP)


def _place(place_id):
    """A public place, or None (the service then answers "choose a place" next to the field)."""
    return public_places().filter(pk=place_id).first() if place_id is not None else None


@router.get("/employers", auth=None, response=list[DeskEmployerOut],
            summary="The employers whose contact phone is the verified number")
@public
def desk_employer_list(request):
    return list(selectors_desk.desk_employers(identity.api_phone(request)))


@router.get("/employers/{employer_id}/postings", auth=None, response=list[DeskPostingOut],
            summary="An employer's postings, newest first, with their status")
@public
def desk_posting_list(request, employer_id: int):
    employer = selectors_desk.desk_employer_get(identity.api_phone(request), employer_id)
    return list(selectors_desk.desk_postings(employer)[:selectors_desk.DESK_POSTINGS_MAX])


@router.post("/employers/{employer_id}/postings", auth=None, response={200: DeskPostingOut, 201: DeskPostingOut},
             summary="Post a job: it waits for staff approval (Idempotency-Key: a resend is one posting)")
@public
def desk_posting_create(request, employer_id: int, payload: DeskPostingIn):
    phone = identity.api_phone(request)
    employer = selectors_desk.desk_employer_get(phone, employer_id)
    _limit(request, phone)
    data = payload.dict()
    form_key = data.pop("form_key")
    key = (request.headers.get("Idempotency-Key") or form_key or "").strip()
    data["place"] = _place(data["place"])
    posting, created = services.desk_posting_create(phone=phone, employer=employer, form_key=key, **data)
    return Status(201 if created else 200, posting)


@router.get("/employers/{employer_id}/postings/{posting_id}", auth=None, response=DeskPostingOut)
@public
def desk_posting_get(request, employer_id: int, posting_id: int):
    employer = selectors_desk.desk_employer_get(identity.api_phone(request), employer_id)
    return selectors_desk.desk_posting_get(employer, posting_id)


@router.patch("/employers/{employer_id}/postings/{posting_id}", auth=None, response=DeskPostingOut,
              summary="Change a posting that is not approved or closed; it awaits approval again")
@public
def desk_posting_update(request, employer_id: int, posting_id: int, payload: PostingPatch):
    phone, posting = _changing(request, employer_id, posting_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    version = fields.pop("version")
    if "place" in fields:
        fields["place"] = _place(fields["place"])
    return services.desk_posting_update(phone=phone, posting=posting, version=version, **fields)


@router.post("/employers/{employer_id}/postings/{posting_id}/close", auth=None, response=DeskPostingOut,
             summary="Close a posting: it leaves the public listing")
@public
def desk_posting_close(request, employer_id: int, posting_id: int, payload: VersionIn):
    phone, posting = _changing(request, employer_id, posting_id)
    return services.desk_posting_close(phone=phone, posting=posting, version=payload.version)
