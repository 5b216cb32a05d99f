"""Every page fits a phone (375×812) and a desktop (1280×800) without sideways scrolling,
in Chinese and in English. Screenshots go to test-artifacts/ for a human to look at.

To cover a new page, add a line to PAGES: a name for the screenshots, the persona who
opens it (None: signed out) and its path — or a function of (people, tree) that makes the
record the page shows and returns the path.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from browser_helpers import PASSWORD
from django.urls import reverse

from shiliu.audit.models import AuditEvent
from shiliu.people.services import resident_create

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Screen:
    name: str
    persona: str | None
    path: str | Callable
    second_factor: bool = True  # False: stop on the second-factor page


def latest_audit_record(people, tree) -> str:
    return reverse("audit:detail", args=[AuditEvent.objects.order_by("-id").first().pk])


def staff_member(people, tree) -> str:
    return reverse("accounts:staff_detail", args=[people.worker.pk])


def subdistrict(people, tree) -> str:
    return reverse("places:detail", args=[tree.daqi.pk])


def resident(people, tree) -> str:
    made = resident_create(by=people.worker, name="热依拉·买买提", place=tree.xieshu, basis="asked",
                           phone="13812345678", id_number="330206199001011235", languages=["zh", "ug"])
    return reverse("people:detail", args=[made.pk])


def resident_edit(people, tree) -> str:
    return resident(people, tree) + "edit/"


PAGES = [
    Screen("login", None, "/accounts/login/"),
    Screen("second-factor", "admin", "/accounts/2fa/", second_factor=False),
    Screen("home-worker", "worker", "/"),
    Screen("home-admin", "admin", "/"),
    Screen("home-auditor", "auditor", "/"),
    Screen("not-found", "worker", "/no-such-page/"),
    Screen("reauth", "worker", "/accounts/reauth/"),
    Screen("password-change", "officer", "/accounts/password/"),
    Screen("my-account", "worker", "/accounts/me/"),
    Screen("staff-list", "admin", "/accounts/staff/"),
    Screen("staff-new", "admin", "/accounts/staff/new/"),
    Screen("staff-detail", "admin", staff_member),
    Screen("places-tree", "admin", "/places/"),
    Screen("place-detail", "officer", subdistrict),
    Screen("residents-list", "worker", "/residents/"),
    Screen("resident-new", "worker", "/residents/new/"),
    Screen("resident-detail", "worker", resident),
    Screen("resident-edit", "officer", resident_edit),
    Screen("audit-list", "auditor", "/audit/"),
    Screen("audit-detail", "auditor", latest_audit_record),
    Screen("news-public", None, "/news/public/"),
    Screen("news-staff", "worker", "/news/"),
    Screen("portal-home", None, "/portal/"),
    Screen("portal-code", None, "/portal/code/"),
    Screen("portal-activities", None, "/portal/activities/"),
    Screen("figures-items", "officer", "/figures/items/"),
    Screen("windows-list", "officer", "/windows/"),
    Screen("windows-public", None, "/windows/public/"),
    Screen("windows-figures", "officer", "/windows/figures/"),
    Screen("jobs-home-worker", "worker", "/jobs/"),
    Screen("jobs-seekers-worker", "worker", "/jobs/seekers/"),
    Screen("jobs-public-empty", None, "/jobs/public/"),
    Screen("jobs-register-public", None, "/jobs/public/employers/register/"),
    Screen("mydata-requests", "admin", "/my-data/requests/"),
    Screen("guide-list-worker", "worker", "/guide/"),
    Screen("guide-public-empty", None, "/guide/public/"),
    Screen("guide-transfer", "admin", "/guide/transfer/"),
    Screen("guide-new-item", "admin", "/guide/items/new/"),
]


@pytest.mark.parametrize("screen", PAGES, ids=lambda s: s.name)
def test_page_fits_phone_and_desktop_in_both_languages(screen, people, tree, page, sign_in, check_layout):
    if screen.persona is not None:
        user = getattr(people, screen.persona)
        if screen.second_factor:
            sign_in(page, user)
        else:
            page.goto("/accounts/login/")
            page.fill("input[name=username]", user.username)
            page.fill("input[name=password]", PASSWORD)
            page.click("main form button[type=submit]")
            page.wait_for_url("**/accounts/2fa/**")
    path = screen.path(people, tree) if callable(screen.path) else screen.path
    page.goto(path)
    check_layout(page, screen.name, path)
