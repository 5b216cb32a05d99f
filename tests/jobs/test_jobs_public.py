"""The public job listing: no login, no seeker data, only approved open postings, cacheable."""

from datetime import timedelta

from django.utils import timezone
from jobs_helpers import make_posting, make_seeker

from shiliu.jobs.models import JobPosting


def test_the_public_listing_shows_only_approved_open_postings(people, tree, employer, posting, client):
    draft = make_posting(employer, people.worker, tree.xieshu, title="草稿岗位")
    expired = make_posting(employer, people.worker, tree.xieshu, approver=people.officer, title="过期岗位")
    JobPosting.objects.filter(pk=expired.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    seeker = make_seeker(people.worker, tree.xieshu, name="艾力江")
    client.cookies["csrftoken"] = "a" * 32  # a first visit (a new CSRF token) is private: test_security_public_cache
    response = client.get("/jobs/public/")
    assert response.status_code == 200
    page = response.content.decode()
    assert posting.title in page and "草稿岗位" not in page and "过期岗位" not in page
    assert seeker.name not in page and "138" not in page and "周经理" not in page
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert "<script" not in page.split("</head>")[1]  # readable without JavaScript
    assert client.get(f"/jobs/public/{posting.pk}/").status_code == 200
    for hidden in (draft, expired):
        assert client.get(f"/jobs/public/{hidden.pk}/").status_code == 404


def test_public_filters(people, tree, employer, posting, client):
    halal = make_posting(employer, people.other_worker, tree.dagang, approver=people.admin, title="拉面师傅",
                         halal_meals=True, languages=["mandarin", "uyghur"], pay_min=7000, pay_max=9000,
                         housing=False)
    hourly = make_posting(employer, people.worker, tree.xieshu, approver=people.officer, title="分拣员",
                          pay_min=25, pay_max=30, pay_period="hour", meals=False, housing=False)

    def titles(**params):
        return {r["posting"].title for r in client.get("/jobs/public/", params).context["rows"]}

    assert titles() == {posting.title, halal.title, hourly.title}
    assert titles(halal_meals="on") == {"拉面师傅"}
    assert titles(language="uyghur") == {"拉面师傅"}
    assert titles(place=tree.daqi.pk) == {posting.title, "分拣员"}
    assert titles(housing="on") == {posting.title}
    assert titles(pay="8000") == {"拉面师傅"}
    assert titles(pay="5000") == {posting.title, "拉面师傅", "分拣员"}  # 30 yuan an hour ≈ 5220 a month


def test_the_public_listing_answers_in_english(posting, client):
    page = client.get("/jobs/public/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Job market" in page and "per month" in page


def test_public_listing_query_count_is_fixed(people, tree, employer, posting, client, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get("/jobs/public/")
    make_posting(employer, people.worker, tree.xieshu, approver=people.officer,
                 title="岗位二")
    with django_assert_num_queries(3):
        client.get("/jobs/public/")


def test_public_api_has_no_seeker_data_and_needs_no_login(people, tree, posting, seeker, client):
    response = client.get("/api/v1/jobs/public/postings")
    assert response.status_code == 200
    body = response.json()
    assert [p["title"] for p in body["items"]] == [posting.title]
    text = response.content.decode()
    assert seeker.name not in text and "phone" not in text and "contact" not in text and "created_by" not in text
    assert client.get(f"/api/v1/jobs/public/postings/{posting.pk}").json()["employer_name"] == posting.employer.name
    assert client.get("/api/v1/jobs/postings").status_code in (401, 403)
