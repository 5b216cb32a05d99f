"""A resident keeps their own job-seeker profile on the portal, on a phone and on a desktop, in
Chinese and English: verify the number with the SMS code, fill the profile (a pay range upside
down is refused next to the field), see the open job that fits, stop looking. The form and the
profile pass axe-core's WCAG 2.1 AA checks. Screenshots go to test-artifacts/."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from browser_helpers import ARTIFACTS, DESKTOP, PHONE, horizontal_overflow, set_language, submit
from django.utils import timezone

from shiliu.jobs import services
from shiliu.jobs.demo import credit_code
from shiliu.jobs.models import JobSeeker
from shiliu.notify.models import Outbox

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NUMBER = "13812345678"
SIZES = {"375": PHONE, "1280": DESKTOP}


def _code() -> str:
    rows = [r for r in Outbox.objects.filter(template="portal.code").order_by("-id") if r.phone == "+86" + NUMBER]
    return rows[0].params["code"]


def _verify(page) -> None:
    page.fill("input[name=phone]", NUMBER)
    submit(page)
    page.fill("input[name=code]", _code())
    submit(page, "main form button[type=submit] >> nth=0")


def _axe(page, name: str) -> None:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert result["passes"], "axe ran no check"
    violations = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
                  for v in result["violations"]]
    assert not violations, f"{name}: " + json.dumps(violations, ensure_ascii=False, indent=1)


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"portal-jobs-profile-{name}.png"), full_page=True)


def _open_posting(people, tree):
    employer = services.employer_register(by=people.officer, name="大碶示范模具厂", credit_code=credit_code(1),
                                          address="示范路 1 号", place=tree.daqi, contact_name="周经理",
                                          contact_phone="13900002101")
    employer = services.employer_verify(employer=employer, by=people.admin, version=employer.version)
    posting = services.posting_create(by=people.worker, employer=employer, title="模具车间普工", place=tree.xieshu,
                                      pay_min=5500, pay_max=7500, skills=["assembly"], languages=["mandarin"],
                                      meals=True, housing=True, openings=5,
                                      expires_on=timezone.localdate() + timedelta(days=30))
    posting = services.posting_transition(posting=posting, by=people.worker, version=posting.version,
                                          action="submit")
    return services.posting_transition(posting=posting, by=people.officer, version=posting.version,
                                       action="approve")


@pytest.fixture
def tab(browser, site, request):
    size = SIZES[request.param]
    context = browser.new_context(viewport=size, locale="zh-CN", base_url=site, bypass_csp=True,
                                  is_mobile=size is PHONE, has_touch=size is PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.width_name = request.param
    yield page
    context.close()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("tab", list(SIZES), indirect=True)
def test_a_resident_makes_their_profile_sees_the_fitting_job_and_stops_looking(tab, people, tree, language):
    posting = _open_posting(people, tree)
    page = tab
    name = f"{page.width_name}-{language}"
    page.goto("/portal/")
    set_language(page, language)
    page.goto("/portal/")
    page.click("main a[href='/portal/jobs/profile/']")
    page.wait_for_url("**/portal/code/**")
    _verify(page)
    page.goto("/portal/jobs/profile/")
    assert NUMBER not in page.url
    _axe(page, f"form-{name}")
    page.fill("input[name=name]", "古丽米拉")
    page.select_option("select[name=place]", value=str(tree.xieshu.pk))
    page.check("input[name=languages][value=mandarin]")
    page.check("input[name=skills][value=assembly]")
    page.fill("input[name=wished_pay_min]", "9000")
    page.fill("input[name=wished_pay_max]", "3000")
    page.check("input[name=consent]")
    submit(page)
    # the pay range upside down: the message is next to the field, nothing is saved
    error = page.locator(".field.has-error").filter(has=page.locator("input[name=wished_pay_max]"))
    assert error.count() == 1 and "3000" in error.inner_text()
    assert not JobSeeker.objects.exists()
    _axe(page, f"form-errors-{name}")
    _shot(page, f"form-errors-{name}")
    page.fill("input[name=wished_pay_min]", "5000")
    page.fill("input[name=wished_pay_max]", "8000")
    submit(page)
    page.wait_for_url("**/portal/jobs/profile/")
    seeker = JobSeeker.objects.get()
    assert seeker.created_by is None and seeker.consent and seeker.wished_pay_max == 8000
    main = page.inner_text("main")
    assert "古丽米拉" in main and posting.title in main
    assert horizontal_overflow(page) <= 0
    _axe(page, f"profile-{name}")
    _shot(page, f"profile-{name}")
    submit(page, "main form[action='/portal/jobs/profile/status/'] button")
    seeker.refresh_from_db()
    assert seeker.status == "paused"
    assert posting.title not in page.inner_text("main")
    _shot(page, f"paused-{name}")
