"""The language switch in the header: Chinese first, English on request, and back."""

import pytest
from browser_helpers import submit

pytestmark = pytest.mark.browser


def language_state(page) -> dict:
    return {
        "lang": page.get_attribute("html", "lang"),
        "switch": page.inner_text("header form.lang button"),
        "home": page.locator("nav.menu a").first.inner_text(),
        "sign_out": page.inner_text("header .tools button.link"),
    }


def test_language_switch_turns_the_page_english_and_back_to_chinese(people, page, sign_in):
    sign_in(page, people.worker)
    assert language_state(page) == {"lang": "zh-Hans", "switch": "English", "home": "首页", "sign_out": "退出登录"}

    submit(page, "header form.lang button")
    assert language_state(page) == {"lang": "en", "switch": "中文", "home": "Home", "sign_out": "Sign out"}
    assert page.url.endswith("/") and "/i18n/" not in page.url  # back on the same page

    page.reload()  # the choice is remembered
    assert page.get_attribute("html", "lang") == "en"

    submit(page, "header form.lang button")
    assert language_state(page) == {"lang": "zh-Hans", "switch": "English", "home": "首页", "sign_out": "退出登录"}


def test_language_switch_works_before_signing_in(page):
    page.goto("/accounts/login/")
    assert page.get_attribute("html", "lang") == "zh-Hans"
    submit(page, "header form.lang button")
    assert page.get_attribute("html", "lang") == "en"
    assert "/accounts/login/" in page.url
    assert page.inner_text("main h1") == "Sign in"
