"""A service item's steps in a real browser: the order's page with its steps fits a phone and a
desktop in both languages; a community worker completes the current step on a phone, and the
next step's unit (the subdistrict) sees it as theirs; the item figures page fits too."""

import pytest
from browser_helpers import PHONE, submit
from django.urls import reverse

from shiliu.guide.models import Domain, ItemVersion, ServiceItem, Step, StepOwner
from shiliu.workorders.choices import Channel, Kind
from shiliu.workorders.models import Category, OrderStep
from shiliu.workorders.services import order_acknowledge, order_open

pytestmark = pytest.mark.browser


def item_order(people, tree):
    category = Category.objects.create(code="social-insurance", name="社会保险", name_en="Social insurance",
                                       kind=Kind.HELP)
    domain = Domain.objects.create(code="social", name="社会保障", name_en="Social security")
    item = ServiceItem.objects.create(code="SI-001", domain=domain, category=category)
    version = ItemVersion.objects.create(item=item, number=1, name="灵活就业人员参保登记",
                                         name_en="Insurance registration for the flexibly employed",
                                         promised_days=7, channels=["window"])
    for position, (owner, name, name_en, days, department) in enumerate([
            (StepOwner.WINDOW, "窗口受理并核对材料", "The window takes the request and checks the materials", 1, None),
            (StepOwner.SUBDISTRICT, "街道审核", "The subdistrict reviews it", 2, None),
            (StepOwner.DEPARTMENT, "区人社局核定", "The district's human resources bureau decides", 3,
             tree.education)], start=1):
        Step.objects.create(item_version=version, position=position, name=name, name_en=name_en, owner=owner,
                            time_limit_days=days, department=department, tell_resident=position > 1)
    item.current = version
    item.save()
    order, _ = order_open(by=people.operator, channel=Channel.WINDOW, category=None, item_version=version,
                          description="灵活就业人员想参加养老保险", place=tree.xieshu, contact_name="马女士",
                          contact_phone="13812345678", contact_consent=True)
    return order_acknowledge(by=people.worker, order=order, version=order.version)


def test_the_steps_page_fits_a_phone_and_a_desktop(people, tree, page, sign_in, check_layout):
    order = item_order(people, tree)
    sign_in(page, people.worker)
    check_layout(page, "workorders-steps-detail", reverse("workorders:detail", args=[order.pk]))
    page.context.clear_cookies()
    sign_in(page, people.officer)
    check_layout(page, "figures-items", reverse("figures:items"))


def test_a_worker_completes_the_current_step_on_a_phone(people, tree, page, sign_in):
    order = item_order(people, tree)
    page.set_viewport_size(PHONE)
    sign_in(page, people.worker)
    page.goto(reverse("workorders:detail", args=[order.pk]))
    current = page.locator("#step-1")
    assert "wo-step-current" in current.get_attribute("class")
    assert page.locator("#step-2 form").count() == 0  # not this unit's step
    current.locator("textarea").fill("材料齐全，已核对")
    submit(page, "#step-1 form button[type=submit]")
    step = OrderStep.objects.get(order=order, position=1)
    assert step.done_by == people.worker and step.outcome == "材料齐全，已核对"
    assert "wo-step-done" in page.locator("#step-1").get_attribute("class")
    assert "wo-step-current" in page.locator("#step-2").get_attribute("class")
    assert page.locator("#step-2 form").count() == 0
    page.screenshot(path="test-artifacts/workorders-steps-completed-phone.png", full_page=True)

    page.context.clear_cookies()
    sign_in(page, people.officer)
    page.goto(reverse("workorders:inbox"))
    assert order.number in page.inner_text("main")
    page.goto(reverse("workorders:detail", args=[order.pk]))
    assert page.locator("#step-2 form button[type=submit]").count() == 1
