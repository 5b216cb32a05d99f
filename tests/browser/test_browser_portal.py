"""The public portal on a phone: a resident verifies their number with the SMS code (read from
the outbox, as the memory SMS backend keeps it), asks online, sees the tracking code and the
request under "my requests", and signs up for an activity. The portal's main pages pass axe-core's
WCAG 2.1 AA checks at phone width."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from browser_helpers import ARTIFACTS, PHONE, set_language
from django.utils import timezone

from shiliu.activities.choices import ActivityStatus, ActivityType
from shiliu.activities.services import activity_create, activity_publish, activity_set_status
from shiliu.notify.models import Outbox
from shiliu.workorders.choices import Channel
from shiliu.workorders.models import Category, WorkOrder

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NUMBER = "13812345678"


@pytest.fixture
def phone_page(browser, site):
    """A phone-sized tab; CSP bypassed only so the test can inject axe-core (the pages keep theirs)."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=site, bypass_csp=True,
                                  is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


def _code() -> str:
    rows = [r for r in Outbox.objects.filter(template="portal.code").order_by("-id") if r.phone == "+86" + NUMBER]
    return rows[0].params["code"]


def _verify(page) -> None:
    page.fill("input[name=phone]", NUMBER)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.fill("input[name=code]", _code())
    with page.expect_navigation():
        page.click("main form button[type=submit] >> nth=0")


def _axe(page, name: str) -> None:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert result["passes"], "axe ran no check"
    violations = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
                  for v in result["violations"]]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"portal-axe-{name}.png"), full_page=True)
    assert not violations, f"{name}: " + json.dumps(violations, ensure_ascii=False, indent=1)


def _activity(people, tree):
    starts = timezone.now() + timedelta(days=5)
    activity = activity_create(by=people.officer, title="石榴籽亲子运动会", title_en="Family sports day",
                               type=ActivityType.FIVE_COMMUNITY, place=tree.xieshu, starts_at=starts,
                               ends_at=starts + timedelta(hours=3), venue="谢墅社区活动室", capacity=20,
                               public_registration=True, description="欢迎报名。")
    activity_set_status(activity=activity, by=people.officer, status=ActivityStatus.OPEN)
    return activity_publish(activity=activity, by=people.officer, published=True)


def test_a_resident_asks_online_on_a_phone_and_follows_the_request(phone_page, people, tree):
    Category.objects.create(code="other", name="其他", name_en="Other")
    page = phone_page
    page.goto("/portal/")
    page.click("main a[href='/portal/ask/']")
    page.wait_for_url("**/portal/code/**")
    assert NUMBER not in page.url
    _verify(page)
    page.wait_for_url("**/portal/ask/")
    page.fill("textarea[name=description]", "孩子转学需要准备哪些材料？")
    page.select_option("select[name=place]", label="谢墅社区")
    page.check("input[name=consent]")
    page.screenshot(path=str(ARTIFACTS / "portal-ask-filled-phone.png"), full_page=True)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_url("**/portal/ask/done/")
    order = WorkOrder.objects.get()
    assert order.channel == Channel.ONLINE
    assert page.inner_text("#tracking-code") == order.tracking_code
    assert NUMBER not in page.url
    page.click("main a[href='/portal/mine/']")
    page.wait_for_url("**/portal/mine/")
    assert order.tracking_code in page.inner_text("main")
    assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0


def test_a_resident_signs_up_for_an_activity_and_sees_the_checkin_code(phone_page, people, tree):
    activity = _activity(people, tree)
    page = phone_page
    page.goto("/portal/activities/")
    page.click(f"main a[href='/portal/activities/{activity.pk}/sign-up/']")
    _verify(page)
    page.wait_for_url(f"**/portal/activities/{activity.pk}/sign-up/")
    page.fill("input[name=name]", "张三")
    page.click("main form button[type=submit]")
    page.wait_for_selector("#checkin-code")
    registration = activity.registrations.get()
    assert page.inner_text("#checkin-code").replace(" ", "") == registration.code


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_portal_pages_pass_axe_wcag_21_aa_on_a_phone(phone_page, people, tree, language):
    Category.objects.create(code="other", name="其他", name_en="Other")
    activity = _activity(people, tree)
    page = phone_page
    page.goto("/portal/")
    set_language(page, language)
    page.goto("/portal/")
    _axe(page, f"home-{language}")
    page.goto("/portal/code/?next=/portal/ask/")
    _axe(page, f"code-{language}")
    _verify(page)
    page.wait_for_url("**/portal/ask/")
    _axe(page, f"ask-{language}")
    with page.expect_navigation():
        page.click("main form button[type=submit]")  # empty: the errors are shown next to the fields
    _axe(page, f"ask-errors-{language}")
    page.goto("/portal/mine/")
    _axe(page, f"mine-{language}")
    page.goto(f"/portal/activities/{activity.pk}/sign-up/")
    _axe(page, f"sign-up-{language}")
