"""The job-market demo: employers with valid credit codes, open postings, seekers, placements;
loading twice adds nothing."""

from stdnum.cn import uscc

from shiliu.core.demo import load_demo
from shiliu.jobs.models import Employer, JobPosting, JobSeeker, Placement, Referral
from shiliu.jobs.selectors import public_postings


def _counts():
    return tuple(m.objects.count() for m in (Employer, JobPosting, JobSeeker, Referral, Placement))


def test_demo_jobs_loads_once(db):
    load_demo(residents=0)
    assert Employer.objects.count() == 6
    assert all(uscc.is_valid(code) for code in Employer.objects.values_list("credit_code", flat=True))
    assert Employer.objects.filter(status="registered", source="public").count() == 1
    assert public_postings().count() >= 6
    assert public_postings().filter(halal_meals=True).exists()
    assert JobPosting.objects.filter(status="submitted").count() == 2
    assert Placement.objects.values("seeker").distinct().count() == 3
    counts = _counts()
    load_demo(residents=0)
    assert counts == _counts()
