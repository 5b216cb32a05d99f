"""The window that takes a visitor with every material has done the item's first (window) step."""

from windows_helpers import _content

from shiliu.guide.services import item_create
from shiliu.windows.services import visit_take, window_update
from shiliu.workorders.choices import Status


def _two_step_item(win, people):
    content = _content("居住证办理", "Residence permit", 10, ["身份证", "租房合同"])
    content["steps"] = [{"name": "窗口受理", "owner": "window", "time_limit_days": 1},
                        {"name": "街道审核", "owner": "subdistrict", "time_limit_days": 3}]
    item = item_create(by=people.admin, code="RES-01", domain=win.insurance, category=win.category, content=content)
    window = win.xieshu
    window_update(window=window, by=people.admin, version=window.version, items=[win.school, win.pension, item])
    return item


def test_with_every_material_the_window_step_is_done_and_the_subdistrict_has_the_order(win, tree, people):
    item = _two_step_item(win, people)
    visit, _ = visit_take(by=people.worker, window=win.xieshu, items=[item], brought={item.pk: win.materials(item)})
    order = visit.lines.get().order
    order.refresh_from_db()
    steps = list(order.steps.order_by("position"))
    assert order.status == Status.IN_PROGRESS and order.unit_id == tree.daqi.pk
    assert steps[0].done_by == people.worker and steps[0].outcome
    assert steps[1].started_at is not None and steps[1].done_at is None


def test_with_a_material_missing_the_window_step_stays_open(win, tree, people):
    item = _two_step_item(win, people)
    visit, _ = visit_take(by=people.worker, window=win.xieshu, items=[item],
                          brought={item.pk: win.materials(item)[:1]})
    order = visit.lines.get().order
    order.refresh_from_db()
    assert order.status == Status.DISPATCHED and order.unit_id == tree.xieshu.pk
    assert not order.steps.filter(done_at__isnull=False).exists()
