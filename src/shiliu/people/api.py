"""/api/v1/residents: the same selectors and services as the pages, the same field sets per role (D3).

A response never carries a key the role may not receive: the detail schema's optional
fields are left unset (and so left out) unless resident_view put them in.
"""

from datetime import date, datetime

from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import get_scoped_or_404
from shiliu.accounts.services import password_recheck, password_recheck_error
from shiliu.api.pagination import Page
from shiliu.api.schemas import PlaceRef, StrictSchema, place_in_scope
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.core import ratelimit
from shiliu.core.net import client_address
from shiliu.people.masking import mask_phone
from shiliu.people.models import Consent, Resident
from shiliu.people.selectors import resident_get, resident_search, resident_view
from shiliu.people.services import consent_withdraw, resident_create, resident_reveal, resident_update

router = Router(tags=["residents"])


class ResidentRow(Schema):
    """One line of the list: what every role that may list residents may see."""

    id: int
    name: str
    phone_masked: str
    place: PlaceRef
    basis: str
    created_at: datetime

    @staticmethod
    def resolve_phone_masked(obj: Resident) -> str:
        return mask_phone(obj.phone)


class ConsentOut(Schema):
    id: int
    category: str
    purpose: str
    notice_version: str
    given_by: str
    given_at: datetime
    withdrawn_at: datetime | None


class ResidentOut(Schema):
    id: int
    name: str
    phone_masked: str
    gender: str
    birth_date: date | None
    languages: list[str]
    place: PlaceRef
    basis: str
    version: int
    created_at: datetime
    # Present only for roles with Cap.RESIDENT_ID_NUMBER at the resident's place.
    id_number_masked: str | None = None
    id_number_needs_review: bool | None = None
    # Present only for roles with Cap.RESIDENT_SENSITIVE at the resident's place.
    ethnicity: str | None = None
    ethnicity_consent: ConsentOut | None = None


class ResidentIn(StrictSchema):
    name: str = Field(max_length=200)
    place: int = Field(description="Id of the place the resident belongs to")
    basis: str = Field(max_length=20, description="asked | joined | received")
    phone: str = Field("", max_length=40)
    id_number: str = Field("", max_length=40, description="Only for roles that may see ID numbers")
    gender: str = Field("", max_length=10)
    birth_date: date | None = None
    languages: list[str] = Field(default_factory=list, max_length=20)
    ethnicity: str = Field("", max_length=4, description="Optional; only with consent_given_by")
    consent_given_by: str = Field("", max_length=60, description="The resident, or a named guardian")


class ResidentPatch(StrictSchema):
    version: int = Field(description="The version you read; a stale one answers 409")
    name: str | None = Field(None, max_length=200)
    place: int | None = None
    basis: str | None = Field(None, max_length=20)
    phone: str | None = Field(None, max_length=40)
    id_number: str | None = Field(None, max_length=40)
    gender: str | None = Field(None, max_length=10)
    birth_date: date | None = None
    languages: list[str] | None = Field(None, max_length=20)
    ethnicity: str | None = Field(None, max_length=4)
    consent_given_by: str = Field("", max_length=60)


class RevealIn(StrictSchema):
    field: str = Field(max_length=20, description="phone | id_number")
    reason: str = Field(max_length=300)
    password: str = Field(max_length=200, description="Your password again (re-authentication, SECURITY.md C7)")


class RevealOut(Schema):
    field: str
    value: str


class SearchIn(StrictSchema):
    """Search terms travel in the body: names and numbers are personal data and stay out
    of URLs, browser histories and access logs (SECURITY.md B5)."""

    q: str = Field(min_length=1, max_length=100, description="Part of a name, or a full phone or ID number")


class AuditedResidentPage(Page):
    """Page, plus one audit record naming the residents on this page (E1)."""

    def paginate_queryset(self, queryset, pagination, **params):
        result = super().paginate_queryset(queryset, pagination, **params)
        request = params["request"]
        audit_list_read(by=request.auth, action="resident.list", model_label="people.resident",
                        ids=[r.pk for r in result["items"]])
        return result


def _shape(view: dict) -> dict:
    place = view["place"]
    out = {key: value for key, value in view.items() if key not in {"can_edit", "can_reveal", "ethnicity_label"}}
    out["place"] = {"id": place.pk, "code": place.code, "name": place.name}
    if "ethnicity" in view:
        consent = view["ethnicity_consent"]
        out["ethnicity_consent"] = ConsentOut.from_orm(consent).dict() if consent else None
    return out


