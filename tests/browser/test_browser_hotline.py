"""The hotline desk in a real browser: its layout at phone and desktop widths in both languages,
a ringing call appearing through the polled panel, and an order opened from it by keyboard."""

import pytest
from browser_helpers import PHONE

from shiliu.hotline.choices import CallEventKind, CallState, Outcome
from shiliu.hotline.models import Call
from shiliu.hotline.services import call_event, call_take
from shiliu.workorders.choices import Kind
from shiliu.workorders.models import Category, RoutingRule, WorkOrder

pytestmark = pytest.mark.browser


def categories(people, tree):
    insurance = Category.objects.create(code="social-insurance", name="社会保险", name_en="Social insurance",
                                        kind=Kind.HELP)
    Category.objects.create(code="education", name="子女入学", name_en="School places", kind=Kind.CONSULTATION)
    RoutingRule.objects.create(place=tree.xieshu, category=insurance, unit=tree.xieshu, created_by=people.admin)
    return insurance


def ring(tree, caller: str, call_id: str) -> Call:
    call, _changed = call_event(by=None, event=CallEventKind.RINGING, call_id=call_id, caller=caller,
                                place=tree.daqi, source="test-pbx")
    return call


def test_the_desk_fits_a_phone_and_a_desktop_in_both_languages(people, tree, page, sign_in, check_layout):
    categories(people, tree)
    ring(tree, "057486881234", "a1")
    call = call_take(by=people.operator, call=ring(tree, "13812345678", "a2"))
    sign_in(page, people.operator)
    check_layout(page, "hotline-desk", "/hotline/")
    check_layout(page, "hotline-desk-call", f"/hotline/?call={call.pk}")
    check_layout(page, "hotline-calls", "/hotline/calls/")
    check_layout(page, "hotline-call", f"/hotline/calls/{call.pk}/")


def test_on_a_phone_the_panels_stack(people, tree, page, sign_in):
    categories(people, tree)
    call = call_take(by=people.operator, call=ring(tree, "13812345678", "p1"))
    sign_in(page, people.operator)
    page.set_viewport_size(PHONE)
    page.goto(f"/hotline/?call={call.pk}")
    columns = page.locator(".hl-desk > .hl-col")
    panels, work = columns.nth(0).bounding_box(), columns.nth(1).bounding_box()
    # One under the other, the call being handled and its forms first.
    assert panels and work and panels["y"] >= work["y"] + work["height"] - 1
    assert work["width"] <= PHONE["width"]


def test_a_ringing_call_appears_by_polling_and_becomes_a_work_order(people, tree, page, sign_in):
    categories(people, tree)
    sign_in(page, people.operator)
    page.goto("/hotline/")
    assert page.locator("#incoming .hl-call").count() == 0

    ring(tree, "0574-8688 1234", "live-1")  # the phone system reports a call
    page.locator("#incoming .hl-ringing").wait_for(timeout=8000)  # polled every 2 s
    panel = page.inner_text("#incoming")
    assert "574****1234" in panel and "86881234" not in panel

    with page.expect_navigation():
        page.locator("#incoming .hl-ringing button[type=submit]").click()
    call = Call.objects.get()
    assert call.state == CallState.ANSWERED and call.operator == people.operator
    assert f"call={call.pk}" in page.url

    form = page.locator("#order-form")
    names = form.locator("input:not([type=hidden]), select, textarea").evaluate_all(
        "els => els.map(e => e.name)")
    assert names == ["order-category", "order-description", "order-place", "order-urgency", "order-language",
                     "order-contact_name", "order-contact_phone", "order-contact_consent", "order-attachments"]
    assert form.locator("[name=order-contact_phone]").input_value() == "0574 8688 1234"  # from the call

    # Keyboard only: choose, type, tab on.
    form.locator("[name=order-category]").focus()
    page.keyboard.press("ArrowDown")  # first category: 子女入学 (education) ...
    form.locator("[name=order-category]").select_option(label="社会保险")
    page.keyboard.press("Tab")
    page.keyboard.type("灵活就业人员想参加社保，询问办理地点")
    page.keyboard.press("Tab")
    form.locator("[name=order-place]").select_option(str(tree.xieshu.pk))
    form.locator("[name=order-contact_name]").fill("马女士")
    form.locator("[name=order-contact_consent]").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").press("Enter")

    order = WorkOrder.objects.get()
    call.refresh_from_db()
    assert call.order == order and call.outcome == Outcome.ORDER_OPENED
    receipt = page.inner_text(".hl-receipt")
    assert order.number in receipt and order.tracking_code in receipt
    assert order.contact_phone == "+8657486881234" and order.place == tree.xieshu


def test_a_missing_category_is_shown_next_to_its_field_and_nothing_is_saved(people, tree, page, sign_in):
    categories(people, tree)
    call = call_take(by=people.operator, call=ring(tree, "13812345678", "e1"))
    sign_in(page, people.operator)
    page.goto(f"/hotline/?call={call.pk}")
    form = page.locator("#order-form")
    form.locator("[name=order-description]").fill("想咨询孩子入学")
    form.locator("[name=order-place]").select_option(str(tree.jiufeng.pk))
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    field = page.locator("#order-form .field.has-error")
    assert field.count() == 2  # the category, and the consent for the prefilled number
    assert field.first.locator("select[name=order-category]").count() == 1
    assert page.locator("#order-form [name=order-description]").input_value() == "想咨询孩子入学"
    assert not WorkOrder.objects.exists()
    assert Call.objects.get(pk=call.pk).outcome == ""
