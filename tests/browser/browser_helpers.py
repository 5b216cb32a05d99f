"""Helpers shared by the browser tests (fixtures live in conftest.py beside this file)."""

import importlib.util
from pathlib import Path
from urllib.parse import urljoin

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}
LANGUAGES = {"zh-hans": "zh", "en": "en"}


def _shared_conftest():
    # tests/ has no __init__.py, so "conftest" names whichever conftest pytest loaded last;
    # read the personas' password and backup code from the shared file itself.
    spec = importlib.util.spec_from_file_location("shiliu_shared_conftest", Path(__file__).parents[1] / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_shared = _shared_conftest()
PASSWORD, BACKUP_CODE = _shared.PASSWORD, _shared.BACKUP_CODE


def set_language(page, language: str) -> None:
    """Choose the interface language as the switch does: Django's language cookie."""
    # For the whole site (path /): a cookie set for the current page's folder would sit beside
    # an older one for /, and Django would read the older.
    page.context.add_cookies([{"name": "django_language", "value": language, "url": urljoin(page.url, "/")}])


def horizontal_overflow(page) -> int:
    """How many pixels the page is wider than the viewport (0 or less: no horizontal scroll)."""
    return page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")


def nav_links(page) -> list[str]:
    """The paths of the main navigation's links, in order."""
    return page.eval_on_selector_all("nav.menu a", "links => links.map(a => new URL(a.href).pathname)")


def submit(page, selector: str = "main form button[type=submit]") -> None:
    """Press a form's button and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)
