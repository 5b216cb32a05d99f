"""The resident's data page on a phone: the resident proves their number with the SMS code, sees
what Shiliu holds about it (nobody else's), downloads it, asks for deletion; the district office
erases what the law lets it; the resident reads what was erased and kept, and why. The page passes
axe-core's WCAG 2.1 AA checks and fits a phone and a desktop in both languages."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from browser_helpers import ARTIFACTS, PHONE, submit
from django.urls import reverse
from django.utils import timezone

from shiliu.activities.choices import ActivityStatus, ActivityType
from shiliu.activities.models import Registration
from shiliu.activities.registrations import registration_create
from shiliu.activities.services import activity_create, activity_publish, activity_set_status
from shiliu.mydata.models import DataRequest
from shiliu.notify.models import Outbox
from shiliu.workorders.choices import Channel
from shiliu.workorders.models import Category
from shiliu.workorders.services import order_open

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NUMBER = "13812345678"


def _held(people, tree):
    category = Category.objects.create(code="other", name="其他", name_en="Other")
    order, _ = order_open(by=people.operator, channel=Channel.HOTLINE, category=category, place=tree.xieshu,
                          description="孩子入学需要什么材料", contact_name="马女士", contact_phone=NUMBER,
                          contact_consent=True)
    order_open(by=people.operator, channel=Channel.HOTLINE, category=category, place=tree.xieshu,
               description="别人的问题", contact_name="赵先生", contact_phone="13900009999", contact_consent=True)
    starts = timezone.now() + timedelta(days=5)
    activity = activity_create(by=people.officer, title="石榴籽亲子运动会", type=ActivityType.FIVE_COMMUNITY,
                               place=tree.xieshu, starts_at=starts, ends_at=starts + timedelta(hours=2),
                               venue="谢墅社区广场")
    activity_set_status(activity=activity, by=people.officer, status=ActivityStatus.OPEN)
    activity_publish(activity=activity, by=people.officer, published=True)
    registration, _ = registration_create(activity=activity, name="马女士", phone=NUMBER, by=people.officer)
    return order, registration


def _code() -> str:
    rows = [r for r in Outbox.objects.filter(template="portal.code").order_by("-id") if r.phone == "+86" + NUMBER]
    return rows[0].params["code"]


def _axe(page, name: str) -> None:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert result["passes"], "axe ran no check"
    violations = [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
                  for v in result["violations"]]
    assert not violations, f"{name}: " + json.dumps(violations, ensure_ascii=False, indent=1)


def test_a_resident_sees_downloads_and_asks_to_delete_their_data_on_a_phone(browser, site, people, tree, sign_in,
                                                                            check_layout):
    order, registration = _held(people, tree)
    context = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=site, bypass_csp=True, is_mobile=True,
                                  has_touch=True, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(reverse("mydata:mine"))
    page.wait_for_url("**/portal/code/**")
    assert NUMBER not in page.url
    page.fill("input[name=phone]", NUMBER)
    submit(page)
    page.fill("input[name=code]", _code())
    submit(page, "main form button[type=submit] >> nth=0")
    page.wait_for_url("**/my-data/")
    main = page.inner_text("main")
    assert order.tracking_code in main and "石榴籽亲子运动会" in main
    assert "别人的问题" not in main and "赵先生" not in main and NUMBER not in page.content()
    assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0
    page.screenshot(path=str(ARTIFACTS / "mydata-mine-zh-phone.png"), full_page=True)
    _axe(page, "mydata-mine")

    with page.expect_download() as download:
        page.click(f"a[href='{reverse('mydata:download_json')}']")
    data = json.loads(Path(download.value.path()).read_text())
    assert order.tracking_code in json.dumps(data, ensure_ascii=False) and "赵先生" not in json.dumps(data)

    page.fill("form[action$='/ask/delete/'] textarea[name=text]", "我已离开北仑，请删除我的信息")
    submit(page, "form[action$='/ask/delete/'] button[type=submit]")
    request = DataRequest.objects.get()
    assert request.reference in page.inner_text("main")

    office = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=site).new_page()
    sign_in(office, people.admin)
    office.goto(reverse("mydata:requests"))
    with office.expect_navigation():
        office.click(f"main a[href='{reverse('mydata:detail', args=[request.pk])}']")
    submit(office, "form[action$='/erase/'] button[type=submit]")
    assert Registration.objects.get(pk=registration.pk).phone == ""
    check_layout(office, "mydata-request", reverse("mydata:detail", args=[request.pk]))
    office.context.close()

    page.reload()
    main = page.inner_text("main")
    assert "已删除" in main and "保留" in main and "仍在办理中" in main
    check_layout(page, "mydata-mine", reverse("mydata:mine"))
    context.close()
