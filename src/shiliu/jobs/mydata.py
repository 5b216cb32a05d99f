"""What the job market holds about a resident's phone (shiliu.mydata's collector protocol).

A job seeker's profile is found by the phone's blind index, with its referrals and placements.
An erasure removes what identifies the person from the profile (name, phone, the link to a
resident record, the consent to be contacted) and stops matching; referrals and placements stay
as anonymous rows, because "people helped into work" is counted from them.
"""

from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from shiliu.audit.services import audit_write
from shiliu.jobs.choices import SeekerStatus
from shiliu.jobs.models import JobSeeker, Placement, Referral
from shiliu.jobs.seeking import seekers_of_phone
from shiliu.mydata import texts
from shiliu.mydata.collectors import Kept, Outcome, Section
from shiliu.people.masking import mask_phone

LABEL = "jobs"
FORGOTTEN = "forgotten"  # the phone index of an erased profile: matches no phone

PROFILE = _("Your job-seeker profile")
REFERRALS = _("Jobs you were recommended for")
PLACEMENTS = _("Jobs you started")
PLACEMENTS_KEPT = _("Kept without your name or phone: the district counts the people it helped into work "
                    "from them (employment service statistics).")




def _date(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d")


def holdings(phone: str) -> list[Section]:
    seekers = list(seekers_of_phone(phone))
    ids = [s.pk for s in seekers]
    profiles = [[
        (texts.CONTACT_NAME, s.name),
        (texts.PHONE, mask_phone(s.phone)),
        (_("Place"), s.place.name),
        (_("Skills"), ", ".join([*s.skill_codes, s.skills_other] if s.skills_other else s.skill_codes)),
        (_("Languages spoken"), ", ".join(s.language_codes)),
        (_("Wished pay (yuan a month)"), f"{s.wished_pay_min or ''}–{s.wished_pay_max or ''}"),
        (_("Agrees to be matched and contacted"), s.consent),
        (texts.STATUS, s.get_status_display()),
        (_("Recorded on"), _date(s.created_at)),
    ] for s in seekers]
    referrals = [[
        (_("Job"), r.posting.title),
        (_("Employer"), r.posting.employer.name),
        (_("Outcome"), r.get_outcome_display()),
        (_("Recommended on"), _date(r.referred_at)),
    ] for r in Referral.objects.filter(seeker_id__in=ids).select_related("posting__employer").order_by("-id")]
    placements = [[
        (_("Employer"), p.employer.name),
        (_("Start date"), p.start_date.isoformat()),
    ] for p in Placement.objects.filter(seeker_id__in=ids).select_related("employer").order_by("-id")]
    return [Section(app=LABEL, title=PROFILE, rows=profiles),
            Section(app=LABEL, title=REFERRALS, rows=referrals),
            Section(app=LABEL, title=PLACEMENTS, rows=placements)]


def _profiles_erased(n: int):
    return lazy(lambda: ngettext("%(n)d job-seeker profile anonymised (name and phone removed, no more matching)",
                                 "%(n)d job-seeker profiles anonymised (names and phones removed, no more matching)",
                                 n) % {"n": n}, str)()


def _placements_kept(n: int):
    return lazy(lambda: ngettext("%(n)d job started", "%(n)d jobs started", n) % {"n": n}, str)()


def erase(phone: str) -> Outcome:
    seekers = list(seekers_of_phone(phone).select_related(None).select_for_update())
    for seeker in seekers:
        JobSeeker.objects.filter(pk=seeker.pk).update(
            name="", phone="", phone_index=f"{FORGOTTEN}:{seeker.pk}", resident=None, consent=False,
            skills_other="", status=SeekerStatus.PAUSED, version=seeker.version + 1, updated_at=timezone.now())
        audit_write(by=None, action="jobs.seeker.erase", target=seeker)
    outcome = Outcome(app=LABEL, title=PROFILE)
    if seekers:
        outcome.erased.append(_profiles_erased(len(seekers)))
    placed = Placement.objects.filter(seeker__in=seekers).count()
    if placed:
        outcome.kept.append(Kept(what=_placements_kept(placed), reason=PLACEMENTS_KEPT))
    return outcome
