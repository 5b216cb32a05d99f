"""Window intake in a real browser: a community worker on a phone takes a visitor for two items,
ticks what they brought, opens both orders at once and downloads the intake receipt; the windows
pages fit a phone and a desktop in both languages."""

import io

import pytest
from browser_helpers import PHONE, submit
from django.urls import reverse
from pypdf import PdfReader

from shiliu.core.demo import load_demo
from shiliu.windows.models import ServiceWindow, Visit

pytestmark = pytest.mark.browser


def test_a_community_worker_takes_a_visitor_for_two_items_on_a_phone(people, page, sign_in):
    load_demo(residents=0)
    centre = ServiceWindow.objects.get(name="谢墅社区民族团结服务中心")
    sign_in(page, people.worker)
    page.set_viewport_size(PHONE)
    page.goto(reverse("windows:intake_choose"))
    assert page.url.endswith(reverse("windows:intake", args=[centre.pk]))  # one window: straight to it

    for words, name in [("入学", "随迁子女义务教育入学申请"), ("养老保险", "城乡居民基本养老保险参保登记")]:
        page.fill("input[name=q]", words)
        submit(page, "main form[role=search] button[type=submit]")
        with page.expect_navigation():
            page.click(f"#item-results li:has-text('{name}') a.button")
    assert page.locator("fieldset.checklist").count() == 2
    page.locator("fieldset.checklist").first.locator("input[type=checkbox]").first.check()
    page.fill("input[name=visitor_name]", "马阿依")
    page.fill("input[name=visitor_phone]", "13812345678")
    page.check("input[name=contact_consent]")
    page.screenshot(path="test-artifacts/windows-intake-phone.png", full_page=True)
    submit(page, "button[name=take]")

    visit = Visit.objects.exclude(idempotency_key__startswith="demo-").get()  # the demo took visitors too
    assert page.url.endswith(reverse("windows:visit", args=[visit.pk]))
    text = page.inner_text("main")
    codes = [line.order.tracking_code for line in visit.lines.select_related("order")]
    assert len(codes) == 2 and all(code in text for code in codes)
    assert "马**" in text and "马阿依" not in page.content() and "13812345678" not in page.content()
    page.screenshot(path="test-artifacts/windows-visit-phone.png", full_page=True)
    with page.expect_download() as download:
        page.click("#receipt-link")
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))
    receipt = "".join(p.extract_text() for p in pdf.pages)
    assert "随迁子女义务教育入学申请" in receipt and all(code in receipt for code in codes)


def test_the_window_pages_fit_a_phone_and_a_desktop(people, page, sign_in, check_layout):
    load_demo(residents=0)
    centre = ServiceWindow.objects.get(name="谢墅社区民族团结服务中心")
    sign_in(page, people.officer)
    check_layout(page, "windows-detail", reverse("windows:detail", args=[centre.pk]))
    check_layout(page, "windows-hours", reverse("windows:hours", args=[centre.pk]))
    check_layout(page, "windows-new", reverse("windows:new"))
    check_layout(page, "windows-intake", reverse("windows:intake", args=[centre.pk]) + "?q=社保")
