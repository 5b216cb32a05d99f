"""/api/v1/jobs: scoped reads, the services' refusals as problem+json, outsiders get 404."""

from datetime import timedelta

from django.utils import timezone
from jobs_helpers import PG, PHONE, PHONE_MASKED, make_posting

from shiliu.audit.models import AuditEvent
from shiliu.jobs.demo import credit_code
from shiliu.jobs.models import Employer, JobPosting, JobSeeker, Placement, Referral

API = "/api/v1/jobs"


def post(client, url, data, headers):
    return client.post(url, data, content_type="application/json", **headers)


def posting_body(employer, tree, **overrides) -> dict:
    body = {"employer": employer.pk, "title": "普工", "pay_min": 5000, "pay_max": 6000, "place": tree.xieshu.pk,
            "skills": ["assembly"], "languages": ["mandarin"],
            "expires_on": (timezone.localdate() + timedelta(days=10)).isoformat()}
    body.update(overrides)
    return body


def test_employer_register_wrong_check_and_twice(people, tree, token_for, client):
    headers = token_for(people.worker)
    body = {"name": "示范厂", "credit_code": credit_code(3)[:-1] + ("0" if credit_code(3)[-1] != "0" else "1"),
            "address": "示范路", "place": tree.xieshu.pk, "contact_name": "周", "contact_phone": "13900002101"}
    response = post(client, f"{API}/employers", body, headers)
    assert response.status_code == 422 and response["Content-Type"].startswith("application/problem+json")
    assert list(response.json()["errors"]) == ["credit_code"]
    body["credit_code"] = credit_code(3)
    created = post(client, f"{API}/employers", body, headers)
    assert created.status_code == 201 and created.json()["contact_phone_masked"] == "139****2101"
    assert "13900002101" not in created.content.decode()
    again = post(client, f"{API}/employers", body, headers)
    assert again.status_code == 422 and "credit_code" in again.json()["errors"]
    assert Employer.objects.count() == 1


def test_employer_verify_outsider_gets_404(people, tree, token_for, client):
    from jobs_helpers import make_employer, make_officer

    employer = make_employer(people.worker, tree.xieshu)
    outsider = make_officer("xinqi_officer", tree.xinqi)
    response = post(client, f"{API}/employers/{employer.pk}/verify", {"version": 1}, token_for(outsider))
    assert response.status_code == 404
    assert Employer.objects.get().status == "registered"
    ok = post(client, f"{API}/employers/{employer.pk}/verify", {"version": 1}, token_for(people.officer))
    assert ok.status_code == 200 and ok.json()["status"] == "verified"
    stale = post(client, f"{API}/employers/{employer.pk}/reject", {"version": 1, "reason": "x"},
                 token_for(people.officer))
    assert stale.status_code == 409


def test_posting_pay_9000_to_3000_and_html_title(people, tree, employer, token_for, client):
    headers = token_for(people.worker)
    response = post(client, f"{API}/postings", posting_body(employer, tree, pay_min=9000, pay_max=3000,
                                                           title="<b>高薪</b>"), headers)
    assert response.status_code == 422 and set(response.json()["errors"]) == {"pay_max", "title"}
    assert not JobPosting.objects.exists()
    unknown = post(client, f"{API}/postings", {**posting_body(employer, tree), "ethnicity": "x"}, headers)
    assert unknown.status_code in (400, 422)
    assert not JobPosting.objects.exists()


def test_posting_workflow_and_self_approval_refused(people, tree, employer, token_for, client):
    created = post(client, f"{API}/postings", posting_body(employer, tree), token_for(people.officer)).json()
    url = f"{API}/postings/{created['id']}"
    submitted = post(client, f"{url}/submit", {"version": 1}, token_for(people.officer))
    assert submitted.status_code == 200
    own = post(client, f"{url}/approve", {"version": 2}, token_for(people.officer))
    assert own.status_code == 422
    approved = post(client, f"{url}/approve", {"version": 2}, token_for(people.admin))
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    outsider = post(client, f"{url}/close", {"version": 3}, token_for(people.other_worker))
    assert outsider.status_code == 403  # approved postings are seen read-only across the district
    assert JobPosting.objects.get().status == "approved"


