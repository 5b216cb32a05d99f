"""/api/v1/jobs/desk: the employer's contact posts jobs with the portal's resident token;
problem+json errors (401, 403, 404, 409, 422); staff decide on what the employer posted."""

from datetime import timedelta

import pytest
from django.utils import timezone
from jobs_helpers import make_employer, make_posting

from shiliu.jobs import services
from shiliu.jobs.choices import PostingSource, PostingStatus
from shiliu.jobs.models import Employer, JobPosting
from shiliu.notify.models import Outbox

BASE = "/api/v1/jobs/desk"
CONTACT = "13900002101"  # make_employer's contact phone


def _token(client, phone: str = CONTACT) -> dict:
    """A resident token for ``phone``, through the portal's API (code, then verify)."""
    assert client.post("/api/v1/portal/code", {"phone": phone}, content_type="application/json").status_code == 202
    rows = [r for r in Outbox.objects.filter(template="portal.code").order_by("-id") if r.phone == "+86" + phone]
    response = client.post("/api/v1/portal/code/verify", {"phone": phone, "code": rows[0].params["code"]},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    return {"HTTP_X_RESIDENT_TOKEN": response.json()["token"]}


def _body(at, **overrides) -> dict:
    body = {"title": "拉面师傅", "pay_min": 7000, "pay_max": 9000, "place": at.pk, "hours": "每天 9 小时",
            "languages": ["mandarin", "uyghur"], "meals": True, "halal_meals": True, "openings": 2,
            "expires_on": (timezone.localdate() + timedelta(days=30)).isoformat()}
    body.update(overrides)
    return body


def _post(client, employer, headers, body, key="api-key-1"):
    return client.post(f"{BASE}/employers/{employer.pk}/postings", body, content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY=key, **headers)


def _is_problem(response, status: int) -> bool:
    return response.status_code == status and response["Content-Type"].startswith("application/problem+json")


@pytest.fixture
def headers(client, employer):
    return _token(client)


def test_the_contact_lists_posts_changes_and_closes(client, people, tree, employer, headers):
    listed = client.get(f"{BASE}/employers", **headers).json()
    assert [(e["id"], e["status"], e["can_post"]) for e in listed] == [(employer.pk, "verified", True)]
    assert "contact_phone" not in listed[0] and "credit_code" not in listed[0]

    created = _post(client, employer, headers, _body(tree.daqi))
    assert created.status_code == 201, created.content
    out = created.json()
    assert (out["status"], out["source"], out["languages"]) == ("submitted", "employer", ["mandarin", "uyghur"])
    posting = JobPosting.objects.get()
    assert posting.created_by_id is None and posting.source == PostingSource.EMPLOYER

    again = _post(client, employer, headers, _body(tree.daqi, title="另一个标题"))
    assert again.status_code == 200 and again.json()["id"] == out["id"] and JobPosting.objects.count() == 1

    rows = client.get(f"{BASE}/employers/{employer.pk}/postings", **headers).json()
    assert [r["id"] for r in rows] == [posting.pk]
    assert client.get(f"{BASE}/employers/{employer.pk}/postings/{posting.pk}", **headers).status_code == 200

    patched = client.patch(f"{BASE}/employers/{employer.pk}/postings/{posting.pk}",
                           {"version": out["version"], "openings": 4}, content_type="application/json", **headers)
    assert patched.status_code == 200 and patched.json()["openings"] == 4
    stale = client.patch(f"{BASE}/employers/{employer.pk}/postings/{posting.pk}",
                         {"version": out["version"], "openings": 9}, content_type="application/json", **headers)
    assert _is_problem(stale, 409)
    posting.refresh_from_db()
    assert posting.openings == 4

    closed = client.post(f"{BASE}/employers/{employer.pk}/postings/{posting.pk}/close",
                         {"version": posting.version}, content_type="application/json", **headers)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


def test_form_key_in_the_body_also_makes_one_posting(client, tree, employer, headers):
    body = _body(tree.daqi, form_key="body-key")
    url = f"{BASE}/employers/{employer.pk}/postings"
    assert client.post(url, body, content_type="application/json", **headers).status_code == 201
    assert client.post(url, body, content_type="application/json", **headers).status_code == 200
    assert JobPosting.objects.count() == 1


def test_without_a_key_the_posting_is_refused(client, tree, employer, headers):
    response = client.post(f"{BASE}/employers/{employer.pk}/postings", _body(tree.daqi),
                           content_type="application/json", **headers)
    assert _is_problem(response, 422) and not JobPosting.objects.exists()


def test_without_a_token_the_answer_is_401(client, tree, employer):
    assert _is_problem(client.get(f"{BASE}/employers"), 401)
    forged = {"HTTP_X_RESIDENT_TOKEN": "forged"}
    assert _is_problem(_post(client, employer, forged, _body(tree.daqi)), 401)
    assert not JobPosting.objects.exists()


def test_another_phones_employer_is_403_and_its_posting_404(client, people, tree, employer, headers):
    other = make_employer(people.officer, tree.daqi, serial=2, name="别家工厂", verify_by=people.admin)
    Employer.objects.filter(pk=other.pk).update(contact_phone="+8613600001111",
                                                contact_phone_index=services.phone_index("+8613600001111"))
    theirs = make_posting(other, people.worker, tree.xieshu, title="别家岗位")
    assert [e["id"] for e in client.get(f"{BASE}/employers", **headers).json()] == [employer.pk]
    assert _is_problem(client.get(f"{BASE}/employers/{other.pk}/postings", **headers), 403)
    assert _is_problem(_post(client, other, headers, _body(tree.daqi)), 403)
    response = client.patch(f"{BASE}/employers/{employer.pk}/postings/{theirs.pk}",
                            {"version": theirs.version, "title": "改"}, content_type="application/json", **headers)
    assert _is_problem(response, 404)
    response = client.post(f"{BASE}/employers/{employer.pk}/postings/{theirs.pk}/close",
                           {"version": theirs.version}, content_type="application/json", **headers)
    assert _is_problem(response, 404)
    theirs.refresh_from_db()
    assert theirs.title == "别家岗位" and theirs.status == PostingStatus.DRAFT and JobPosting.objects.count() == 1


def test_bad_input_is_422_with_the_fields(client, tree, employer, headers):
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = _post(client, employer, headers, _body(tree.daqi, pay_min=9000, pay_max=3000, expires_on=past,
                                                      title="<b>拉面</b>", place=tree.education.pk))
    assert _is_problem(response, 422)
    assert {"pay_max", "expires_on", "title", "place"} <= set(response.json()["errors"])
    unknown = _post(client, employer, headers, _body(tree.daqi, status="approved"), key="k2")
    assert _is_problem(unknown, 422)
    assert not JobPosting.objects.exists()


def test_an_unverified_employer_cannot_post(client, people, tree):
    employer = make_employer(people.officer, tree.daqi)
    headers = _token(client)
    assert client.get(f"{BASE}/employers", **headers).json()[0]["can_post"] is False
    response = _post(client, employer, headers, _body(tree.daqi))
    assert _is_problem(response, 422) and "employer" in response.json()["errors"]
    assert not JobPosting.objects.exists()


def test_staff_read_and_approve_a_posting_the_employer_wrote(client, people, tree, employer, headers, token_for):
    posting_id = _post(client, employer, headers, _body(tree.daqi)).json()["id"]
    staff = token_for(people.officer)
    got = client.get(f"/api/v1/jobs/postings/{posting_id}", **staff)
    assert got.status_code == 200 and got.json()["source"] == "employer" and got.json()["created_by_id"] is None
    approved = client.post(f"/api/v1/jobs/postings/{posting_id}/approve", {"version": got.json()["version"]},
                           content_type="application/json", **staff)
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    public = client.get("/api/v1/jobs/public/postings").json()
    assert [p["id"] for p in public["items"]] == [posting_id]


def test_writes_are_rate_limited_per_phone(client, tree, employer, headers, monkeypatch):
    from shiliu.core import ratelimit
    from shiliu.jobs import api_desk

    monkeypatch.setattr(api_desk, "DESK_PER_PHONE", ratelimit.Limit("job-desk-phone-api-test", 1, 3600))
    assert _post(client, employer, headers, _body(tree.daqi), key="r1").status_code == 201
    refused = _post(client, employer, headers, _body(tree.daqi), key="r2")
    assert _is_problem(refused, 429) and refused["Retry-After"]
    assert JobPosting.objects.count() == 1
