"""The employers' desk (pages): the employer's contact proves the contact phone with the portal's
code and posts jobs, which staff approve before they show; no account, nothing personal in URLs,
nothing cached."""

from datetime import timedelta

import pytest
from django.utils import timezone
from jobs_helpers import make_employer, make_posting

from shiliu.audit.models import AuditEvent
from shiliu.core import ratelimit
from shiliu.jobs import services, views_desk
from shiliu.jobs.choices import EmployerStatus, PostingSource, PostingStatus
from shiliu.jobs.demo import credit_code
from shiliu.jobs.models import Employer, JobPosting
from shiliu.notify.models import Outbox

CONTACT = "13900002101"  # make_employer's contact phone
CONTACT_E164 = "+86" + CONTACT
STRANGER = "13712345678"


def verify_phone(client, phone: str = CONTACT, *, next_: str = "/jobs/desk/"):
    """Prove ``phone`` on the portal's code page, as the contact does; returns the last answer."""
    assert client.post("/portal/code/", {"step": "send", "phone": phone, "next": next_}).status_code == 200
    rows = [r for r in Outbox.objects.filter(template="portal.code").order_by("-id") if r.phone == "+86" + phone]
    return client.post("/portal/code/", {"step": "verify", "code": rows[0].params["code"], "next": next_})


def form_data(place, **overrides) -> dict:
    data = {"title": "注塑车间普工", "pay_min": "5000", "pay_max": "7000", "pay_period": "month",
            "place": str(place.pk), "work_location": "大碶示范路 1 号", "hours": "两班倒，每天 8 小时",
            "openings": "3", "expires_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "languages": ["mandarin", "uyghur"], "meals": "on", "housing": "on", "halal_meals": "on",
            "requirements": "18 至 50 岁", "description": "", "form_key": "desk-key-1", "website": ""}
    data.update(overrides)
    return data


@pytest.fixture
def signed_in(client, employer):
    """A browser that proved the contact phone of the verified employer."""
    assert verify_phone(client).status_code == 302
    return client


def test_the_whole_path_from_registration_to_the_public_listing(client, people, tree):
    """Register publicly → an officer verifies → the contact signs in with a code → posts → an
    officer approves → the posting shows on the public listing."""
    response = client.post("/jobs/public/employers/register/", {
        "name": "北仑清真餐饮有限公司", "credit_code": credit_code(7), "address": "大碶街道示范路 9 号",
        "place": str(tree.daqi.pk), "contact_name": "马经理", "contact_phone": CONTACT, "website": ""})
    assert response.status_code == 302
    employer = Employer.objects.get(name="北仑清真餐饮有限公司")
    services.employer_verify(employer=employer, by=people.officer, version=employer.version)

    desk = client.get("/jobs/desk/")
    assert desk.status_code == 302 and desk["Location"].startswith("/portal/code/?next=")
    assert verify_phone(client)["Location"] == "/jobs/desk/"
    home = client.get("/jobs/desk/")
    assert home.status_code == 200 and "北仑清真餐饮有限公司" in home.content.decode()

    response = client.post(f"/jobs/desk/{employer.pk}/postings/new/", form_data(tree.daqi, title="拉面师傅"))
    posting = JobPosting.objects.get(title="拉面师傅")
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/desk/{employer.pk}/postings/{posting.pk}/"
    assert (posting.status, posting.source, posting.created_by_id) == (
        PostingStatus.SUBMITTED, PostingSource.EMPLOYER, None)
    assert posting.halal_meals and posting.language_codes == ["mandarin", "uyghur"]
    event = AuditEvent.objects.get(action="jobs.posting.desk_create")
    assert event.actor_id is None and event.detail["source"] == "employer"
    assert "拉面师傅" not in client.get("/jobs/public/").content.decode()

    services.posting_transition(posting=posting, by=people.officer, version=posting.version, action="approve")
    assert "拉面师傅" in client.get("/jobs/public/").content.decode()
    page = client.get(f"/jobs/desk/{employer.pk}/").content.decode()
    assert "拉面师傅" in page and "已批准，正在展示" in page


