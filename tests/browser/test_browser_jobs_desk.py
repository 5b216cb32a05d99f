"""The employers' desk in a real browser: a verified employer's contact signs in on a phone with
the SMS code (read from the outbox), posts a job, sees the refusal next to the field for pay the
wrong way round, sends it for approval; an officer approves it and it shows on the public listing.
The desk's pages fit a phone and a desktop in both languages (screenshots in test-artifacts/)."""

from datetime import timedelta

import pytest
from browser_helpers import PHONE, submit
from django.urls import reverse
from django.utils import timezone

from shiliu.jobs import services
from shiliu.jobs.choices import PostingSource, PostingStatus
from shiliu.jobs.demo import credit_code
from shiliu.jobs.models import JobPosting
from shiliu.notify.models import Outbox

pytestmark = pytest.mark.browser
CONTACT = "13900002101"


def _employer(people, tree):
    employer = services.employer_register(by=None, name="北仑清真餐饮有限公司", credit_code=credit_code(7),
                                          address="大碶街道示范路 9 号", place=tree.daqi, contact_name="马经理",
                                          contact_phone=CONTACT)
    return services.employer_verify(employer=employer, by=people.officer, version=employer.version)


def _code() -> str:
    rows = [r for r in Outbox.objects.filter(template="portal.code").order_by("-id") if r.phone == "+86" + CONTACT]
    return rows[0].params["code"]


def _sign_in_with_code(page) -> None:
    page.goto(reverse("jobs:desk"))
    page.wait_for_url("**/portal/code/**")
    assert CONTACT not in page.url
    page.fill("input[name=phone]", CONTACT)
    submit(page)
    page.fill("input[name=code]", _code())
    submit(page, "main form button[type=submit] >> nth=0")
    assert page.url.endswith(reverse("jobs:desk")), page.url


def test_the_contact_posts_a_job_on_a_phone_and_it_shows_once_approved(people, tree, page):
    employer = _employer(people, tree)
    page.set_viewport_size(PHONE)
    _sign_in_with_code(page)
    assert "北仑清真餐饮有限公司" in page.inner_text("main")
    page.click(f"main a[href='{reverse('jobs:desk_posting_new', args=[employer.pk])}']")
    page.fill("input[name=title]", "拉面师傅")
    page.fill("input[name=pay_min]", "9000")
    page.fill("input[name=pay_max]", "3000")  # wrong way round: refused next to the field
    page.select_option("select[name=place]", str(tree.daqi.pk))
    page.fill("input[name=expires_on]", "2099-01-01")  # too far ahead: refused too
    page.check("input[name=languages][value=uyghur]")
    page.check("input[name=halal_meals]")
    submit(page)
    errors = page.locator(".field.has-error")
    assert errors.locator("input[name=pay_max]").count() == 1 and errors.locator("input[name=expires_on]").count() == 1
    assert not JobPosting.objects.exists()

    page.fill("input[name=pay_max]", "12000")
    page.fill("input[name=expires_on]", (timezone.localdate() + timedelta(days=30)).isoformat())
    submit(page)
    posting = JobPosting.objects.get(title="拉面师傅")
    assert (posting.status, posting.source) == (PostingStatus.SUBMITTED, PostingSource.EMPLOYER)
    assert page.url.endswith(reverse("jobs:desk_posting", args=[employer.pk, posting.pk]))
    assert "待审核" in page.inner_text("main")

    services.posting_transition(posting=posting, by=people.officer, version=posting.version, action="approve")
    page.goto(reverse("jobs:public_list"))
    assert "拉面师傅" in page.inner_text("main")


def test_the_desk_pages_fit_a_phone_and_a_desktop(people, tree, page, check_layout):
    employer = _employer(people, tree)
    posting, _created = services.desk_posting_create(
        phone="+86" + CONTACT, employer=employer, form_key="layout", title="注塑车间普工（两班倒，包吃住）",
        pay_min=5500, pay_max=7500, place=tree.daqi, hours="两班倒，每天 8 小时", languages=["mandarin", "uyghur"],
        meals=True, housing=True, halal_meals=True, requirements="18 至 50 岁，能适应倒班",
        expires_on=timezone.localdate() + timedelta(days=30))
    services.posting_transition(posting=posting, by=people.officer, version=posting.version, action="reject",
                                reason="请写明每月休息天数")
    _sign_in_with_code(page)
    check_layout(page, "jobs-desk-home", reverse("jobs:desk"))
    check_layout(page, "jobs-desk-employer", reverse("jobs:desk_employer", args=[employer.pk]))
    check_layout(page, "jobs-desk-posting", reverse("jobs:desk_posting", args=[employer.pk, posting.pk]))
    check_layout(page, "jobs-desk-new", reverse("jobs:desk_posting_new", args=[employer.pk]))
