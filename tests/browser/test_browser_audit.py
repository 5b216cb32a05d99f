"""The auditor reads the audit trail in a real browser — and nothing else (SECURITY.md D6, E2, E3)."""

import pytest
from browser_helpers import submit
from django.urls import reverse

from shiliu.audit.models import AuditEvent

pytestmark = pytest.mark.browser


def test_auditor_opens_the_audit_trail_and_sees_the_sign_ins(people, page, sign_in):
    sign_in(page, people.auditor)
    with page.expect_navigation():
        page.click(f"nav.menu a[href='{reverse('audit:list')}']")
    assert page.locator("main h1").inner_text() == "审计日志"
    assert page.locator("nav.menu a[aria-current=page]").inner_text() == "审计日志"
    rows = page.locator("main table tbody tr")
    assert rows.count() >= 1
    # the auditor's own sign-in is in the trail, with its action name
    assert page.locator("main table tbody", has_text="login.success").count() == 1
    assert "auditor" in page.locator("main table tbody").inner_text()


def test_reading_the_trail_is_itself_recorded_and_a_record_opens(people, page, sign_in):
    sign_in(page, people.auditor)
    page.goto(reverse("audit:list"))
    assert AuditEvent.objects.filter(action="audit.list", actor=people.auditor).count() == 1
    page.reload()
    assert page.locator("main table tbody", has_text="audit.list").count() == 1
    with page.expect_navigation():
        page.locator("main table tbody tr a").first.click()
    assert "/audit/" in page.url and page.url.rstrip("/").split("/")[-1].isdigit()
    assert AuditEvent.objects.filter(action="audit.view", actor=people.auditor).count() == 1


def test_auditor_verifies_the_chain_from_the_page(people, page, sign_in):
    sign_in(page, people.auditor)
    page.goto(reverse("audit:list"))
    submit(page, "main form[action$='/audit/verify/'] button")
    assert page.url.endswith(reverse("audit:verify"))
    assert page.locator("main .errorlist-box").count() == 0  # nothing altered
    assert page.locator("main [role=status]").is_visible()