def test_without_a_verified_phone_the_desk_sends_to_the_code_page(client, employer):
    for path in ("/jobs/desk/", f"/jobs/desk/{employer.pk}/", f"/jobs/desk/{employer.pk}/postings/new/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/portal/code/?next=")
    response = client.post(f"/jobs/desk/{employer.pk}/postings/new/", {"title": "x"})
    assert response.status_code == 302 and not JobPosting.objects.exists()


def test_a_phone_of_no_employer_gets_a_link_to_the_registration(client, employer):
    verify_phone(client, STRANGER)
    response = client.get("/jobs/desk/")
    page = response.content.decode()
    assert response.status_code == 200 and employer.name not in page
    assert "/jobs/public/employers/register/" in page and "137****5678" in page


def test_the_registration_page_links_to_the_desk(client, db):
    assert 'href="/jobs/desk/"' in client.get("/jobs/public/employers/register/").content.decode()


def test_desk_pages_are_not_cached_and_carry_no_phone_in_urls(signed_in, employer, tree):
    for path in ("/jobs/desk/", f"/jobs/desk/{employer.pk}/", f"/jobs/desk/{employer.pk}/postings/new/"):
        response = signed_in.get(path)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        assert CONTACT not in response.content.decode()  # the number is shown masked only
    response = signed_in.post(f"/jobs/desk/{employer.pk}/postings/new/", form_data(tree.daqi))
    assert CONTACT not in response["Location"] and "no-store" in response["Cache-Control"]


def test_an_unverified_employer_cannot_post(client, people, tree):
    employer = make_employer(people.officer, tree.daqi)
    assert employer.status == EmployerStatus.REGISTERED
    verify_phone(client)
    page = client.get(f"/jobs/desk/{employer.pk}/").content.decode()
    assert "尚未核验" in page and f"/jobs/desk/{employer.pk}/postings/new/" not in page
    response = client.post(f"/jobs/desk/{employer.pk}/postings/new/", form_data(tree.daqi))
    assert response.status_code == 422 and "只有已核验的用人单位才能发布岗位" in response.content.decode()
    assert not JobPosting.objects.exists()


def test_a_rejected_employer_sees_the_reason_and_cannot_post(client, people, tree):
    employer = make_employer(people.officer, tree.daqi)
    services.employer_reject(employer=employer, by=people.admin, version=employer.version, reason="营业执照已注销")
    verify_phone(client)
    assert "营业执照已注销" in client.get("/jobs/desk/").content.decode()
    response = client.post(f"/jobs/desk/{employer.pk}/postings/new/", form_data(tree.daqi))
    assert response.status_code == 422 and not JobPosting.objects.exists()


def test_pay_the_wrong_way_round_is_refused_next_to_the_field(signed_in, employer, tree):
    response = signed_in.post(f"/jobs/desk/{employer.pk}/postings/new/",
                              form_data(tree.daqi, pay_min="9000", pay_max="3000"))
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["pay_max"]
    assert not JobPosting.objects.exists()


def test_an_expiry_in_the_past_is_refused(signed_in, employer, tree):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = signed_in.post(f"/jobs/desk/{employer.pk}/postings/new/", form_data(tree.daqi, expires_on=yesterday))
    assert response.status_code == 422 and list(response.context["form"].errors) == ["expires_on"]
    assert not JobPosting.objects.exists()


def test_a_place_outside_the_public_places_is_refused(signed_in, employer, tree):
    response = signed_in.post(f"/jobs/desk/{employer.pk}/postings/new/", form_data(tree.education))
    assert response.status_code == 422 and "place" in response.context["form"].errors
    assert not JobPosting.objects.exists()


def test_html_in_the_title_is_refused_and_shown_escaped(signed_in, employer, tree):
    response = signed_in.post(f"/jobs/desk/{employer.pk}/postings/new/",
                              form_data(tree.daqi, title="<script>alert(1)</script>"))
    page = response.content.decode()
    assert response.status_code == 422 and "title" in response.context["form"].errors
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert not JobPosting.objects.exists()


