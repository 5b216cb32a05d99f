"""SECURITY.md A1 for the job market: joins shiliu.core.classification.FIELDS."""

from shiliu.core.classification import CREATED, FOREVER, GENERAL, ID, PERSONAL, RECORD, VERSION, F

_G = F(GENERAL, "the job market: employers and their postings", FOREVER)
_WHO = F(PERSONAL, "accountability: which staff member did it", RECORD)
EMPLOYER = "while the employer is registered; the contact 2 years after its last posting"
SEEKER = "while the seeker looks for work; deleted 2 years after the last referral or placement (A6)"
_S = F(PERSONAL, "matching the seeker with postings (kept by a worker on their behalf)", SEEKER)
_P = F(GENERAL, "counting people helped into work (the figures)", FOREVER)

FIELDS = {
    "jobs.Employer": {
        "id": ID, "name": _G, "credit_code": F(GENERAL, "the employer's public registration number", FOREVER),
        "address": _G, "place": _G,
        "contact_name": F(PERSONAL, "the person to call about the employer (encrypted)", EMPLOYER),
        "contact_phone": F(PERSONAL, "calling the employer's contact (encrypted, masked)", EMPLOYER),
        "contact_phone_index": F(PERSONAL, "the contact's sign-in to the employers' desk (keyed blind index)",
                                 EMPLOYER),
        "status": _G, "reject_reason": _G, "source": _G,
        "verified_by": _WHO, "verified_at": _G, "created_by": _WHO,
        "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "jobs.JobPosting": {
        "id": ID, "employer": _G, "title": _G, "description": _G, "pay_min": _G, "pay_max": _G,
        "pay_period": _G, "place": _G, "work_location": _G, "hours": _G, "requirements": _G, "skills": _G,
        "languages": F(GENERAL, "spoken languages used at work (about the job, never about people)", FOREVER),
        "meals": _G, "housing": _G, "halal_meals": _G, "openings": _G, "expires_on": _G, "status": _G,
        "reject_reason": _G, "created_by": _WHO, "source": _G,
        "form_key": F(GENERAL, "a double submit on the employers' desk makes one posting", FOREVER),
        "created_at": CREATED, "decided_by": _WHO, "decided_at": _G,
        "updated_at": CREATED, "version": VERSION,
    },
    "jobs.JobSeeker": {
        "id": ID, "name": _S,
        "phone": F(PERSONAL, "calling the seeker about a job (optional, encrypted, masked, reads audited)", SEEKER),
        "phone_index": F(PERSONAL, "finding the profile for the resident's own data page (keyed blind index)", SEEKER),
        "place": F(GENERAL, "the place whose workers keep the profile (scope)", SEEKER),
        "resident": F(PERSONAL, "the resident's record, when the seeker is one", SEEKER),
        "languages": F(PERSONAL, "spoken languages, matched with postings' languages (never ethnicity)", SEEKER),
        "skills": _S, "skills_other": _S, "wished_place": _S, "wished_pay_min": _S, "wished_pay_max": _S,
        "availability": _S,
        "consent": F(PERSONAL, "whether the seeker agreed to be matched and contacted", SEEKER),
        "consent_at": _S, "consent_by": _WHO, "status": _S,
        "created_by": _WHO, "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "jobs.Referral": {
        "id": ID, "seeker": _S, "posting": _S, "place": _S, "outcome": _S,
        "note": F(PERSONAL, "how the referral went; may name people", SEEKER),
        "referred_by": _WHO, "referred_at": _S, "updated_at": CREATED, "version": VERSION,
    },
    "jobs.Placement": {
        "id": ID, "seeker": _S, "employer": _P, "posting": _P, "place": _P, "start_date": _P,
        "recorded_by": _WHO, "recorded_at": CREATED,
    },
}
