"""The resident's own job-seeker profile through the portal API (``X-Resident-Token``), the same
write path as the page (jobs.seeking.seeker_*_by_resident).

- ``GET /jobs/profile``: the profile the verified phone keeps (404 when it has none).
- ``POST /jobs/profile``: make it (201); when the phone has one already, that one (200, nothing
  written) — a resend after a lost answer makes no second profile.
- ``PATCH /jobs/profile``: change fields, with the ``version`` read (409 when someone saved since);
  ``status`` "looking" or "paused" stops and resumes the search. A null leaves a field as it is
  (consent is withdrawn only with ``false``), except the wished place and pay, which it clears.
- ``GET /jobs/profile/matches``: open postings that fit, with the reasons (only with consent and
  while looking). Never another seeker.

Places are ids from ``GET /api/v1/places`` of the lists the page offers. 422 names each bad field.
"""

from django.http import Http404
from django.utils.translation import get_language
from ninja import Field, Router, Schema
from ninja.responses import Status

from shiliu.access.rules import public
from shiliu.api.schemas import StrictSchema
from shiliu.audit.services import audit_read
from shiliu.core.net import client_address
from shiliu.jobs import seeking
from shiliu.jobs.choices import Availability
from shiliu.portal import identity, limits, selectors

router = Router(tags=["portal"])
NULLABLE = {"wished_place", "wished_pay_min", "wished_pay_max"}  # a PATCH's null clears these, and only these


class ProfileIn(StrictSchema):
    name: str = Field(max_length=200)
    place: int | None = None
    languages: list[str] = Field(default_factory=list, max_length=20)
    skills: list[str] = Field(default_factory=list, max_length=40)
    skills_other: str = Field("", max_length=400)
    wished_place: int | None = None
    wished_pay_min: int | None = None
    wished_pay_max: int | None = None
    availability: str = Field(Availability.NOW, max_length=20)
    consent: bool = False


class ProfilePatch(StrictSchema):
    version: int
    name: str | None = Field(None, max_length=200)
    place: int | None = None
    languages: list[str] | None = Field(None, max_length=20)
    skills: list[str] | None = Field(None, max_length=40)
    skills_other: str | None = Field(None, max_length=400)
    wished_place: int | None = None
    wished_pay_min: int | None = None
    wished_pay_max: int | None = None
    availability: str | None = Field(None, max_length=20)
    consent: bool | None = None
    status: str | None = Field(None, max_length=20)


class PlaceOut(Schema):
    id: int
    name: str


class ProfileOut(Schema):
    id: int
    name: str
    place: PlaceOut
    languages: list[str]
    skills: list[str]
    skills_other: str
    wished_place: PlaceOut | None
    wished_pay_min: int | None
    wished_pay_max: int | None
    availability: str
    consent: bool
    consent_at: str | None
    status: str
    made_by_resident: bool
    version: int


class MatchOut(Schema):
    posting: int
    title: str
    employer: str
    pay_min: int
    pay_max: int
    pay_period: str
    place: str
    score: int
    reasons: list[str]


def _place(place) -> dict | None:
    return {"id": place.pk, "name": place.display_name(get_language())} if place else None


def _out(seeker) -> dict:
    return {"id": seeker.pk, "name": seeker.name, "place": _place(seeker.place), "languages": seeker.language_codes,
            "skills": seeker.skill_codes, "skills_other": seeker.skills_other,
            "wished_place": _place(seeker.wished_place), "wished_pay_min": seeker.wished_pay_min,
            "wished_pay_max": seeker.wished_pay_max, "availability": seeker.availability,
            "consent": seeker.consent, "consent_at": seeker.consent_at.isoformat() if seeker.consent_at else None,
            "status": seeker.status, "made_by_resident": seeker.created_by_id is None, "version": seeker.version}


def _mine(request):
    phone = identity.api_phone(request)
    return phone, selectors.my_seeker(phone)


def _limited(request, phone: str) -> None:
    limits.hit_both(limits.PROFILE_PER_ADDRESS, limits.PROFILE_PER_PHONE, address=client_address(request),
                    index=identity.phone_index(phone))


@router.get("/profile", auth=None, response=ProfileOut, summary="My job-seeker profile")
@public
def profile_get(request):
    _phone, seeker = _mine(request)
    if seeker is None:
        raise Http404()
    audit_read(by=None, action="jobs.seeker.view_by_resident", target=seeker, subject_id=seeker.resident_id,
               category="contact")
    return _out(seeker)


@router.post("/profile", auth=None, response={200: ProfileOut, 201: ProfileOut},
             summary="Make my job-seeker profile (the existing one when there is one)")
@public
def profile_create(request, payload: ProfileIn):
    phone, _seeker = _mine(request)
    _limited(request, phone)
    seeker, created = seeking.seeker_create_by_resident(phone=phone, **payload.dict())
    return Status(201 if created else 200, _out(seeker))


@router.patch("/profile", auth=None, response=ProfileOut, summary="Change my job-seeker profile (with its version)")
@public
def profile_update(request, payload: ProfilePatch):
    phone, seeker = _mine(request)
    if seeker is None:
        raise Http404()
    _limited(request, phone)
    # A null changes nothing (as on the desk), except where it means "none": a wished place or pay.
    # Otherwise a client sending nulls for "unchanged" would withdraw the consent or clear the skills.
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None or k in NULLABLE}
    version = fields.pop("version")
    return _out(seeking.seeker_update_by_resident(phone=phone, seeker=seeker, version=version, **fields))


@router.get("/profile/matches", auth=None, response=list[MatchOut], summary="Open jobs that fit my profile")
@public
def profile_matches(request):
    _phone, seeker = _mine(request)
    if seeker is None:
        raise Http404()
    language = get_language()
    return [{"posting": p.pk, "title": p.title, "employer": p.employer.name, "pay_min": p.pay_min,
             "pay_max": p.pay_max, "pay_period": p.pay_period, "place": p.place.display_name(language),
             "score": m.score, "reasons": m.reasons} for p, m in selectors.my_matches(seeker)]