def test_posting_draft_outsider_gets_404(people, tree, employer, token_for, client):
    posting = make_posting(employer, people.worker, tree.xieshu)
    headers = token_for(people.other_worker)
    assert client.get(f"{API}/postings/{posting.pk}", **headers).status_code == 404
    response = client.patch(f"{API}/postings/{posting.pk}", {"version": 1, "title": "改"},
                            content_type="application/json", **headers)
    assert response.status_code == 404
    assert post(client, f"{API}/postings/{posting.pk}/submit", {"version": 1}, headers).status_code == 404
    posting.refresh_from_db()
    assert posting.title == "模具车间普工" and posting.status == "draft"


def test_seekers_referrals_placements_and_figures(people, tree, posting, token_for, client):
    headers = token_for(people.worker)
    body = {"name": "古丽米拉", "phone": PHONE, "place": tree.xieshu.pk, "languages": ["mandarin", "uyghur"],
            "skills": ["assembly"], "wished_pay_min": 5000, "wished_pay_max": 8000, "consent": True}
    created = post(client, f"{API}/seekers", body, headers)
    assert created.status_code == 201 and created.json()["phone_masked"] == PHONE_MASKED
    seeker_id = created.json()["id"]
    listed = client.get(f"{API}/seekers", **headers).json()
    assert listed["count"] == 1 and PHONE not in str(listed)
    assert AuditEvent.objects.filter(action="jobs.seeker.list").count() == 1
    matches = client.get(f"{API}/seekers/{seeker_id}/postings", **headers).json()
    assert matches[0]["posting"]["id"] == posting.pk and len(matches[0]["match"]["reasons"]) == 4
    seekers = client.get(f"{API}/postings/{posting.pk}/seekers", **headers).json()
    assert [s["seeker_id"] for s in seekers] == [seeker_id]
    referral = post(client, f"{API}/referrals", {"seeker": seeker_id, "posting": posting.pk}, headers)
    assert referral.status_code == 201
    outcome = post(client, f"{API}/referrals/{referral.json()['id']}/outcome", {"version": 1, "outcome": "hired"},
                   headers)
    assert outcome.status_code == 200 and outcome.json()["outcome"] == "hired"
    placed = post(client, f"{API}/placements", {"seeker": seeker_id, "employer": posting.employer_id,
                                                "posting": posting.pk,
                                                "start_date": timezone.localdate().isoformat()}, headers)
    assert placed.status_code == 201
    figures = client.get(f"{API}/figures", **headers).json()
    assert figures["people"] == 1 and figures["rows"][0]["people"] == 1
    assert "古丽米拉" not in str(figures)


def test_seeker_writes_by_an_outsider_get_404_and_change_nothing(people, tree, seeker, posting, token_for, client):
    headers = token_for(people.other_worker)
    assert client.get(f"{API}/seekers/{seeker.pk}", **headers).status_code == 404
    patched = client.patch(f"{API}/seekers/{seeker.pk}", {"version": 1, "name": "改"},
                           content_type="application/json", **headers)
    assert patched.status_code == 404
    assert post(client, f"{API}/referrals", {"seeker": seeker.pk, "posting": posting.pk}, headers).status_code == 404
    assert post(client, f"{API}/placements", {"seeker": seeker.pk, "employer": posting.employer_id,
                                              "start_date": "2026-01-01"}, headers).status_code == 404
    assert JobSeeker.objects.get().name == "艾力"
    assert not Referral.objects.exists() and not Placement.objects.exists()


def test_ethnicity_filter_is_refused(people, token_for, client):
    response = client.get(f"{API}/seekers", {"ethnicity": "uyghur"}, **token_for(people.worker))
    assert response.status_code == 400


def test_seeker_list_api_query_count_is_fixed(people, tree, token_for, client, django_assert_num_queries):
    from jobs_helpers import make_seeker

    headers = token_for(people.worker)
    make_seeker(people.worker, tree.xieshu)
    client.get(f"{API}/seekers", **headers)
    with django_assert_num_queries(6 - PG):
        client.get(f"{API}/seekers", **headers)
    make_seeker(people.worker, tree.xieshu, name="马文军")
    with django_assert_num_queries(6 - PG):
        client.get(f"{API}/seekers", **headers)


def test_employer_reject_by_an_outsider_gets_404(people, tree, token_for, client):
    from jobs_helpers import make_employer, make_officer

    employer = make_employer(people.worker, tree.xieshu)
    outsider = make_officer("xinqi_officer", tree.xinqi)
    response = post(client, f"{API}/employers/{employer.pk}/reject", {"version": 1, "reason": "假"},
                    token_for(outsider))
    assert response.status_code == 404
    employer.refresh_from_db()
    assert employer.status == "registered" and employer.reject_reason == ""
