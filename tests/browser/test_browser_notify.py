"""Notifications in a real browser: the bell counts after the page, marking read updates it."""

import pytest
from playwright.sync_api import expect

from shiliu.notify import services
from shiliu.notify.choices import Status
from shiliu.notify.models import Outbox

pytestmark = pytest.mark.browser


def welcome(user, key, link=""):
    services.notify_user(key=key, user=user, template="notify.welcome", params={"name": str(user)}, link=link)


def test_the_bell_counts_and_marking_read_in_the_list_lowers_it(people, page, sign_in, check_layout):
    welcome(people.worker, "a", link="/accounts/me/")
    welcome(people.worker, "b")
    sign_in(page, people.worker)
    bell = page.locator("header .bell")
    expect(bell.locator(".bell-count")).to_have_text("2")  # loaded by htmx after the page
    with page.expect_navigation():
        bell.click()
    assert page.locator("li.notification.unread").count() == 2
    page.locator("li.notification.unread").first.get_by_role("button", name="标为已读").click()
    expect(page.locator("li.notification.unread")).to_have_count(1)
    expect(page.locator("header .bell .bell-count")).to_have_text("1")
    page.get_by_role("button", name="全部标为已读").click()
    expect(page.locator("li.notification.unread")).to_have_count(0)
    expect(page.locator("header .bell .bell-count")).to_have_count(0)
    assert services.unread_count(people.worker) == 0
    check_layout(page, "notify-list", "/notifications/")


def test_the_outbox_page_fits_a_phone_and_a_desktop(people, page, sign_in, check_layout):
    services.send_sms(key="k", phone="+8613912345678", template="notify.welcome", params={"name": "x"})
    Outbox.objects.filter(key="k").update(status=Status.DEAD, last_error="the gateway answered HTTP 503")
    sign_in(page, people.admin)
    check_layout(page, "notify-outbox", "/notifications/outbox/")
