"""The working-day calendar in a real browser: the banner for an unknown year, a day edited in
place with htmx, and the year page without sideways scrolling at phone and desktop widths."""

from datetime import date

import pytest
from browser_helpers import ARTIFACTS
from django.urls import reverse
from django.utils import timezone

from shiliu.workdays.calendar import published_years
from shiliu.workdays.models import CalendarDay

pytestmark = pytest.mark.browser

UNKNOWN = max(published_years()) + 1


@pytest.fixture
def late_in_the_last_published_year(monkeypatch):
    # The live server runs in this process: its pages see the same "today".
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(UNKNOWN - 1, 11, 27))


def test_admin_is_told_next_year_is_missing_and_enters_a_rest_day_in_place(
        people, page, sign_in, late_in_the_last_published_year):
    sign_in(page, people.admin)
    assert f"{UNKNOWN}年的节假日安排尚未发布" in page.inner_text("main")  # the home page says so
    page.goto(reverse("workdays:calendar") + "?year=2026")
    assert f"{UNKNOWN}年的节假日安排尚未发布" in page.inner_text("main")

    october = page.locator("#m10")
    national_day = october.locator("a[data-day='2026-10-01']")
    assert "wd-rest" in national_day.locator("xpath=..").get_attribute("class")
    assert "国庆节" in october.inner_text()

    october.locator("a[data-day='2026-10-08']").click()  # htmx loads the form below the month
    editor = page.locator("#editor-10")
    editor.locator("input[name=kind][value=rest]").wait_for()
    assert page.url.endswith("?year=2026")  # no navigation: the month is edited in place
    ARTIFACTS.mkdir(exist_ok=True)
    editor.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "workdays-day-editor-zh-desktop.png"))
    editor.locator("input[name=kind][value=rest]").check()
    editor.locator("input[name=name]").fill("区定休息日")
    editor.locator("button[value=save]").click()

    page.locator("#editor-10 .messages").wait_for()
    cell = page.locator("#m10 a[data-day='2026-10-08']").locator("xpath=..")
    assert "wd-rest" in cell.get_attribute("class") and "wd-district" in cell.get_attribute("class")
    assert "区定休息日" in page.locator("#m10 .wd-named").inner_text()
    entry = CalendarDay.objects.get(date=date(2026, 10, 8))
    assert (entry.is_workday, entry.name) == (False, "区定休息日")


def test_a_stale_edit_shows_the_refusal_in_the_month(people, page, sign_in):
    sign_in(page, people.admin)
    page.goto(reverse("workdays:calendar") + "?year=2026")
    page.locator("#m12 a[data-day='2026-12-01']").click()
    page.locator("#editor-12 input[name=kind][value=rest]").wait_for()
    CalendarDay.objects.create(date=date(2026, 12, 1), is_workday=True, name="someone else")  # meanwhile
    page.locator("#editor-12 input[name=kind][value=rest]").check()
    page.locator("#editor-12 button[value=save]").click()
    page.locator("#editor-12 .errorlist-box").wait_for()
    assert CalendarDay.objects.get(date=date(2026, 12, 1)).is_workday


def test_the_year_page_fits_phone_and_desktop_in_both_languages(people, page, sign_in, check_layout):
    sign_in(page, people.admin)
    check_layout(page, "workdays-year", reverse("workdays:calendar") + "?year=2026")
    check_layout(page, "workdays-import", reverse("workdays:import"))


def test_on_a_phone_a_day_opens_its_form_below_its_month(people, page, sign_in):
    sign_in(page, people.admin)
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(reverse("workdays:calendar") + "?year=2026")
    page.locator("#m5 a[data-day='2026-05-06']").click()
    form = page.locator("#editor-5 form")
    form.wait_for()
    assert form.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    form.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "workdays-day-editor-zh-phone.png"))
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
