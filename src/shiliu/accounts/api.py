"""POST /auth/token: username and password (and a 2FA code where required) for a bearer token."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from django_otp import match_token, user_has_device
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from shiliu.access.rules import login_only, public
from shiliu.accounts.passwords import password_expired
from shiliu.accounts.services import token_issue, token_revoke
from shiliu.api.schemas import StrictSchema
from shiliu.audit.services import audit_security
from shiliu.core import ratelimit
from shiliu.core.net import client_address

router = Router(tags=["auth"])


class TokenIn(StrictSchema):
    username: str = Field(max_length=150)
    password: str = Field(max_length=200)
    otp: str = Field("", max_length=16, description="Second-factor code; required for administrators and auditors")
    name: str = Field("", max_length=60, description="A label for the token, e.g. the script using it")


class TokenOut(Schema):
    token: str
    token_type: str = "Bearer"
    expires_at: str


class MeOut(Schema):
    username: str
    display_name: str
    languages: list[str]
    roles: list[dict]


@router.post("/token", auth=None, response={201: TokenOut}, summary="Exchange username and password for a token")
@public
def token_create(request, payload: TokenIn):
    ratelimit.hit(ratelimit.TOKEN, client_address(request))
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        raise HttpError(401, _("Wrong username or password, or the account is locked for a while."))
    second_factor = False
    if user.requires_2fa or user_has_device(user):
        if not payload.otp or match_token(user, payload.otp.strip()) is None:
            audit_security(action="2fa.failed", by=user, detail={"via": "api"})
            raise HttpError(401, _("This account needs its second-factor code in the field 'otp'."))
        audit_security(action="2fa.success", by=user, detail={"via": "api"})
        second_factor = True
    if password_expired(user):
        raise HttpError(403, _("Choose a new password in the browser first, then ask for a token."))
    token, secret = token_issue(user=user, name=payload.name, second_factor=second_factor)
    return Status(201, {"token": secret, "expires_at": token.expires_at.isoformat()})


@router.delete("/token", response={204: None}, summary="Revoke the token used for this request")
@login_only
def token_delete(request):
    token = getattr(request, "api_token", None)
    if token is None:
        raise HttpError(400, _("This request was not made with a token."))
    token_revoke(token=token, by=request.auth)
    return Status(204, None)


@router.get("/me", response=MeOut, summary="Who am I, with my roles")
@login_only
def me(request):
    user = request.auth
    return {
        "username": user.username,
        "display_name": user.display_name,
        "languages": user.languages,
        "roles": [{"role": a.role, "place": a.place.code, "place_name": a.place.name} for a in user.active_roles],
    }
