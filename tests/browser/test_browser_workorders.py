"""A work order's whole life in a real browser: the operator opens it, dispatches it; the
community worker acknowledges and resolves it; the resident rates it on the tracking page,
signed out, on a phone. Every page of the work-order app fits 375 px and 1280 px in Chinese
and English (screenshots in test-artifacts/)."""

import pytest
from browser_helpers import DESKTOP, PHONE, set_language, submit
from django.urls import reverse

from shiliu.accounts.services import user_update_languages
from shiliu.workorders.choices import Kind, Status
from shiliu.workorders.models import Callback, Category, RoutingRule, WorkOrder

pytestmark = pytest.mark.browser


@pytest.fixture
def setup(people, tree):
    other = Category.objects.create(code="other", name="其他", name_en="Other", kind=Kind.HELP)
    insurance = Category.objects.create(code="social-insurance", name="社会保险", name_en="Social insurance")
    RoutingRule.objects.create(place=tree.xieshu, category=insurance, unit=tree.xieshu, created_by=people.admin)
    user_update_languages(user=people.worker, languages=["zh", "ug"], by=people.worker)
    return other


def act(page, action: str) -> None:
    """Open an action's fold on the order's page (the forms are folded until chosen)."""
    page.click(f"#action-{action} summary")


def test_open_dispatch_acknowledge_resolve_and_rate_on_the_tracking_page(
        people, tree, setup, page, browser, site, sign_in, check_layout):
    # The operator opens an order no rule routes, for a resident who needs Uyghur.
    sign_in(page, people.operator)
    page.goto(reverse("workorders:create"))
    page.select_option("select[name=category]", str(setup.pk))
    page.fill("textarea[name=description]", "孩子想报名社区的暑期书法班，询问报名方式。")
    page.select_option("select[name=place]", str(tree.xieshu.pk))
    page.select_option("select[name=language]", "ug")
    page.fill("input[name=contact_name]", "阿依古丽女士")
    page.fill("input[name=contact_phone]", "13812345678")
    submit(page, "main form button[name=open]:not(.wo-default)")
    field = page.locator(".field.has-error")
    assert field.count() == 1 and field.locator("input[name=contact_consent]").count() == 1  # consent first
    assert not WorkOrder.objects.exists()
    page.check("input[name=contact_consent]")
    submit(page, "main form button[name=open]:not(.wo-default)")
    order = WorkOrder.objects.get()
    assert page.url.endswith(reverse("workorders:detail", args=[order.pk]))
    main = page.inner_text("main")
    assert order.tracking_code in main and "需维吾尔语" in main and "138****5678" in main
    assert "13812345678" not in main
    check_layout(page, "workorder-detail-new")
    page.goto(reverse("workorders:detail", args=[order.pk]))  # back in Chinese after the layout check

    act(page, "dispatch")
    assert "会说维吾尔语的工作人员" in page.inner_text("#action-dispatch")  # who at which unit speaks it
    page.select_option("#action-dispatch select", str(tree.xieshu.pk))
    submit(page, "#action-dispatch button[type=submit]")
    assert WorkOrder.objects.get().status == Status.DISPATCHED
    check_layout(page, "workorder-receipt", reverse("workorders:receipt", args=[order.pk]))

    # The community worker, on a phone, acknowledges and resolves it.
    worker = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=site)
    tab = worker.new_page()
    sign_in(tab, people.worker)
    tab.goto(reverse("workorders:inbox"))
    assert order.number in tab.inner_text("main")
    tab.click(f"text={order.number}")
    tab.wait_for_url(f"**{reverse('workorders:detail', args=[order.pk])}")
    act(tab, "acknowledge")
    submit(tab, "#action-acknowledge button[type=submit]")
    assert "您已签收工单" in tab.inner_text("main")
    act(tab, "resolve")
    tab.fill("#action-resolve textarea", "已为孩子报名周六上午的书法班，请带孩子到社区活动室。")
    submit(tab, "#action-resolve button[type=submit]")
    assert WorkOrder.objects.get().status == Status.RESOLVED
    worker.close()

    # The resident, signed out, on a phone: types the code, reads the answer, rates it.
    resident = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=site)
    phone = resident.new_page()
    phone.goto(reverse("workorders:track"))
    phone.fill("input[name=code]", order.tracking_code.lower())
    submit(phone)
    text = phone.inner_text("main")
    assert "已办结，待回访" in text and "书法班" in text and "谢墅社区已答复。" in text
    assert "阿依古丽" not in text and "xieshu_worker" not in text and "询问报名方式" not in text
    assert order.tracking_code not in phone.url  # the code was POSTed, not put in the address
    phone.check("input[name=solved][value=yes]")
    phone.check("input[name=satisfaction][value=very_satisfied]")
    phone.fill("textarea[name=comment]", "谢谢社区！")
    submit(phone)
    assert "谢谢！您的评价已记录。" in phone.inner_text("main")
    resident.close()
    callback = Callback.objects.get()
    assert (callback.method, callback.solved, callback.satisfaction) == ("sms", "yes", "very_satisfied")
    assert WorkOrder.objects.get().status == Status.CLOSED


def test_every_work_order_page_fits_phone_and_desktop_in_both_languages(people, tree, setup, page, sign_in,
                                                                          check_layout):
    from shiliu.workorders.services import order_open, order_return

    order, _ = order_open(by=people.operator, channel="hotline", category=setup, description="测试" * 200,
                          place=tree.xieshu, language="ug", contact_name="马女士", contact_phone="13812345678",
                          contact_consent=True)
    sign_in(page, people.admin)
    for name, path in [
        ("workorders-inbox", reverse("workorders:inbox")),
        ("workorders-all", reverse("workorders:inbox") + "?tab=all"),
        ("workorders-create", reverse("workorders:create")),
        ("workorders-detail", reverse("workorders:detail", args=[order.pk])),
        ("workorders-categories", reverse("workorders:categories")),
        ("workorders-category-edit", reverse("workorders:category_edit", args=[setup.pk])),
        ("workorders-routing", reverse("workorders:routing") + f"?place={tree.xieshu.pk}&category={setup.pk}"),
    ]:
        check_layout(page, name, path)
    dispatched = WorkOrder.objects.get()
    assert dispatched.status == Status.NEW
    order, _ = order_open(by=people.operator, channel="hotline", category=Category.objects.get(code="social-insurance"),
                          description="退回的工单", place=tree.xieshu)
    order_return(by=people.worker, order=order, version=order.version, reason="不属于本社区" * 20)
    check_layout(page, "workorders-dispatch", reverse("workorders:inbox") + "?tab=dispatch")
    page.context.clear_cookies()
    check_layout(page, "workorders-track", reverse("workorders:track"))
    check_layout(page, "workorders-track-status", reverse("workorders:track_code", args=[order.tracking_code]))
    set_language(page, "zh-hans")
    page.set_viewport_size(DESKTOP)
