"""The service guide in a real browser: its pages fit a phone and a desktop in both languages; a
district administrator edits an item (a new version) and a resident reads it on a phone, without
an account, with its printable list of what to bring."""

import pytest
from browser_helpers import PHONE, submit
from django.urls import reverse

from shiliu.guide.models import ServiceItem
from shiliu.guide.sample import load_sample

pytestmark = pytest.mark.browser


def test_the_guide_pages_fit_a_phone_and_a_desktop(people, page, sign_in, check_layout):
    load_sample(by=people.admin)
    item = ServiceItem.objects.get(code="ED-01")
    page.goto(reverse("guide:public"))  # signed out
    check_layout(page, "guide-public", reverse("guide:public"))
    check_layout(page, "guide-public-item", reverse("guide:public_item", args=["ED-01"]))
    check_layout(page, "guide-public-checklist", reverse("guide:public_checklist", args=["ED-01"]))
    check_layout(page, "guide-public-life-event", reverse("guide:public_life_event", args=["child-school"]))
    check_layout(page, "guide-public-search", reverse("guide:public_search") + "?q=社保")
    sign_in(page, people.admin)
    check_layout(page, "guide-list", reverse("guide:home"))
    check_layout(page, "guide-item", reverse("guide:detail", args=[item.pk]))
    check_layout(page, "guide-edit", reverse("guide:edit", args=[item.pk]))
    check_layout(page, "guide-domains", reverse("guide:domains"))


def test_admin_edits_an_item_and_a_resident_reads_it_on_a_phone(people, page, sign_in):
    load_sample(by=people.admin)
    item = ServiceItem.objects.get(code="ED-01")
    sign_in(page, people.admin)
    page.goto(reverse("guide:home") + "?q=入学")
    with page.expect_navigation():
        page.click(f"main a[href='{reverse('guide:detail', args=[item.pk])}']")
    with page.expect_navigation():
        page.click(f"main a[href='{reverse('guide:edit', args=[item.pk])}']")
    # A step without a time limit is refused next to its cell; nothing is published.
    page.fill("input[name=steps-1-time_limit_days]", "")
    submit(page, "main form button[type=submit]:not([name=more])")
    assert page.locator("td.has-error input[name=steps-1-time_limit_days]").count() == 1
    assert ServiceItem.objects.get(pk=item.pk).current.number == 1

    page.fill("input[name=steps-1-time_limit_days]", "8")
    page.fill("input[name=materials-6-name]", "房屋租赁备案证明")
    page.fill("input[name=note]", "增加租赁备案证明")
    submit(page, "main form button[type=submit]:not([name=more])")
    item.refresh_from_db()
    assert item.current.number == 2 and page.url.endswith(reverse("guide:detail", args=[item.pk]))
    assert "增加租赁备案证明" in page.inner_text("main")
    with page.expect_navigation():
        page.click("form[action$='/logout/'] button")

    page.set_viewport_size(PHONE)
    page.goto(reverse("guide:public"))
    with page.expect_navigation():
        page.click(f"main a[href='{reverse('guide:public_life_event', args=['child-school'])}']")
    with page.expect_navigation():
        page.click(f"main a[href='{reverse('guide:public_item', args=['ED-01'])}']")
    text = page.inner_text("main")
    assert "房屋租赁备案证明" in text and "随迁子女义务教育入学申请" in text and "admin" not in text
    with page.expect_navigation():
        page.click(f"main a[href='{reverse('guide:public_checklist', args=['ED-01'])}']")
    assert "房屋租赁备案证明" in page.inner_text("main")
    page.emulate_media(media="print")
    assert not page.locator("header.top").is_visible()
