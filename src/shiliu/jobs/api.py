"""/api/v1/jobs: employers, postings, seekers, referrals, placements, the figure "people helped
into work", and the public listing of approved postings (no account, no seeker data).

The same selectors and services as the pages: records outside the caller's scope answer 404,
bad input 422 with the messages by field, a stale version 409 — all problem+json.
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule, public
from shiliu.access.scope import places_for
from shiliu.api.pagination import Page
from shiliu.api.schemas import VERSION_HELP, PlaceRef, StrictSchema, place_in_scope
from shiliu.audit.services import audit_list_read, audit_read
from shiliu.jobs import seeking, selectors, services
from shiliu.jobs.choices import (
    Availability,
    EmployerSource,
    EmployerStatus,
    PayPeriod,
    PostingSource,
    PostingStatus,
    ReferralOutcome,
    SeekerStatus,
    codes_of,
)
from shiliu.jobs.models import Employer
from shiliu.jobs.selectors import public_places
from shiliu.people.masking import mask_phone
from shiliu.people.models import Resident

router = Router(tags=["jobs"])


def _view_place(user, place_id):
    return places_for(user, Cap.JOB_VIEW).filter(pk=place_id).first() if place_id else None


def _page(queryset, page: int, page_size: int) -> dict:
    return Page().paginate_queryset(queryset, Page.Input(page=page, page_size=page_size))


class PageQuery(Schema):
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=200)


# --- employers ----------------------------------------------------------------------------------

class EmployerOut(Schema):
    id: int
    name: str
    credit_code: str
    address: str
    place: PlaceRef
    contact_name: str
    contact_phone_masked: str
    status: EmployerStatus
    reject_reason: str
    source: EmployerSource
    verified_at: datetime | None
    version: int

    @staticmethod
    def resolve_contact_phone_masked(obj) -> str:
        return mask_phone(obj.contact_phone)


class EmployerPage(Schema):
    items: list[EmployerOut]
    count: int
    page: int
    page_size: int
    next_page: int | None


class EmployerIn(StrictSchema):
    name: str = Field(max_length=200)
    credit_code: str = Field(max_length=40, description="Unified social credit code (18 characters, checked)")
    address: str = Field(max_length=400)
    place: int
    contact_name: str = Field(max_length=120)
    contact_phone: str = Field(max_length=40, description="Stored encrypted, answered masked")


class DecisionIn(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    reason: str = Field("", max_length=600, description="Needed to reject")


class EmployerFilters(PageQuery):
    q: str = Field("", max_length=100)
    status: EmployerStatus | None = None
    place: int | None = None


@router.get("/employers", response=EmployerPage, summary="Employers of your places")
@access_rule(Cap.JOB_VIEW)
def employer_list_op(request, filters: Query[EmployerFilters]):
    qs = selectors.employer_list(request.auth, q=filters.q, status=filters.status or "",
                                 place=_view_place(request.auth, filters.place))
    out = _page(qs, filters.page, filters.page_size)
    audit_list_read(by=request.auth, action="jobs.employer.list", model_label="jobs.employer",
                    ids=[e.pk for e in out["items"]], category="contact")
    return out


@router.post("/employers", response={201: EmployerOut}, summary="Register an employer")
@access_rule(Cap.JOB_EDIT)
def employer_create_op(request, payload: EmployerIn):
    data = payload.dict()
    data["place"] = place_in_scope(request.auth, Cap.JOB_EDIT, data["place"])
    return Status(201, services.employer_register(by=request.auth, **data))


@router.get("/employers/{employer_id}", response=EmployerOut)
@access_rule(Cap.JOB_VIEW)
def employer_get_op(request, employer_id: int):
    employer = selectors.employer_get(request.auth, employer_id)
    audit_read(by=request.auth, action="jobs.employer.view", target=employer, subject_id=None, category="contact")
    return employer


class EmployerPatch(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    name: str | None = Field(None, max_length=200)
    address: str | None = Field(None, max_length=400)
    place: int | None = None
    contact_name: str | None = Field(None, max_length=120)
    contact_phone: str | None = Field(None, max_length=40)


@router.patch("/employers/{employer_id}", response=EmployerOut, summary="Correct an employer's details")
@access_rule(Cap.JOB_EDIT)
def employer_update_op(request, employer_id: int, payload: EmployerPatch):
    employer = selectors.for_edit(selectors.employer_get(request.auth, employer_id), request.auth)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    version = fields.pop("version")
    if "place" in fields:
        fields["place"] = place_in_scope(request.auth, Cap.JOB_EDIT, fields["place"])
    return services.employer_update(employer=employer, by=request.auth, version=version, **fields)


@router.post("/employers/{employer_id}/verify", response=EmployerOut, summary="Verify an employer (job.verify)")
@access_rule(Cap.JOB_VERIFY)
def employer_verify_op(request, employer_id: int, payload: DecisionIn):
    employer = selectors.for_edit(selectors.employer_get(request.auth, employer_id), request.auth, Cap.JOB_VERIFY)
    return services.employer_verify(employer=employer, by=request.auth, version=payload.version)


@router.post("/employers/{employer_id}/reject", response=EmployerOut, summary="Reject an employer, with a reason")
@access_rule(Cap.JOB_VERIFY)
def employer_reject_op(request, employer_id: int, payload: DecisionIn):
    employer = selectors.for_edit(selectors.employer_get(request.auth, employer_id), request.auth, Cap.JOB_VERIFY)
    return services.employer_reject(employer=employer, by=request.auth, version=payload.version,
                                    reason=payload.reason)


# --- postings -----------------------------------------------------------------------------------

class PublicPostingOut(Schema):
    """What anyone may read: the job, never who wrote or approved it, never a contact person."""

    id: int
    title: str
    employer_name: str
    description: str
    pay_min: int
    pay_max: int
    pay_period: PayPeriod
    place: PlaceRef
    work_location: str
    hours: str
    requirements: str
    skills: list[str]
    languages: list[str]
    meals: bool
    housing: bool
    halal_meals: bool
    openings: int
    expires_on: date

    @staticmethod
    def resolve_employer_name(obj) -> str:
        return obj.employer.name

    @staticmethod
    def resolve_skills(obj) -> list[str]:
        return codes_of(obj.skills)

    @staticmethod
    def resolve_languages(obj) -> list[str]:
        return codes_of(obj.languages)


class PostingOut(PublicPostingOut):
    employer_id: int
    status: PostingStatus
    reject_reason: str
    created_by_id: int | None  # none when the employer's contact posted it on the employers' desk
    source: PostingSource
    decided_at: datetime | None
    version: int


class PostingFields(StrictSchema):
    """A posting's own fields, as staff (PostingIn) and the employers' desk (api_desk) send them."""

    title: str = Field(max_length=200)
    description: str = Field("", max_length=4000)
    pay_min: int | None = None
    pay_max: int | None = None
    pay_period: str = Field(PayPeriod.MONTH, max_length=8, description="month | day | hour")
    place: int
    work_location: str = Field("", max_length=400)
    hours: str = Field("", max_length=400)
    requirements: str = Field("", max_length=4000)
    skills: list[str] = Field(default_factory=list, max_length=30)
    languages: list[str] = Field(default_factory=list, max_length=20)
    meals: bool = False
    housing: bool = False
    halal_meals: bool = False
    openings: int = 1
    expires_on: date | None = None


class PostingIn(PostingFields):
    employer: int = Field(description="A verified employer of your places")


class PostingPatch(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    title: str | None = Field(None, max_length=200)
    description: str | None = Field(None, max_length=4000)
    pay_min: int | None = None
    pay_max: int | None = None
    pay_period: str | None = Field(None, max_length=8)
    place: int | None = None
    work_location: str | None = Field(None, max_length=400)
    hours: str | None = Field(None, max_length=400)
    requirements: str | None = Field(None, max_length=4000)
    skills: list[str] | None = Field(None, max_length=30)
    languages: list[str] | None = Field(None, max_length=20)
    meals: bool | None = None
    housing: bool | None = None
    halal_meals: bool | None = None
    openings: int | None = None
    expires_on: date | None = None


class TransitionIn(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    reason: str = Field("", max_length=600, description="Needed to reject")


class PostingFilters(Schema):
    q: str = Field("", max_length=100)
    status: str = Field("", max_length=10, description="open | draft | submitted | approved | rejected | closed")
    place: int | None = None


class MatchOut(Schema):
    score: int
    reasons: list[str]


class SeekerMatchOut(Schema):
    seeker_id: int
    name: str
    match: MatchOut


class PostingMatchOut(Schema):
    posting: PublicPostingOut
    match: MatchOut


@router.get("/postings", response=list[PostingOut], summary="Postings of your places and open ones anywhere")
@access_rule(Cap.JOB_VIEW)
@paginate(Page)
def posting_list_op(request, filters: Query[PostingFilters]):
    return selectors.posting_list(request.auth, q=filters.q, status=filters.status,
                                  place=_view_place(request.auth, filters.place))


@router.post("/postings", response={201: PostingOut}, summary="A draft posting of a verified employer")
@access_rule(Cap.JOB_EDIT)
def posting_create_op(request, payload: PostingIn):
    data = payload.dict()
    employer = selectors.employers_to_post_for(request.auth).filter(pk=data.pop("employer")).first()
    if employer is None:
        raise ValidationError({"employer": [_("Choose a verified employer.")]})
    data["place"] = place_in_scope(request.auth, Cap.JOB_EDIT, data["place"])
    return Status(201, services.posting_create(by=request.auth, employer=employer, **data))


@router.get("/postings/{posting_id}", response=PostingOut)
@access_rule(Cap.JOB_VIEW)
def posting_get_op(request, posting_id: int):
    return selectors.posting_get(request.auth, posting_id)


@router.patch("/postings/{posting_id}", response=PostingOut, summary="Change a draft or rejected posting")
@access_rule(Cap.JOB_EDIT)
def posting_update_op(request, posting_id: int, payload: PostingPatch):
    posting = selectors.for_edit(selectors.posting_get(request.auth, posting_id), request.auth)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    version = fields.pop("version")
    if "place" in fields:
        fields["place"] = place_in_scope(request.auth, Cap.JOB_EDIT, fields["place"])
    return services.posting_update(posting=posting, by=request.auth, version=version, **fields)


@router.get("/postings/{posting_id}/seekers", response=list[SeekerMatchOut],
            summary="Seekers of your places who consented and may fit, best first, with the reasons")
@access_rule(Cap.JOB_EDIT)
def posting_matches_op(request, posting_id: int):
    posting = selectors.for_edit(selectors.posting_get(request.auth, posting_id), request.auth)
    matches = selectors.suggested_seekers(request.auth, posting)
    audit_list_read(by=request.auth, action="jobs.seeker.suggest", model_label="jobs.jobseeker",
                    ids=[s.pk for s, _m in matches], category="contact")
    return [{"seeker_id": s.pk, "name": s.name, "match": m} for s, m in matches]


@router.post("/postings/{posting_id}/{action}", response=PostingOut,
             summary="submit | approve | reject | close (approve and reject: job.verify, not the author)")
@access_rule(Cap.JOB_VIEW)
def posting_transition_op(request, posting_id: int, action: str, payload: TransitionIn):
    if action not in services.TRANSITIONS:
        raise ValidationError(_("Unknown action."))
    posting = selectors.posting_get(request.auth, posting_id)
    selectors.for_edit(posting, request.auth, services.TRANSITIONS[action][2])
    return services.posting_transition(posting=posting, by=request.auth, version=payload.version, action=action,
                                       reason=payload.reason)


# --- the public listing (no account) ------------------------------------------------------------

class PublicFilters(Schema):
    place: int | None = Field(None, description="Only at this place and below")
    pay_at_least: int | None = Field(None, ge=0, le=1_000_000, description="Yuan a month")
    language: str = Field("", max_length=12)
    meals: bool = False
    housing: bool = False
    halal_meals: bool = False


@router.get("/public/postings", response=list[PublicPostingOut], auth=None,
            summary="Approved, open job postings (no account; no seeker data)")
@public
@paginate(Page)
def public_posting_list_op(request, filters: Query[PublicFilters]):
    place = public_places().filter(pk=filters.place).first() if filters.place else None
    return selectors.public_postings(selectors.PublicFilters(
        place=place, pay_at_least=filters.pay_at_least, language=filters.language, meals=filters.meals,
        housing=filters.housing, halal_meals=filters.halal_meals))


@router.get("/public/postings/{posting_id}", response=PublicPostingOut, auth=None, summary="One open job posting")
@public
def public_posting_get_op(request, posting_id: int):
    return selectors.public_posting_get(posting_id)


# --- seekers ------------------------------------------------------------------------------------

class SeekerOut(Schema):
    id: int
    name: str
    phone_masked: str
    place: PlaceRef
    resident_id: int | None
    languages: list[str]
    skills: list[str]
    skills_other: str
    wished_place: PlaceRef | None
    wished_pay_min: int | None
    wished_pay_max: int | None
    availability: Availability
    consent: bool
    consent_at: datetime | None
    status: SeekerStatus
    version: int

    @staticmethod
    def resolve_phone_masked(obj) -> str:
        return mask_phone(obj.phone)

    @staticmethod
    def resolve_skills(obj) -> list[str]:
        return codes_of(obj.skills)

    @staticmethod
    def resolve_languages(obj) -> list[str]:
        return codes_of(obj.languages)


class SeekerPage(Schema):
    items: list[SeekerOut]
    count: int
    page: int
    page_size: int
    next_page: int | None


class SeekerIn(StrictSchema):
    name: str = Field(max_length=120)
    phone: str = Field("", max_length=40, description="Optional; stored encrypted, answered masked")
    place: int
    resident: int | None = Field(None, description="The resident's record, if the seeker is one of your residents")
    languages: list[str] = Field(default_factory=list, max_length=20)
    skills: list[str] = Field(default_factory=list, max_length=30)
    skills_other: str = Field("", max_length=400)
    wished_place: int | None = None
    wished_pay_min: int | None = None
    wished_pay_max: int | None = None
    availability: str = Field(Availability.NOW, max_length=10)
    consent: bool = Field(False, description="The seeker agrees to be matched and contacted")


class SeekerPatch(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    name: str | None = Field(None, max_length=120)
    phone: str | None = Field(None, max_length=40)
    place: int | None = None
    languages: list[str] | None = Field(None, max_length=20)
    skills: list[str] | None = Field(None, max_length=30)
    skills_other: str | None = Field(None, max_length=400)
    wished_place: int | None = None
    wished_pay_min: int | None = None
    wished_pay_max: int | None = None
    availability: str | None = Field(None, max_length=10)
    consent: bool | None = None
    status: str | None = Field(None, max_length=10)


class SeekerFilters(PageQuery):
    # no name search: a seeker's name never travels in a URL (SECURITY B5, ADR 0008)
    status: SeekerStatus | None = None
    place: int | None = None


def _seeker_refs(user, data: dict) -> dict:
    if "place" in data:
        data["place"] = place_in_scope(user, Cap.JOB_EDIT, data["place"])
    if data.get("wished_place") is not None:
        data["wished_place"] = public_places().filter(pk=data["wished_place"]).first() or "?"
    if data.get("resident") is not None:
        found = Resident.objects.select_related("place").filter(pk=data["resident"]).first()
        if found is None:
            raise ValidationError({"resident": [_("Choose a resident of your places.")]})
        data["resident"] = found
    return data


@router.get("/seekers", response=SeekerPage, summary="Job seekers of your places (reads are audited)")
@access_rule(Cap.JOB_VIEW)
def seeker_list_op(request, filters: Query[SeekerFilters]):
    qs = selectors.seeker_list(request.auth, status=filters.status or "",
                               place=_view_place(request.auth, filters.place))
    out = _page(qs, filters.page, filters.page_size)
    audit_list_read(by=request.auth, action="jobs.seeker.list", model_label="jobs.jobseeker",
                    ids=[s.pk for s in out["items"]], category="contact")
    return out


@router.post("/seekers", response={201: SeekerOut}, summary="Record a seeker's profile on their behalf")
@access_rule(Cap.JOB_EDIT)
def seeker_create_op(request, payload: SeekerIn):
    return Status(201, seeking.seeker_create(by=request.auth, **_seeker_refs(request.auth, payload.dict())))


@router.get("/seekers/{seeker_id}", response=SeekerOut)
@access_rule(Cap.JOB_VIEW)
def seeker_get_op(request, seeker_id: int):
    seeker = selectors.seeker_get(request.auth, seeker_id)
    audit_read(by=request.auth, action="jobs.seeker.view", target=seeker, subject_id=seeker.resident_id,
               category="contact")
    return seeker


@router.patch("/seekers/{seeker_id}", response=SeekerOut)
@access_rule(Cap.JOB_EDIT)
def seeker_update_op(request, seeker_id: int, payload: SeekerPatch):
    seeker = selectors.for_edit(selectors.seeker_get(request.auth, seeker_id), request.auth)
    fields = payload.dict(exclude_unset=True)
    fields = {k: v for k, v in fields.items() if v is not None or k in ("wished_place", "wished_pay_min",
                                                                          "wished_pay_max")}
    version = fields.pop("version")
    return seeking.seeker_update(seeker=seeker, by=request.auth, version=version,
                                  **_seeker_refs(request.auth, fields))


@router.get("/seekers/{seeker_id}/postings", response=list[PostingMatchOut],
            summary="Open postings that may fit the seeker, best first, with the reasons")
@access_rule(Cap.JOB_VIEW)
def seeker_matches_op(request, seeker_id: int):
    seeker = selectors.seeker_get(request.auth, seeker_id)
    if not seeker.consent:
        return []
    return [{"posting": p, "match": m} for p, m in selectors.suggested_postings(request.auth, seeker)]


# --- referrals and placements -------------------------------------------------------------------

class ReferralOut(Schema):
    id: int
    seeker_id: int
    posting_id: int
    outcome: ReferralOutcome
    note: str
    referred_at: datetime
    version: int


class ReferralIn(StrictSchema):
    seeker: int
    posting: int
    note: str = Field("", max_length=800)


class OutcomeIn(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    outcome: str = Field(max_length=10, description="pending | interview | hired | not_hired")
    note: str | None = Field(None, max_length=800)


class PlacementOut(Schema):
    id: int
    seeker_id: int
    employer_id: int
    posting_id: int | None
    place: PlaceRef
    start_date: date


class PlacementIn(StrictSchema):
    seeker: int
    employer: int
    posting: int | None = None
    start_date: date | None = None


class PlacementFilters(Schema):
    place: int | None = None
    date_from: date | None = None
    date_to: date | None = None


@router.get("/referrals", response=list[ReferralOut], summary="Referrals of your places")
@access_rule(Cap.JOB_VIEW)
@paginate(Page)
def referral_list_op(request):
    return selectors.referral_list(request.auth)


@router.post("/referrals", response={201: ReferralOut}, summary="Refer a seeker who consented to an open posting")
@access_rule(Cap.JOB_EDIT)
def referral_create_op(request, payload: ReferralIn):
    seeker = selectors.for_edit(selectors.seeker_get(request.auth, payload.seeker), request.auth)
    posting = selectors.posting_get(request.auth, payload.posting)
    return Status(201, seeking.referral_create(seeker=seeker, posting=posting, by=request.auth, note=payload.note))


@router.post("/referrals/{referral_id}/outcome", response=ReferralOut)
@access_rule(Cap.JOB_EDIT)
def referral_outcome_op(request, referral_id: int, payload: OutcomeIn):
    referral = selectors.for_edit(selectors.referral_get(request.auth, referral_id), request.auth)
    return seeking.referral_outcome(referral=referral, by=request.auth, version=payload.version,
                                     outcome=payload.outcome, note=payload.note)


@router.get("/placements", response=list[PlacementOut], summary="Placements of your places")
@access_rule(Cap.JOB_VIEW)
@paginate(Page)
def placement_list_op(request, filters: Query[PlacementFilters]):
    return selectors.placement_list(request.auth, place=_view_place(request.auth, filters.place),
                                    date_from=filters.date_from, date_to=filters.date_to)


@router.post("/placements", response={201: PlacementOut}, summary="Record that a seeker started work")
@access_rule(Cap.JOB_EDIT)
def placement_create_op(request, payload: PlacementIn):
    seeker = selectors.for_edit(selectors.seeker_get(request.auth, payload.seeker), request.auth)
    employer = Employer.objects.filter(pk=payload.employer).first()
    if employer is None:
        raise ValidationError({"employer": [_("Choose a verified employer.")]})
    posting = selectors.posting_get(request.auth, payload.posting) if payload.posting else None
    placement = seeking.placement_record(seeker=seeker, employer=employer, posting=posting, by=request.auth,
                                         start_date=payload.start_date)
    return Status(201, placement)


class FigureRowOut(Schema):
    place: PlaceRef
    people: int
    placements: int


class FiguresOut(Schema):
    rows: list[FigureRowOut]
    people: int = Field(description="Different seekers placed in the period (people helped into work)")
    placements: int


@router.get("/figures", response=FiguresOut, summary="People helped into work per place and period (counts only)")
@access_rule(Cap.JOB_VIEW)
def figures_op(request, filters: Query[PlacementFilters]):
    rows, people, placements = selectors.helped_into_work(
        request.auth, place=_view_place(request.auth, filters.place), date_from=filters.date_from,
        date_to=filters.date_to)
    return {"rows": rows, "people": people, "placements": placements}
