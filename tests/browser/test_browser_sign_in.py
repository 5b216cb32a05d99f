"""Signing in through the real forms, and what each role then finds in the navigation."""

import pytest
from browser_helpers import ARTIFACTS, LANGUAGES, PASSWORD, nav_links, set_language, submit
from django.urls import reverse

pytestmark = pytest.mark.browser

# What each persona's navigation holds, in order (url names; SECURITY.md D1, D6).
_ORDERS = ["workorders:inbox", "knowledge:list"]
_NETWORK = ["organizations:list", "activities:list", "creation:home", "culture:home"]
_SERVICES = ["windows:home", "guide:home", "jobs:home", "news:home"]
EXPECTED_NAVIGATION = {
    "admin": ["core:home", "places:tree", "hotline:desk", *_ORDERS, "figures:dashboard", "people:list", *_NETWORK,
              *_SERVICES, "mydata:requests", "workdays:calendar", "accounts:staff_list", "audit:list"],
    "auditor": ["core:home", "audit:list"],
    "officer": ["core:home", "places:tree", *_ORDERS, "figures:dashboard", "people:list", *_NETWORK,
                *_SERVICES],
    "worker": ["core:home", "places:tree", *_ORDERS, "people:list", *_NETWORK, *_SERVICES],
    "other_worker": ["core:home", "places:tree", *_ORDERS, "people:list", *_NETWORK, *_SERVICES],
    "operator": ["core:home", "places:tree", "hotline:desk", *_ORDERS, "people:list"],
    "liaison": ["core:home", "places:tree", *_ORDERS],
    "nobody": ["core:home"],
}


@pytest.mark.parametrize("persona", EXPECTED_NAVIGATION)
def test_each_role_signs_in_and_sees_exactly_its_navigation(persona, people, page, sign_in):
    user = getattr(people, persona)
    sign_in(page, user)
    assert page.locator("header .who").inner_text() == str(user)
    assert nav_links(page) == [reverse(name) for name in EXPECTED_NAVIGATION[persona]]
    assert page.locator("nav.menu a").first.inner_text() == "首页"


@pytest.mark.parametrize("persona", ["admin", "auditor"])
def test_second_factor_is_asked_before_any_page(persona, people, page):
    user = getattr(people, persona)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    submit(page)
    assert "/accounts/2fa/" in page.url
    page.goto("/")
    assert "/accounts/2fa/" in page.url  # nothing else is reachable before the second factor
    page.fill("input[name=code]", "wrong-code")
    submit(page)
    field = page.locator(".field.has-error")
    assert field.count() == 1
    assert field.locator("input[name=code]").count() == 1
    assert field.locator(".errorlist").is_visible()


@pytest.mark.parametrize("language, message", [
    ("zh-hans", "用户名或密码错误。"),
    ("en", "Wrong username or password."),
])
def test_wrong_password_shows_a_clear_error_above_the_fields(language, message, people, page):
    page.goto("/accounts/login/")
    set_language(page, language)
    page.goto("/accounts/login/")
    page.fill("input[name=username]", people.worker.username)
    page.fill("input[name=password]", "not-the-password")
    submit(page)
    assert "/accounts/login/" in page.url
    error = page.locator("main form .errorlist-box")
    assert error.is_visible()
    assert error.get_attribute("role") == "alert"
    assert error.inner_text().strip() == message
    # the message sits inside the form, directly before the username field it is about
    follows = page.evaluate(
        "() => { const box = document.querySelector('main form .errorlist-box');"
        " const field = document.querySelector('main form input[name=username]');"
        " return !!(box.compareDocumentPosition(field) & Node.DOCUMENT_POSITION_FOLLOWING); }"
    )
    assert follows
    assert page.input_value("input[name=username]") == people.worker.username  # kept, not retyped
    assert page.input_value("input[name=password]") == ""
    assert page.locator("header .who").count() == 0  # not signed in
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"login-error-{LANGUAGES[language]}-desktop.png"))
