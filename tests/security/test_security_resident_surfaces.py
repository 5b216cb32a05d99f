"""Security review of the resident-facing surfaces (employers' desk, resident tokens, files through
the portal API, the resident's own job-seeker profile): what a resident's token opens must not be
kept by a cache (B5, F3), a PATCH's null must not withdraw consent (A3), and the controls found
sound stay so (IDOR after a contact phone change, the sign-out's next path, mass assignment)."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from shiliu.jobs import services
from shiliu.jobs.demo import credit_code
from shiliu.jobs.models import JobPosting, JobSeeker
from shiliu.notify.models import Outbox
from shiliu.portal import identity

API = "/api/v1"
CONTACT = "13900002101"
OTHER = "13712345678"


def _code(e164: str) -> str:
    rows = [r for r in Outbox.objects.filter(template="portal.code").order_by("-id") if r.phone == e164]
    return rows[0].params["code"]


def token(client, phone: str = CONTACT) -> dict:
    """Headers with a resident token for ``phone``, through the portal API's code and verify."""
    assert client.post(f"{API}/portal/code", {"phone": phone}, content_type="application/json").status_code == 202
    response = client.post(f"{API}/portal/code/verify", {"phone": phone, "code": _code("+86" + phone)},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    return {"HTTP_X_RESIDENT_TOKEN": response.json()["token"]}


def signed_in(client, phone: str = CONTACT) -> None:
    """A browser whose session holds ``phone`` as verified (what the code page leaves behind)."""
    session = client.session
    now = time.time()
    session[identity.PHONE], session[identity.VERIFIED_AT], session[identity.SEEN] = "+86" + phone, now, now
    session.save()


@pytest.fixture
def employer(people, tree):
    made = services.employer_register(by=people.officer, name="大碶示范模具厂", credit_code=credit_code(1),
                                      address="示范路 1 号", place=tree.daqi, contact_name="周经理",
                                      contact_phone=CONTACT)
    return services.employer_verify(employer=made, by=people.admin, version=made.version)


def _posting_body(place, **overrides) -> dict:
    body = {"title": "注塑车间普工", "pay_min": 5000, "pay_max": 7000, "place": place.pk,
            "expires_on": (timezone.localdate() + timedelta(days=30)).isoformat()}
    body.update(overrides)
    return body


def _directives(response) -> set[str]:
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",") if part.strip()}


# --- answers to a resident's token are never stored by a browser or proxy -----------------------

