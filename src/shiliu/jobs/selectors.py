"""Reads of the job market, always through shiliu.access.scope (D2).

Employers, postings, seekers, referrals and placements are seen within the subtree where the
user holds ``job.view``; approved postings that are still open are seen by every holder of
``job.view`` in the district (and by anyone on the public listing), so a worker can suggest a
job anywhere. Seekers are never public. Outside scope a record answers 404 like a missing one.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from shiliu.access.policy import Cap
from shiliu.access.scope import can, roots, scope_q
from shiliu.jobs import matching
from shiliu.jobs.choices import MONTHLY_FACTOR, EmployerStatus, PostingStatus, SeekerStatus
from shiliu.jobs.models import Employer, JobPosting, JobSeeker, Placement, Referral
from shiliu.places.models import Place, PlaceKind

CANDIDATES = 500  # postings or seekers a suggestion looks at (the newest first)


# Places an employer or a seeker may name without an account: the district's own levels.
PUBLIC_KINDS = (PlaceKind.DISTRICT, PlaceKind.SUBDISTRICT, PlaceKind.COMMUNITY, PlaceKind.VILLAGE, PlaceKind.PARK)


def public_places() -> QuerySet[Place]:
    return Place.objects.filter(is_active=True, kind__in=PUBLIC_KINDS).order_by("path")


def _within(queryset: QuerySet, place: Place | None, path_field: str = "place__path") -> QuerySet:
    if place is None:
        return queryset
    return queryset.filter(**{f"{path_field}__gte": place.path, f"{path_field}__lt": place.path_upper})


def _get(queryset: QuerySet, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def for_edit(record, user, cap: str = Cap.JOB_EDIT, place: Place | None = None):
    """A visible record the user may change: 403 where they only read it."""
    if not can(user, cap, place or record.place):
        raise PermissionDenied()
    return record


# --- employers ----------------------------------------------------------------------------------

def employers_visible(user) -> QuerySet[Employer]:
    return Employer.objects.select_related("place").filter(scope_q(user, Cap.JOB_VIEW, "place__path"))


def employer_list(user, *, q: str = "", status: str = "", place: Place | None = None) -> QuerySet[Employer]:
    qs = _within(employers_visible(user), place)
    if q.strip():
        qs = qs.filter(Q(name__icontains=q.strip()) | Q(credit_code__iexact=q.strip()))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("status", "name", "id")


def employer_get(user, pk) -> Employer:
    return _get(employers_visible(user), pk)


def employers_to_post_for(user) -> QuerySet[Employer]:
    """Verified employers anywhere in the district, for a user who may post jobs: a factory of the
    development zone hires through every community's workers. The posting's own place must be
    one of the user's places (the service checks)."""
    if not roots(user, Cap.JOB_EDIT):
        return Employer.objects.none()
    return Employer.objects.select_related("place").filter(status=EmployerStatus.VERIFIED).order_by("name", "id")


def employers_to_place_with(user) -> QuerySet[Employer]:
    """Verified employers anywhere in the district: a seeker may start work anywhere."""
    if not roots(user, Cap.JOB_EDIT):
        return Employer.objects.none()
    return Employer.objects.filter(status=EmployerStatus.VERIFIED).order_by("name", "id")


# --- postings -----------------------------------------------------------------------------------

