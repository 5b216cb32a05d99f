"""The job market's part of a resident's data page: found by the phone, erased to anonymous rows."""

from django.utils import timezone
from jobs_helpers import PHONE, make_seeker

from shiliu.jobs import seeking
from shiliu.jobs.models import JobSeeker, Placement
from shiliu.mydata import collectors

ME = "+86" + PHONE
OTHER = "+8613900009999"


def _jobs(sections):
    return " ".join(str(s.as_data()) for s in sections if s.app == "jobs")


def test_the_profile_its_referral_and_placement_are_found_by_the_phone_and_nobody_elses(people, tree, seeker,
                                                                                         posting, employer):
    seeking.referral_create(seeker=seeker, posting=posting, by=people.worker)
    seeking.placement_record(seeker=seeker, employer=employer, posting=posting, by=people.worker,
                             start_date=timezone.localdate())
    make_seeker(people.other_worker, tree.dagang, name="别人", phone=OTHER[3:])
    text = _jobs(collectors.holdings(ME))
    assert "艾力" in text and posting.title in text and employer.name in text and "138****5678" in text
    assert "别人" not in text
    assert "艾力" not in _jobs(collectors.holdings(OTHER))


def test_erasure_anonymises_the_profile_and_keeps_the_placement_with_the_reason(people, tree, seeker, posting,
                                                                               employer):
    seeking.placement_record(seeker=seeker, employer=employer, posting=posting, by=people.worker,
                             start_date=timezone.localdate())
    other = make_seeker(people.other_worker, tree.dagang, name="别人", phone=OTHER[3:])
    outcome = next(o for o in collectors.erase_all(ME) if o.app == "jobs")
    assert len(outcome.erased) == 1 and len(outcome.kept) == 1
    seeker.refresh_from_db()
    assert (seeker.name, seeker.phone, seeker.consent) == ("", "", False)
    assert not collectors.holdings(ME) or "艾力" not in _jobs(collectors.holdings(ME))
    assert Placement.objects.filter(seeker=seeker).count() == 1  # still counted as helped into work
    assert JobSeeker.objects.get(pk=other.pk).name == "别人"