def test_a_double_submit_makes_one_posting(signed_in, employer, tree):
    first = signed_in.post(f"/jobs/desk/{employer.pk}/postings/new/", form_data(tree.daqi))
    second = signed_in.post(f"/jobs/desk/{employer.pk}/postings/new/", form_data(tree.daqi))
    assert first["Location"] == second["Location"]
    assert JobPosting.objects.count() == 1
    assert AuditEvent.objects.filter(action="jobs.posting.desk_create").count() == 1


def test_a_form_without_its_key_is_refused(signed_in, employer, tree):
    response = signed_in.post(f"/jobs/desk/{employer.pk}/postings/new/", form_data(tree.daqi, form_key=""))
    assert response.status_code == 422 and not JobPosting.objects.exists()


def test_the_honeypot_stores_nothing(signed_in, employer, tree):
    response = signed_in.post(f"/jobs/desk/{employer.pk}/postings/new/",
                              form_data(tree.daqi, website="http://spam.example"))
    assert response.status_code == 302 and not JobPosting.objects.exists()


def test_another_employers_desk_is_refused(client, people, tree, employer):
    other = make_employer(people.officer, tree.daqi, serial=2, name="别家工厂", verify_by=people.admin)
    Employer.objects.filter(pk=other.pk).update(contact_phone="+8613600001111",
                                                contact_phone_index=services.phone_index("+8613600001111"))
    theirs = make_posting(other, people.worker, tree.xieshu, title="别家岗位")
    verify_phone(client)
    assert "别家工厂" not in client.get("/jobs/desk/").content.decode()
    assert client.get(f"/jobs/desk/{other.pk}/").status_code == 403
    assert client.post(f"/jobs/desk/{other.pk}/postings/new/", form_data(tree.daqi)).status_code == 403
    # their posting under my employer's address: not found, like a missing one
    assert client.get(f"/jobs/desk/{employer.pk}/postings/{theirs.pk}/").status_code == 404
    response = client.post(f"/jobs/desk/{employer.pk}/postings/{theirs.pk}/close/", {"version": theirs.version})
    assert response.status_code == 404
    assert client.get(f"/jobs/desk/{employer.pk + 1000}/").status_code == 404
    assert JobPosting.objects.count() == 1
    assert JobPosting.objects.get().status == PostingStatus.DRAFT


def test_a_service_call_with_another_phone_is_refused(employer, tree):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.desk_posting_create(phone="+8613600001111", employer=employer, form_key="k",
                                     title="x", place=tree.daqi)
    assert not JobPosting.objects.exists()


def _desk_posting(employer, tree, **fields) -> JobPosting:
    posting, _created = services.desk_posting_create(
        phone=CONTACT_E164, employer=employer, form_key=fields.pop("form_key", "k1"), title="仓库分拣员",
        pay_min=4500, pay_max=6000, place=tree.daqi, expires_on=timezone.localdate() + timedelta(days=20), **fields)
    return posting


def test_editing_a_rejected_posting_resubmits_it(signed_in, people, employer, tree):
    posting = _desk_posting(employer, tree)
    posting = services.posting_transition(posting=posting, by=people.officer, version=posting.version,
                                          action="reject", reason="工资写得不清楚")
    page = signed_in.get(f"/jobs/desk/{employer.pk}/").content.decode()
    assert "工资写得不清楚" in page
    edit = signed_in.get(f"/jobs/desk/{employer.pk}/postings/{posting.pk}/edit/")
    assert edit.status_code == 200 and edit.context["form"].initial["version"] == posting.version
    data = form_data(tree.daqi, title="仓库分拣员（日结）", version=str(posting.version))
    response = signed_in.post(f"/jobs/desk/{employer.pk}/postings/{posting.pk}/edit/", data)
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.SUBMITTED and posting.title == "仓库分拣员（日结）"
    assert AuditEvent.objects.filter(action="jobs.posting.desk_update", actor=None).exists()


def test_a_stale_version_is_refused_with_a_message(signed_in, employer, tree):
    posting = _desk_posting(employer, tree)
    data = form_data(tree.daqi, title="新标题", version=str(posting.version))
    services.desk_posting_update(phone=CONTACT_E164, posting=posting, version=posting.version, hours="早班")
    response = signed_in.post(f"/jobs/desk/{employer.pk}/postings/{posting.pk}/edit/", data)
    assert response.status_code == 422 and "其他人" in response.content.decode()
    posting.refresh_from_db()
    assert posting.title == "仓库分拣员"