def open_q(prefix: str = "", today: date | None = None) -> Q:
    """Approved and not expired: what the public sees (the expiry task closes them, and until it
    runs no query shows an expired posting either)."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}status": PostingStatus.APPROVED, f"{prefix}expires_on__gte": today,
                f"{prefix}employer__status": EmployerStatus.VERIFIED})


def postings_visible(user) -> QuerySet[JobPosting]:
    qs = JobPosting.objects.select_related("place", "employer")
    if not roots(user, Cap.JOB_VIEW):
        return qs.none()
    return qs.filter(scope_q(user, Cap.JOB_VIEW, "place__path") | open_q())


def posting_list(user, *, q: str = "", status: str = "", place: Place | None = None,
                 employer: Employer | None = None) -> QuerySet[JobPosting]:
    qs = _within(postings_visible(user), place)
    if q.strip():
        qs = qs.filter(Q(title__icontains=q.strip()) | Q(employer__name__icontains=q.strip()))
    if status == "open":
        qs = qs.filter(open_q())
    elif status:
        qs = qs.filter(status=status)
    if employer is not None:
        qs = qs.filter(employer=employer)
    return qs.order_by("-created_at", "-id")


def posting_get(user, pk) -> JobPosting:
    return _get(postings_visible(user), pk)


def awaiting_approval(user) -> QuerySet[JobPosting]:
    return (JobPosting.objects.select_related("place", "employer")
            .filter(scope_q(user, Cap.JOB_VERIFY, "place__path"), status=PostingStatus.SUBMITTED)
            .exclude(created_by=user).order_by("created_at", "id"))


@dataclass(frozen=True)
class PublicFilters:
    place: Place | None = None
    pay_at_least: int | None = None  # yuan a month
    language: str = ""
    meals: bool = False
    housing: bool = False
    halal_meals: bool = False


def public_postings(filters: PublicFilters | None = None) -> QuerySet[JobPosting]:
    """The public listing: approved, open postings of verified employers. Nothing about seekers."""
    f = filters or PublicFilters()
    qs = _within(JobPosting.objects.select_related("place", "employer").filter(open_q()), f.place)
    if f.pay_at_least:
        qs = qs.filter(Q(*[Q(pay_period=period, pay_max__gte=f.pay_at_least / factor)
                           for period, factor in MONTHLY_FACTOR.items()], _connector=Q.OR))
    if f.language:
        qs = qs.filter(languages__contains=f",{f.language},")
    for flag in ("meals", "housing", "halal_meals"):
        if getattr(f, flag):
            qs = qs.filter(**{flag: True})
    return qs.order_by("-decided_at", "-id")


def public_posting_get(pk) -> JobPosting:
    return _get(JobPosting.objects.select_related("place", "employer").filter(open_q()), pk)


# --- seekers ------------------------------------------------------------------------------------

def seekers_visible(user) -> QuerySet[JobSeeker]:
    return JobSeeker.objects.select_related("place", "wished_place").filter(
        scope_q(user, Cap.JOB_VIEW, "place__path"))


def seeker_list(user, *, q: str = "", status: str = "", place: Place | None = None) -> QuerySet[JobSeeker]:
    qs = _within(seekers_visible(user), place)
    if q.strip():
        qs = qs.filter(name__icontains=q.strip())
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def seeker_get(user, pk) -> JobSeeker:
    return _get(seekers_visible(user), pk)


# --- matching -----------------------------------------------------------------------------------

def seeker_side(seeker: JobSeeker) -> matching.Side:
    wished = seeker.wished_place or seeker.place
    return matching.Side(skills=frozenset(seeker.skill_codes), languages=frozenset(seeker.language_codes),
                         place_path=wished.path if wished else None,
                         pay_min=seeker.wished_pay_min, pay_max=seeker.wished_pay_max)


def posting_side(posting: JobPosting) -> matching.Side:
    return matching.Side(skills=frozenset(posting.skill_codes), languages=frozenset(posting.language_codes),
                         place_path=posting.place.path,
                         pay_min=matching.monthly(posting.pay_min, posting.pay_period),
                         pay_max=matching.monthly(posting.pay_max, posting.pay_period))


def suggested_postings(user, seeker: JobSeeker, *, limit: int = 10) -> list[tuple[JobPosting, matching.Match]]:
    """Open postings anywhere in the district, best first, with the reasons."""
    postings = list(postings_visible(user).filter(open_q()).order_by("-decided_at", "-id")[:CANDIDATES])
    side = seeker_side(seeker)
    return matching.rank(((p, side, posting_side(p)) for p in postings), limit=limit)


def suggested_seekers(user, posting: JobPosting, *, limit: int = 10) -> list[tuple[JobSeeker, matching.Match]]:
    """Seekers of the user's own places who agreed to be matched and are looking, best first."""
    seekers = list(seekers_visible(user).filter(consent=True, status=SeekerStatus.LOOKING)
                   .order_by("-created_at", "-id")[:CANDIDATES])
    side = posting_side(posting)
    return matching.rank(((s, seeker_side(s), side) for s in seekers), limit=limit)


# --- referrals and placements -------------------------------------------------------------------

def referrals_visible(user) -> QuerySet[Referral]:
    return Referral.objects.select_related("place", "seeker", "posting__employer").filter(
        scope_q(user, Cap.JOB_VIEW, "place__path"))


def referral_list(user, *, seeker: JobSeeker | None = None, posting: JobPosting | None = None) -> QuerySet[Referral]:
    qs = referrals_visible(user)
    if seeker is not None:
        qs = qs.filter(seeker=seeker)
    if posting is not None:
        qs = qs.filter(posting=posting)
    return qs.order_by("-referred_at", "-id")


def referral_get(user, pk) -> Referral:
    return _get(referrals_visible(user), pk)


def placements_visible(user) -> QuerySet[Placement]:
    return Placement.objects.select_related("place", "seeker", "employer", "posting").filter(
        scope_q(user, Cap.JOB_VIEW, "place__path"))


def placement_list(user, *, seeker: JobSeeker | None = None, place: Place | None = None,
                   date_from: date | None = None, date_to: date | None = None) -> QuerySet[Placement]:
    qs = _within(placements_visible(user), place)
    if seeker is not None:
        qs = qs.filter(seeker=seeker)
    if date_from:
        qs = qs.filter(start_date__gte=date_from)
    if date_to:
        qs = qs.filter(start_date__lte=date_to)
    return qs.order_by("-start_date", "-id")


@dataclass
class FigureRow:
    place: Place
    people: int  # distinct seekers placed
    placements: int


def helped_into_work(user, *, place: Place | None = None, date_from: date | None = None,
                     date_to: date | None = None) -> tuple[list[FigureRow], int, int]:
    """People helped into work (distinct seekers placed) in the period, for each place one level
    below ``place`` (default: the user's own places), and in all. Counts only, within scope."""
    base = placement_list(user, place=place, date_from=date_from, date_to=date_to)
    rows_data = list(base.values_list("place__path", "seeker_id"))
    if place is not None:
        groups = list(Place.objects.filter(parent=place).order_by("path")) or [place]
    else:
        tops = roots(user, Cap.JOB_VIEW)
        groups = (list(Place.objects.filter(parent=tops[0]).order_by("path")) if len(tops) == 1 else tops) or tops
    rows = []
    for group in groups:
        inside = [(p, s) for p, s in rows_data if p.startswith(group.path)]
        rows.append(FigureRow(place=group, people=len({s for _p, s in inside}), placements=len(inside)))
    return rows, len({s for _p, s in rows_data}), len(rows_data)