def test_the_desk_and_portal_api_answers_to_a_resident_token_are_not_cacheable(client, tree, employer):
    headers = token(client)
    created = client.post(f"{API}/jobs/desk/employers/{employer.pk}/postings", _posting_body(tree.daqi),
                          content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1", **headers)
    assert created.status_code == 201
    profile = client.post(f"{API}/portal/jobs/profile", {"name": "古丽米拉", "place": tree.xieshu.pk},
                          content_type="application/json", **headers)
    assert profile.status_code == 201
    for url in (f"{API}/jobs/desk/employers", f"{API}/jobs/desk/employers/{employer.pk}/postings",
                f"{API}/portal/requests", f"{API}/portal/jobs/profile"):
        response = client.get(url, **headers)
        assert response.status_code == 200, url
        assert {"no-store", "private"} <= _directives(response), url
    for response in (created, profile):
        assert "no-store" in _directives(response)


def test_my_data_through_a_resident_bearer_token_is_not_cacheable(client, tree):
    headers = token(client)
    response = client.get(f"{API}/my-data/mine", HTTP_AUTHORIZATION="Bearer " + headers["HTTP_X_RESIDENT_TOKEN"])
    assert response.status_code == 200
    assert {"no-store", "private"} <= _directives(response)


# --- a null in the profile's PATCH changes nothing (and never withdraws consent) -----------------

def test_a_null_in_the_profile_patch_neither_withdraws_consent_nor_clears_fields(client, tree):
    headers = token(client, OTHER)
    made = client.post(f"{API}/portal/jobs/profile",
                       {"name": "古丽米拉", "place": tree.xieshu.pk, "languages": ["mandarin"], "skills": ["assembly"],
                        "wished_pay_min": 5000, "consent": True}, content_type="application/json", **headers).json()
    response = client.patch(f"{API}/portal/jobs/profile",
                            {"version": made["version"], "consent": None, "languages": None, "skills": None,
                             "name": None, "skills_other": "会缝纫"}, content_type="application/json", **headers)
    assert response.status_code == 200, response.content
    seeker = JobSeeker.objects.get()
    assert seeker.consent and seeker.consent_at is not None
    assert (seeker.language_codes, seeker.skill_codes, seeker.name) == (["mandarin"], ["assembly"], "古丽米拉")
    assert seeker.skills_other == "会缝纫"
    # wished pay and place may still be cleared with an explicit null
    cleared = client.patch(f"{API}/portal/jobs/profile", {"version": seeker.version, "wished_pay_min": None},
                           content_type="application/json", **headers)
    assert cleared.status_code == 200 and cleared.json()["wished_pay_min"] is None


def test_withdrawing_consent_takes_an_explicit_false(client, tree):
    headers = token(client, OTHER)
    made = client.post(f"{API}/portal/jobs/profile", {"name": "古丽米拉", "place": tree.xieshu.pk, "consent": True},
                       content_type="application/json", **headers).json()
    response = client.patch(f"{API}/portal/jobs/profile", {"version": made["version"], "consent": False},
                            content_type="application/json", **headers)
    assert response.status_code == 200 and response.json()["consent"] is False


# --- controls found sound, kept so ----------------------------------------------------------------

def test_the_old_contact_phone_loses_the_desk_at_once_in_pages_and_api(client, people, tree, employer):
    headers = token(client)
    posting, _created = services.desk_posting_create(phone="+86" + CONTACT, employer=employer, form_key="k",
                                                     **{**_posting_body(tree.daqi), "place": tree.daqi,
                                                        "expires_on": timezone.localdate() + timedelta(days=9)})
    signed_in(client)
    assert client.get(f"/jobs/desk/{employer.pk}/").status_code == 200
    services.employer_update(employer=employer, by=people.officer, version=employer.version, contact_phone=OTHER)
    assert client.get(f"/jobs/desk/{employer.pk}/").status_code == 403
    assert client.get(f"/jobs/desk/{employer.pk}/postings/{posting.pk}/").status_code == 403
    assert client.post(f"/jobs/desk/{employer.pk}/postings/{posting.pk}/close/",
                       {"version": posting.version}).status_code == 403
    assert client.get(f"{API}/jobs/desk/employers", **headers).json() == []
    refused = client.patch(f"{API}/jobs/desk/employers/{employer.pk}/postings/{posting.pk}",
                           {"version": posting.version, "title": "改"}, content_type="application/json", **headers)
    assert refused.status_code == 403
    assert JobPosting.objects.get().title == "注塑车间普工"


@pytest.mark.parametrize("target", ["/\\evil.com", "///evil.com", "//evil.com", "/\t/evil.com", "/\\/evil.com",
                                    "https://evil.com", "/%5Cevil.com"])
def test_the_sign_out_never_leaves_the_site(client, tree, target):
    signed_in(client)
    location = client.post("/portal/sign-out/", {"next": target})["Location"]
    assert location.startswith("/") and not location.startswith("//") and "\\" not in location
    assert location in ("/portal/", "/%5Cevil.com")  # the encoded one is a path of this site


@pytest.mark.parametrize("field,value", [("status", "approved"), ("source", "staff"), ("created_by", 1),
                                         ("employer", 2), ("form_key", None)])
def test_the_desk_api_refuses_fields_a_contact_may_not_set(client, tree, employer, field, value):
    headers = token(client)
    url = f"{API}/jobs/desk/employers/{employer.pk}/postings"
    body = _posting_body(tree.daqi, **{field: value})
    response = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-2", **headers)
    assert response.status_code == 422
    assert not JobPosting.objects.exists()
