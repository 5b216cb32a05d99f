"""The portal's API for residents (an app, a chat mini-program): the same one-time codes,
limits and write path as the pages.

1. ``POST /code`` with the number: an SMS code is sent (202).
2. ``POST /code/verify`` with the number and the code: a resident token (valid
   ``SHILIU_PORTAL_IDLE_MINUTES``), sent back as ``X-Resident-Token``. The number inside is
   encrypted; the token is not a staff token and opens nothing else. ``POST /sign-out`` revokes
   the token sent; ``POST /sign-out-everywhere`` revokes every token of its phone (other apps,
   other phones). A revoked or expired token is answered 401.
3. ``POST /requests`` opens a request (``Idempotency-Key`` or ``form_key``: a resend returns the
   first order with 200); ``GET /requests`` lists the verified phone's requests.

4. ``POST /requests/{tracking_code}/files`` (multipart, field ``attachments``, one or more
   files) attaches files to one of the verified phone's own requests (404 for any other), with
   the ask page's checks: a file is judged by its content, not its name (422), at most
   ``SHILIU_UPLOAD_MAX_BYTES`` each (413: a body declared larger than the files allowed is refused
   before it is read), at most 5 files a request (422). All or nothing.

5. ``GET/POST/PATCH /jobs/profile`` and ``GET /jobs/profile/matches``: the resident's own
   job-seeker profile and the open postings that fit it (``portal.api_jobs``).

Errors are problem+json: 401 without a valid resident token, 404 for what is not the phone's,
409 on a stale version, 422 with the fields, 429 with Retry-After.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from shiliu.access.rules import public
from shiliu.api.errors import problem
from shiliu.api.schemas import StrictSchema
from shiliu.audit.services import audit_list_read
from shiliu.core import ratelimit
from shiliu.core.net import client_address
from shiliu.portal import identity, limits, otp, selectors, services
from shiliu.workorders.attachments import check_upload

router = Router(tags=["portal"])


class CodeIn(StrictSchema):
    phone: str = Field(max_length=30)
    website: str = ""  # the honeypot: a client that fills it is refused


class CodeSentOut(Schema):
    sent: bool
    expires_in: int


class VerifyIn(StrictSchema):
    phone: str = Field(max_length=30)
    code: str = Field(max_length=12)


class TokenOut(Schema):
    token: str
    expires_in: int


class RequestIn(StrictSchema):
    service: str = Field("", max_length=20, description="c<category id> or i<service item id>; empty: 'other'")
    description: str = Field("", max_length=5000)
    place: int | None = None
    consent: bool = False
    consent_version: str = Field("", max_length=20)
    form_key: str = Field("", max_length=64)
    website: str = ""


class RequestOut(Schema):
    tracking_code: str
    number: str
    status: str
    category: str
    created_at: str


def _out(order) -> dict:
    return {"tracking_code": order.tracking_code, "number": order.number, "status": order.status,
            "category": order.category.label(get_language()), "created_at": order.created_at.isoformat()}


@router.post("/code", auth=None, response={202: CodeSentOut}, summary="Send a one-time code to a phone")
@public
def code_send(request, payload: CodeIn):
    if payload.website.strip():
        raise HttpError(400, _("Leave this field empty"))
    otp.code_send(phone=payload.phone, address=client_address(request), language=get_language() or "zh-hans")
    return Status(202, {"sent": True, "expires_in": int(otp.VALID.total_seconds())})


@router.post("/code/verify", auth=None, response={201: TokenOut}, summary="Verify the code: a resident token")
@public
def code_verify(request, payload: VerifyIn):
    phone = otp.code_verify(phone=payload.phone, code=payload.code, address=client_address(request))
    return Status(201, {"token": identity.resident_token(phone), "expires_in": identity.idle_seconds()})


class SignedOutOut(Schema):
    revoked: int


@router.post("/sign-out", auth=None, response=SignedOutOut, summary="Sign out: revoke the token sent")
@public
def sign_out(request):
    identity.api_phone(request)
    return {"revoked": int(identity.token_revoke(identity.request_token(request)))}


@router.post("/sign-out-everywhere", auth=None, response=SignedOutOut,
             summary="Sign out everywhere: revoke every token of the verified phone")
@public
def sign_out_everywhere(request):
    phone = identity.api_phone(request)
    return {"revoked": identity.tokens_revoke_all(phone)}


@router.post("/requests", auth=None, response={200: RequestOut, 201: RequestOut},
             summary="Open a request (a work order, channel online)")
@public
def request_open(request, payload: RequestIn):
    phone = identity.api_phone(request)
    if payload.website.strip():
        raise HttpError(400, _("Leave this field empty"))
    limits.hit_both(limits.ASK_PER_ADDRESS, limits.ASK_PER_PHONE, address=client_address(request),
                    index=identity.phone_index(phone))
    key = (request.headers.get("Idempotency-Key") or payload.form_key or "").strip()
    if payload.consent and payload.consent_version and payload.consent_version != services.CONSENT_VERSION:
        raise HttpError(409, _("The consent text has changed. Show the new text and ask again."))
    order, created = services.request_open(
        phone=phone, service=payload.service, description=payload.description, place_id=payload.place,
        consent=payload.consent, form_key=key)
    return Status(201 if created else 200, _out(order))


@router.get("/requests", auth=None, response=list[RequestOut], summary="My requests (the verified phone's)")
@public
def request_list(request):
    phone = identity.api_phone(request)
    ratelimit.hit(ratelimit.TRACK, client_address(request))
    orders = list(selectors.my_orders(phone)[:selectors.MINE_MAX])
    audit_list_read(by=None, action="portal.mine.list", model_label="workorders.WorkOrder",
                    ids=[o.pk for o in orders], category="request")
    return [_out(o) for o in orders]


class FileOut(Schema):
    name: str
    size: int
    content_type: str


class FilesOut(Schema):
    tracking_code: str
    files: list[FileOut]


@router.post("/requests/{tracking_code}/files", auth=None, response={201: FilesOut},
             summary="Attach files to one of my requests (multipart, field 'attachments')")
@public
def request_files(request, tracking_code: str):
    phone = identity.api_phone(request)
    limits.hit_both(limits.FILES_PER_ADDRESS, limits.FILES_PER_PHONE, address=client_address(request),
                    index=identity.phone_index(phone))
    order = selectors.my_order(phone, tracking_code)
    if order is None:
        raise Http404()
    limit = settings.SHILIU_UPLOAD_MAX_BYTES
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > services.FILES_MAX * limit + 1_000_000:  # refused before the body is read
        raise RequestDataTooBig()
    uploads = request.FILES.getlist("attachments")
    for upload in uploads:
        if upload.size > limit:
            try:
                check_upload(upload, field="attachments")
            except ValidationError as e:  # the size message, as the ask page words it
                from shiliu.api.api import api

                return problem(api, request, 413, _("File too large"),
                               detail=" ".join(e.message_dict.get("attachments", e.messages)),
                               errors=e.message_dict)
    try:
        attached = services.request_attach(order=order, uploads=uploads)
    except services.RequestClosed:
        raise HttpError(409, _("This request is closed: files can no longer be added to it.")) from None
    return Status(201, {"tracking_code": order.tracking_code,
                        "files": [{"name": a.name, "size": a.size, "content_type": a.content_type}
                                  for a in attached]})


from shiliu.portal.api_jobs import router as jobs_router  # noqa: E402

router.add_router("/jobs", jobs_router)