@router.get("", response=list[ResidentRow], summary="Residents in your places, newest first")
@access_rule(Cap.RESIDENT_VIEW)
@paginate(AuditedResidentPage)
def resident_list(request):
    return resident_search(request.auth, "")


@router.post("/search", response=list[ResidentRow],
             summary="Search residents in your places by part of a name, or a full phone or ID number")
@access_rule(Cap.RESIDENT_VIEW)
@paginate(AuditedResidentPage)
def resident_search_op(request, payload: SearchIn):
    ratelimit.hit(ratelimit.SEARCH, str(request.auth.pk))
    return resident_search(request.auth, payload.q)


@router.post("", response={201: ResidentOut}, exclude_unset=True, summary="Record a resident")
@access_rule(Cap.RESIDENT_CREATE)
def resident_create_op(request, payload: ResidentIn):
    user = request.auth
    data = payload.dict()
    data["place"] = place_in_scope(user, Cap.RESIDENT_CREATE, data["place"])
    resident = resident_create(by=user, **data)
    return Status(201, _shape(resident_view(resident_get(user, resident.pk), user)))


@router.get("/{int:resident_id}", response=ResidentOut, exclude_unset=True, summary="One resident (audited)")
@access_rule(Cap.RESIDENT_VIEW)
def resident_detail(request, resident_id: int):
    return _shape(resident_view(resident_get(request.auth, resident_id), request.auth))


@router.patch("/{int:resident_id}", response=ResidentOut, exclude_unset=True,
              summary="Change a resident; send the version you read")
@access_rule(Cap.RESIDENT_EDIT)
def resident_update_op(request, resident_id: int, payload: ResidentPatch):
    user = request.auth
    resident = resident_get(user, resident_id, Cap.RESIDENT_EDIT)
    fields = payload.dict(exclude_unset=True)
    version = fields.pop("version")
    consent_given_by = fields.pop("consent_given_by", "")
    if "place" in fields:
        fields["place"] = place_in_scope(user, Cap.RESIDENT_EDIT, fields["place"])
    for key in ("phone", "id_number", "gender", "ethnicity"):
        if key in fields and fields[key] is None:
            fields[key] = ""
    resident_update(resident=resident, by=user, version=version, consent_given_by=consent_given_by, **fields)
    return _shape(resident_view(resident_get(user, resident_id), user))


@router.post("/{int:resident_id}/reveal", response=RevealOut,
             summary="The full phone or ID number, with a reason and your password (audited)")
@access_rule(Cap.RESIDENT_REVEAL)
def resident_reveal_op(request, resident_id: int, payload: RevealIn):
    user = request.auth
    resident = resident_get(user, resident_id, Cap.RESIDENT_REVEAL)
    address = client_address(request)
    ratelimit.hit(ratelimit.LOGIN, address)
    if not password_recheck(user=user, password=payload.password, address=address, via="api.reveal"):
        raise HttpError(403, password_recheck_error(user=user, address=address))  # also while locked (C4)
    value = resident_reveal(resident=resident, by=user, field=payload.field, reason=payload.reason)
    return {"field": payload.field, "value": value}


@router.get("/{int:resident_id}/consents", response=list[ConsentOut], summary="A resident's consents (audited)")
@access_rule(Cap.RESIDENT_SENSITIVE)
@paginate(Page)
def consent_list(request, resident_id: int):
    user = request.auth
    resident = resident_get(user, resident_id, Cap.RESIDENT_SENSITIVE)
    audit_read(by=user, action="resident.consents.view", target=resident, subject_id=resident.pk,
               category="sensitive")
    return resident.consents.order_by("-given_at", "-id")


@router.post("/{int:resident_id}/consents/{int:consent_id}/withdraw", response=ConsentOut,
             summary="Withdraw a consent; the data it covered is erased")
@access_rule(Cap.RESIDENT_EDIT)
def consent_withdraw_op(request, resident_id: int, consent_id: int):
    user = request.auth
    resident = resident_get(user, resident_id, Cap.RESIDENT_SENSITIVE)
    consent = get_scoped_or_404(Consent.objects.filter(resident=resident), user, Cap.RESIDENT_SENSITIVE,
                                path_field="resident__place__path", pk=consent_id)
    consent_withdraw(consent=consent, by=user)
    consent.refresh_from_db()
    return consent
