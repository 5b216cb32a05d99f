"""/api/v1/staff: the staff management of the pages, for administrators (Cap.STAFF_MANAGE).

Same selectors and services as the pages: accounts outside the caller's area answer
404. Resetting a second factor is not offered here: it needs a re-authentication,
which only a browser session can give (C7).
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.access.scope import places_for
from shiliu.accounts import selectors, services
from shiliu.accounts.models import Role
from shiliu.api.pagination import Page
from shiliu.api.schemas import StrictSchema

router = Router(tags=["staff"])


class RoleOut(Schema):
    id: int
    role: Role
    place_id: int
    place_code: str = Field(alias="place.code")
    place_name: str = Field(alias="place.name")


class StaffOut(Schema):
    id: int
    username: str
    display_name: str
    languages: list[str]
    is_active: bool
    has_totp: bool
    last_login: datetime | None
    roles: list[RoleOut] = Field(alias="current_roles")


class StaffCreatedOut(Schema):
    id: int
    username: str
    initial_password: str = Field(description="Shown once; the user must replace it at the first sign-in")


class StaffFilters(Schema):
    q: str = Field("", max_length=100, description="Part of the username or name")


class StaffCreateIn(StrictSchema):
    username: str = Field(min_length=1, max_length=150)
    display_name: str = Field(min_length=1, max_length=60)
    languages: list[str] = Field(default_factory=list, max_length=10)
    role: Role
    place_id: int
    password: str = Field("", max_length=200, description="Empty: one is generated")


class RoleGrantIn(StrictSchema):
    role: Role
    place_id: int


class ActiveIn(StrictSchema):
    is_active: bool


def _place_in_area(user, place_id: int):
    place = places_for(user, Cap.STAFF_MANAGE).filter(pk=place_id).first()
    if place is None:
        raise ValidationError({"place_id": [_("Choose a place within your area.")]})
    return place


def _languages(values: list[str]) -> list[str]:
    cleaned: list[str] = []
    for value in values:
        value = value.strip()
        if len(value) > 30:
            raise ValidationError({"languages": [_("Each language may have at most 30 characters.")]})
        if value and value not in cleaned:
            cleaned.append(value)
    return cleaned


@router.get("", response=list[StaffOut], summary="Staff accounts in my area")
@access_rule(Cap.STAFF_MANAGE)
@paginate(Page)
def staff_list(request, filters: Query[StaffFilters]):
    return selectors.staff_for(request.auth, search=filters.q)


@router.get("/{int:staff_id}", response=StaffOut, summary="One staff account")
@access_rule(Cap.STAFF_MANAGE)
def staff_get(request, staff_id: int):
    return selectors.staff_get_or_404(request.auth, staff_id)


@router.post("", response={201: StaffCreatedOut}, summary="Create a staff account with its first role")
@access_rule(Cap.STAFF_MANAGE)
def staff_create(request, payload: StaffCreateIn):
    user, password = services.user_create(
        username=payload.username, display_name=payload.display_name, languages=_languages(payload.languages),
        role=payload.role, place=_place_in_area(request.auth, payload.place_id), password=payload.password,
        by=request.auth,
    )
    return Status(201, {"id": user.pk, "username": user.username, "initial_password": password})


@router.post("/{int:staff_id}/roles", response={201: RoleOut}, summary="Grant a role at a place in my area")
@access_rule(Cap.STAFF_MANAGE)
def role_grant(request, staff_id: int, payload: RoleGrantIn):
    staff = selectors.staff_get_or_404(request.auth, staff_id)
    assignment = services.staff_role_grant(user=staff, role=payload.role,
                                           place=_place_in_area(request.auth, payload.place_id), by=request.auth)
    return Status(201, assignment)


@router.delete("/{int:staff_id}/roles/{int:assignment_id}", response={204: None}, summary="End a role")
@access_rule(Cap.STAFF_MANAGE)
def role_revoke(request, staff_id: int, assignment_id: int):
    assignment = selectors.role_assignment_get_or_404(request.auth, staff_id, assignment_id)
    services.role_revoke(assignment=assignment, by=request.auth)
    return Status(204, None)


@router.put("/{int:staff_id}/active", response=StaffOut,
            summary="Enable or disable an account; disabling ends its sessions and tokens at once")
@access_rule(Cap.STAFF_MANAGE)
def staff_set_active(request, staff_id: int, payload: ActiveIn):
    staff = selectors.staff_get_or_404(request.auth, staff_id)
    services.user_set_active(user=staff, active=payload.is_active, by=request.auth)
    return selectors.staff_get_or_404(request.auth, staff_id)
