"""Postings: pay from 9000 to 3000, HTML in a title, only verified employers, approval by someone
other than the author, outsiders, expiry."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from jobs_helpers import make_employer, make_posting, posting_fields

from shiliu.audit.models import AuditEvent
from shiliu.jobs import services
from shiliu.jobs.models import JobPosting
from shiliu.jobs.selectors import posting_list, public_postings
from shiliu.jobs.tasks import close_expired_postings


def form_data(employer, tree, **overrides) -> dict:
    data = {"employer": employer.pk, "title": "模具车间普工", "pay_min": "5500", "pay_max": "7500",
            "pay_period": "month", "place": tree.xieshu.pk, "openings": "5", "skills": ["assembly"],
            "languages": ["mandarin", "uyghur"], "meals": "on",
            "expires_on": (timezone.localdate() + timedelta(days=20)).isoformat()}
    data.update(overrides)
    return data


def test_pay_from_9000_to_3000_is_refused_next_to_the_field(people, tree, employer, login, client):
    login(people.worker)
    response = client.post("/jobs/postings/new/", form_data(employer, tree, pay_min="9000", pay_max="3000"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["pay_max"] and "9000" in errors["pay_max"][0] and "3000" in errors["pay_max"][0]
    assert not JobPosting.objects.exists()


def test_html_in_a_title_is_refused(people, tree, employer):
    for title in ("<b>高薪</b>普工", "普工<script>alert(1)</script>", "普工 &lt;急招&gt;"):
        with pytest.raises(ValidationError) as exc:
            services.posting_create(by=people.worker, employer=employer, **posting_fields(tree.xieshu, title=title))
        assert list(exc.value.message_dict) == ["title"]
    assert not JobPosting.objects.exists()


def test_all_bad_fields_are_reported_at_once(people, tree, employer):
    with pytest.raises(ValidationError) as exc:
        services.posting_create(by=people.worker, employer=employer, **posting_fields(
            tree.xieshu, title="", pay_min=9000, pay_max=3000, openings=0, languages=["klingon"],
            expires_on=timezone.localdate() - timedelta(days=1)))
    assert set(exc.value.message_dict) == {"title", "pay_max", "openings", "languages", "expires_on"}


def test_only_a_verified_employer_may_post(people, tree):
    unverified = make_employer(people.worker, tree.xieshu, serial=5)
    with pytest.raises(ValidationError) as exc:
        services.posting_create(by=people.worker, employer=unverified, **posting_fields(tree.xieshu))
    assert "employer" in exc.value.message_dict


def test_worker_writes_and_submits_an_officer_approves(people, tree, employer, login, client):
    login(people.worker)
    response = client.post("/jobs/postings/new/", form_data(employer, tree))
    posting = JobPosting.objects.get()
    assert response.status_code == 302 and posting.status == "draft"
    assert posting.language_codes == ["mandarin", "uyghur"] and posting.meals and not posting.housing
    client.post(f"/jobs/postings/{posting.pk}/do/submit/", {"version": posting.version})
    posting.refresh_from_db()
    assert posting.status == "submitted"
    assert not public_postings().exists()
    client.logout()
    login(people.officer)
    response = client.post(f"/jobs/postings/{posting.pk}/do/approve/", {"version": posting.version})
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == "approved" and posting.decided_by == people.officer
    assert list(public_postings()) == [posting]
    assert AuditEvent.objects.filter(action="jobs.posting.approve").count() == 1


def test_the_author_cannot_approve_their_own_posting(people, tree, employer, login, client):
    posting = make_posting(employer, people.officer, tree.xieshu)
    posting = services.posting_transition(posting=posting, by=people.officer, version=posting.version,
                                          action="submit")
    login(people.officer)
    response = client.post(f"/jobs/postings/{posting.pk}/do/approve/", {"version": posting.version})
    assert response.status_code == 422
    posting.refresh_from_db()
    assert posting.status == "submitted" and posting.decided_by is None
    with pytest.raises(ValidationError):
        services.posting_transition(posting=posting, by=people.officer, version=posting.version, action="approve")


def test_worker_cannot_approve(people, tree, employer, login, client):
    posting = make_posting(employer, people.officer, tree.xieshu)
    posting = services.posting_transition(posting=posting, by=people.officer, version=posting.version,
                                          action="submit")
    login(people.worker)
    assert client.post(f"/jobs/postings/{posting.pk}/do/approve/", {"version": 2}).status_code == 403
    posting.refresh_from_db()
    assert posting.status == "submitted"


def test_outsider_gets_404_and_nothing_changes(people, tree, employer, login, client):
    posting = make_posting(employer, people.worker, tree.xieshu)
    login(people.other_worker)
    for url in (f"/jobs/postings/{posting.pk}/", f"/jobs/postings/{posting.pk}/edit/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/jobs/postings/{posting.pk}/do/submit/", {"version": 1}).status_code == 404
    assert client.post(f"/jobs/postings/{posting.pk}/edit/", form_data(employer, tree, title="改")).status_code == 404
    posting.refresh_from_db()
    assert posting.status == "draft" and posting.title == "模具车间普工" and posting.version == 1


def test_an_approved_posting_is_seen_read_only_across_the_district(people, tree, posting, login, client):
    login(people.other_worker)
    assert client.get(f"/jobs/postings/{posting.pk}/").status_code == 200
    assert client.post(f"/jobs/postings/{posting.pk}/do/close/", {"version": posting.version}).status_code == 403
    posting.refresh_from_db()
    assert posting.status == "approved"


def test_a_stale_version_is_refused(people, tree, employer):
    posting = make_posting(employer, people.worker, tree.xieshu)
    services.posting_update(posting=posting, by=people.worker, version=1, title="普工（急招）")
    from shiliu.core.concurrency import StaleVersion

    with pytest.raises(StaleVersion):
        services.posting_update(posting=posting, by=people.worker, version=1, title="普工")
    assert JobPosting.objects.get().title == "普工（急招）"


def test_expired_postings_are_hidden_at_once_and_closed_by_the_task(people, tree, employer, posting):
    other = make_posting(employer, people.worker, tree.xieshu, approver=people.officer, title="叉车司机")
    JobPosting.objects.filter(pk=posting.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    assert list(public_postings()) == [other]
    assert list(posting_list(people.other_worker, status="open")) == [other]
    assert close_expired_postings.call() == 1
    posting.refresh_from_db()
    other.refresh_from_db()
    assert posting.status == "closed" and other.status == "approved"
    assert AuditEvent.objects.filter(action="jobs.posting.expire", target_id=str(posting.pk)).count() == 1
    assert close_expired_postings.call() == 0  # idempotent


def test_an_expired_posting_cannot_be_approved(people, tree, employer):
    posting = make_posting(employer, people.worker, tree.xieshu)
    posting = services.posting_transition(posting=posting, by=people.worker, version=1, action="submit")
    JobPosting.objects.filter(pk=posting.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError) as exc:
        services.posting_transition(posting=posting, by=people.officer, version=posting.version, action="approve")
    assert "expires_on" in exc.value.message_dict


def test_posting_list_query_count_is_fixed(people, tree, employer, login, client, django_assert_num_queries):
    for i in range(3):
        make_posting(employer, people.worker, tree.xieshu, title=f"岗位{i}")
    login(people.worker)
    with django_assert_num_queries(6):
        client.get("/jobs/postings/")
    make_posting(employer, people.officer, tree.jiufeng, approver=people.admin, title="岗位9")
    with django_assert_num_queries(6):
        client.get("/jobs/postings/")
