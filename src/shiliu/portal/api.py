"""The portal's API for residents (an app, a chat mini-program): the same one-time codes,
limits and write path as the pages.

1. ``POST /code`` with the number: an SMS code is sent (202).
2. ``POST /code/verify`` with the number and the code: a resident token (valid
   ``SHILIU_PORTAL_IDLE_MINUTES``), sent back as ``X-Resident-Token``. The number inside is
   encrypted; the token is not a staff token and opens nothing else.
3. ``POST /requests`` opens a request (``Idempotency-Key`` or ``form_key``: a resend returns the
   first order with 200); ``GET /requests`` lists the verified phone's requests.

Errors are problem+json: 401 without a valid resident token, 422 with the fields, 429 with
Retry-After. Files are attached on the page only.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from shiliu.access.rules import public
from shiliu.api.schemas import StrictSchema
from shiliu.audit.services import audit_list_read
from shiliu.core import ratelimit
from shiliu.core.net import client_address
from shiliu.portal import identity, limits, otp, selectors, services

router = Router(tags=["portal"])
TOKEN_HEADER = "HTTP_X_RESIDENT_TOKEN"


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


def _phone(request) -> str:
    phone = identity.token_phone(request.META.get(TOKEN_HEADER, ""))
    if phone is None:
        raise HttpError(401, _("Send a valid resident token in X-Resident-Token (verify your number first)."))
    return phone


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


@router.post("/requests", auth=None, response={200: RequestOut, 201: RequestOut},
             summary="Open a request (a work order, channel online)")
@public
def request_open(request, payload: RequestIn):
    phone = _phone(request)
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
    phone = _phone(request)
    ratelimit.hit(ratelimit.TRACK, client_address(request))
    orders = list(selectors.my_orders(phone)[:selectors.MINE_MAX])
    audit_list_read(by=None, action="portal.mine.list", model_label="workorders.WorkOrder",
                    ids=[o.pk for o in orders], category="request")
    return [_out(o) for o in orders]
