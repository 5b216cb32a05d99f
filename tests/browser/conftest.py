"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Run them with ``pytest -m browser`` (the default run deselects them). Nothing here downloads a
browser: Chromium comes from the Debian package at /usr/bin/chromium.

What a test gets:
- ``browser``: one Chromium for the whole session;
- ``page``: a fresh browser context (own cookies) at desktop size, Chinese first;
- ``sign_in(page, user)``: signs a persona in through the real forms, with a backup code
  on the second-factor page where the role needs one;
- ``check_layout(page, name)``: asserts there is no horizontal scroll at phone and desktop
  widths and saves screenshots in zh and en to test-artifacts/.
"""

import os

import pytest
from browser_helpers import (
    ARTIFACTS,
    BACKUP_CODE,
    DESKTOP,
    LANGUAGES,
    PASSWORD,
    VIEWPORTS,
    horizontal_overflow,
    set_language,
    submit,
)
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API keeps an asyncio loop running in this thread; Django would then
    # refuse ORM calls from the test body ("SynchronousOnlyOperation"). The test code is
    # plain synchronous code, so tell Django that this is safe while the browser runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL (no trailing slash).

    The live server needs committed data, hence transactional_db (tests/conftest.py lifts
    the audit trail's triggers for its flush only)."""
    return live_server.url


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN", base_url=site)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def sign_in():
    """Sign a persona in through the login form, and the second-factor page if the role needs it."""

    def _sign_in(page, user, *, password: str = PASSWORD):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        submit(page)
        if user.requires_2fa:
            assert "/accounts/2fa/" in page.url, page.url
            page.fill("input[name=code]", BACKUP_CODE)
            submit(page)
            # a backup code works once; give the persona a fresh one for the next sign-in
            StaticToken.objects.create(device=StaticDevice.objects.get(user=user, name="backup"), token=BACKUP_CODE)
        assert "/accounts/" not in page.url, f"still on {page.url}: {page.inner_text('main')[:300]}"
        return page

    return _sign_in


@pytest.fixture
def check_layout():
    """Load ``path`` at phone and desktop widths in both languages: no horizontal scroll; screenshots."""

    def _check(page, name: str, path: str | None = None) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        path = path or page.url
        problems = []
        for language, short in LANGUAGES.items():
            set_language(page, language)
            for device, viewport in VIEWPORTS.items():
                page.set_viewport_size(viewport)
                response = page.goto(path)
                assert response is not None and response.status < 500, f"{path} answered {response and response.status}"
                page.screenshot(path=str(ARTIFACTS / f"{name}-{short}-{device}.png"), full_page=True)
                overflow = horizontal_overflow(page)
                if overflow > 0:
                    problems.append(f"{name} ({short}, {device}) scrolls sideways by {overflow}px")
        set_language(page, "zh-hans")
        page.set_viewport_size(DESKTOP)
        assert not problems, problems

    return _check
