"""The job market in a real browser: its pages fit a phone and a desktop in both languages; a
community worker records a seeker on a phone, sees suggested postings with their reasons, refers
the seeker and records the placement; anyone reads the public listing on a phone, signed out."""

import pytest
from browser_helpers import PHONE, submit
from django.urls import reverse
from django.utils import timezone

from shiliu.core.demo import load_demo
from shiliu.jobs.models import Employer, JobPosting, JobSeeker, Placement, Referral

pytestmark = pytest.mark.browser


def test_the_job_pages_fit_a_phone_and_a_desktop(people, page, sign_in, check_layout):
    load_demo(residents=0)
    posting = JobPosting.objects.get(title="拉面师傅")
    seeker = JobSeeker.objects.get(name="艾力·买买提")
    employer = Employer.objects.get(name="霞浦示范服装厂")
    page.goto(reverse("jobs:public_list"))  # signed out
    check_layout(page, "jobs-public-list")
    check_layout(page, "jobs-public-detail", reverse("jobs:public_detail", args=[posting.pk]))
    check_layout(page, "jobs-public-register", reverse("jobs:public_employer_register"))
    sign_in(page, people.officer)
    check_layout(page, "jobs-home", reverse("jobs:home"))
    check_layout(page, "jobs-postings", reverse("jobs:postings"))
    check_layout(page, "jobs-posting", reverse("jobs:posting", args=[posting.pk]))
    check_layout(page, "jobs-posting-new", reverse("jobs:posting_new"))
    check_layout(page, "jobs-seekers", reverse("jobs:seekers"))
    check_layout(page, "jobs-seeker", reverse("jobs:seeker", args=[seeker.pk]))
    check_layout(page, "jobs-seeker-new", reverse("jobs:seeker_new"))
    check_layout(page, "jobs-employers", reverse("jobs:employers"))
    check_layout(page, "jobs-employer", reverse("jobs:employer", args=[employer.pk]))
    check_layout(page, "jobs-figures", reverse("jobs:figures"))


def test_worker_records_a_seeker_and_a_placement_on_a_phone(people, page, sign_in):
    load_demo(residents=0)
    page.set_viewport_size(PHONE)
    sign_in(page, people.worker)
    page.goto(reverse("jobs:seeker_new"))
    page.fill("input[name=name]", "阿依古丽")
    page.fill("input[name=phone]", "13900003344")
    page.check("input[name=languages][value=mandarin]")
    page.check("input[name=languages][value=uyghur]")
    page.check("input[name=skills][value=service]")
    page.fill("input[name=wished_pay_min]", "4000")
    page.fill("input[name=wished_pay_max]", "3000")  # wrong way round: refused next to the field
    page.check("input[name=consent]")
    submit(page)
    field = page.locator(".field.has-error")
    assert field.count() == 1 and field.locator("input[name=wished_pay_max]").count() == 1
    assert not JobSeeker.objects.filter(name="阿依古丽").exists()

    page.fill("input[name=wished_pay_max]", "5500")
    submit(page)
    seeker = JobSeeker.objects.get(name="阿依古丽")
    assert page.url.endswith(reverse("jobs:seeker", args=[seeker.pk]))
    main = page.inner_text("main")
    assert "139****3344" in main and "13900003344" not in page.content()
    waiter = JobPosting.objects.get(title="餐厅服务员")
    card = page.locator("ul.cards li", has_text="餐厅服务员")
    assert "会说" in card.inner_text() and "薪酬符合期望" in card.inner_text()
    with page.expect_navigation():
        card.locator("button[type=submit]").click()
    assert Referral.objects.filter(seeker=seeker, posting=waiter).exists()

    page.select_option("select[name=employer]", label=waiter.employer.name)
    page.select_option("select[name=posting]", str(waiter.pk))
    page.fill("input[name=start_date]", timezone.localdate().isoformat())
    submit(page, "form[action$='/placements/'] button[type=submit]")
    placement = Placement.objects.get(seeker=seeker)
    assert placement.employer == waiter.employer and placement.posting == waiter
    assert waiter.employer.name in page.inner_text("main")
    seeker.refresh_from_db()
    assert seeker.status == "placed"


def test_the_public_listing_on_a_phone(page, site, transactional_db):
    load_demo(residents=0)
    page.set_viewport_size(PHONE)
    page.goto(reverse("jobs:public_list"))
    assert "拉面师傅" in page.inner_text("main") and "收银员" not in page.inner_text("main")  # not yet approved
    page.check("input[name=halal_meals]")
    submit(page, "main form[role=search] button[type=submit]")
    titles = page.locator("ul.cards h2").all_inner_texts()
    assert set(titles) == {"拉面师傅", "餐厅服务员"}
    with page.expect_navigation():
        page.click("text=拉面师傅")
    main = page.inner_text("main")
    assert "提供清真餐" in main and "维吾尔语" in main
    assert "艾力" not in page.content() and "139" not in page.content()