def test_an_approved_posting_cannot_be_edited_but_can_be_closed(signed_in, people, employer, tree):
    posting = _desk_posting(employer, tree)
    posting = services.posting_transition(posting=posting, by=people.officer, version=posting.version,
                                          action="approve")
    page = signed_in.get(f"/jobs/desk/{employer.pk}/postings/{posting.pk}/").content.decode()
    assert "/edit/" not in page and "/close/" in page
    response = signed_in.post(f"/jobs/desk/{employer.pk}/postings/{posting.pk}/edit/",
                              form_data(tree.daqi, version=str(posting.version)))
    assert response.status_code == 422
    response = signed_in.post(f"/jobs/desk/{employer.pk}/postings/{posting.pk}/close/", {"version": posting.version})
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.CLOSED
    assert "仓库分拣员" not in signed_in.get("/jobs/public/").content.decode()
    assert AuditEvent.objects.filter(action="jobs.posting.desk_close").count() == 1


def test_staff_see_that_the_employer_posted_it_and_decide_as_usual(signed_in, people, employer, tree, login, client):
    posting = _desk_posting(employer, tree)
    login(people.officer)
    page = client.get(f"/jobs/postings/{posting.pk}/").content.decode()
    assert "用人单位自行发布" in page and f"/jobs/postings/{posting.pk}/do/approve/" in page
    response = client.post(f"/jobs/postings/{posting.pk}/do/reject/", {"version": posting.version, "reason": "重复"})
    assert response.status_code == 302
    posting.refresh_from_db()
    assert posting.status == PostingStatus.REJECTED and posting.decided_by == people.officer


def test_the_desk_forms_are_rate_limited_per_phone(signed_in, employer, tree, monkeypatch):
    monkeypatch.setattr(views_desk, "DESK_PER_PHONE", ratelimit.Limit("job-desk-phone-test", 2, 3600))
    for n in range(2):
        assert signed_in.post(f"/jobs/desk/{employer.pk}/postings/new/",
                              form_data(tree.daqi, form_key=f"k{n}")).status_code == 302
    response = signed_in.post(f"/jobs/desk/{employer.pk}/postings/new/", form_data(tree.daqi, form_key="k9"))
    assert response.status_code == 429 and response["Retry-After"]
    assert JobPosting.objects.count() == 2


def test_the_desk_pages_query_count_is_fixed(signed_in, employer, tree, django_assert_num_queries):
    for n in range(3):
        _desk_posting(employer, tree, form_key=f"q{n}")
    signed_in.get(f"/jobs/desk/{employer.pk}/")  # the session's "seen" time is written back once
    with django_assert_num_queries(3):
        assert signed_in.get(f"/jobs/desk/{employer.pk}/").status_code == 200
    with django_assert_num_queries(2):
        assert signed_in.get("/jobs/desk/").status_code == 200


def test_the_desk_speaks_english(signed_in, employer):
    page = signed_in.get("/jobs/desk/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Employers&#x27; desk" in page or "Employers' desk" in page


def test_the_service_refuses_a_place_outside_the_public_places(employer, tree):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        _desk_posting(employer, tree, form_key="dept")  # valid: the subdistrict
        services.desk_posting_create(phone=CONTACT_E164, employer=employer, form_key="dept-2", title="文员",
                                     pay_min=3000, pay_max=4000, place=tree.education,
                                     expires_on=timezone.localdate() + timedelta(days=5))
    assert "place" in refused.value.message_dict
    assert JobPosting.objects.count() == 1


def test_a_posting_of_an_employer_rejected_later_cannot_be_changed(people, employer, tree):
    from django.core.exceptions import ValidationError

    posting = _desk_posting(employer, tree)
    employer.refresh_from_db()
    services.employer_reject(employer=employer, by=people.admin, version=employer.version, reason="已停业")
    with pytest.raises(ValidationError) as refused:
        services.desk_posting_update(phone=CONTACT_E164, posting=posting, version=posting.version, title="新")
    assert "employer" in refused.value.message_dict
    posting.refresh_from_db()
    assert posting.title == "仓库分拣员"
