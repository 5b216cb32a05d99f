"""The hotline dashboard in a real browser: charts drawn by the vendored ECharts under the CSP,
phone and desktop, both languages, and a number that opens the orders behind it."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "workorders"))

from workorders_helpers import Setup  # noqa: E402

pytestmark = pytest.mark.browser


def test_the_dashboard_draws_its_charts_and_drills_down(people, tree, page, sign_in, check_layout):
    from shiliu.figures.rollup import rollup_all
    from shiliu.workorders.services import order_acknowledge, order_resolve

    wo = Setup(tree, people)
    for _ in range(3):
        order = wo.open()
    order = order_acknowledge(by=people.worker, order=order, version=order.version)
    order_resolve(by=people.worker, order=order, version=order.version, reply="已答复")
    wo.open(category=wo.other)
    rollup_all()

    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, people.officer)
    page.goto("/figures/")
    page.wait_for_selector("#chart-categories svg")
    page.wait_for_selector("#chart-places svg")
    assert not errors, errors  # no CSP refusal, no script error
    assert "4" in page.locator(".figures-cards li").first.inner_text()
    check_layout(page, "figures-dashboard", "/figures/")
    page.goto("/figures/")
    page.locator(".figures-cards li a").first.click()
    page.wait_for_url("**/figures/orders/**")
    assert page.locator("table tbody tr").count() == 4
