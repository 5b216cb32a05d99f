"""The hotline dashboard: figures computed from the orders, scoped, with the orders behind each."""

from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from shiliu.figures.drill import drill
from shiliu.figures.metrics import Period, order_figures
from shiliu.figures.models import OrderDayStats
from shiliu.figures.rollup import rollup_all, rollup_changes
from shiliu.workorders.services import (
    order_acknowledge,
    order_callback,
    order_cancel,
    order_resolve,
    order_return,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(wo):
    """Four orders in 大碶 (two rated), one in 新碶, one cancelled."""
    p = wo.people
    a, b, c, d = (wo.open() for _ in range(4))
    for order, solved, satisfaction in ((a, "yes", "very_satisfied"), (b, "no", "dissatisfied")):
        order = order_acknowledge(by=p.worker, order=order, version=order.version)
        order = order_resolve(by=p.worker, order=order, version=order.version, reply="已答复")
        order_callback(by=p.operator, order=order, version=order.version, solved=solved, satisfaction=satisfaction)
    order_return(by=p.worker, order=c, version=c.version, reason="不属于本社区")
    e = wo.open(by=p.admin, place=wo.tree.dagang, category=wo.school)
    f = wo.open(category=wo.other)
    order_cancel(by=p.operator, order=f, version=f.version, reason="重复来电")
    rollup_all()
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}


def today():
    return Period(timezone.localdate(), timezone.localdate())


def rates(figures):
    return {r["key"]: (r["numerator"], r["denominator"], r["value"]) for r in figures.rates}


def test_the_figures_count_what_happened(wo, orders):
    f = order_figures(wo.people.officer, wo.tree.daqi, today())
    assert f.totals["created"] == 5 and f.totals["cancelled"] == 1 and f.totals["accepted"] == 4
    r = rates(f)
    assert r["resolution_rate"] == (2, 4, 50.0)
    assert r["on_time_resolution_rate"] == (2, 2, 100.0)
    assert r["callback_rate"] == (2, 2, 100.0)
    assert r["solved_rate"] == (1, 2, 50.0)  # closing is not solving
    assert r["satisfaction_rate"] == (1, 2, 50.0)
    assert r["reopen_rate"] == (0, 2, 0.0)  # requested, not yet approved
    assert [u["n"] for u in f.returns_by_unit] == [1]
    district = order_figures(wo.people.admin, wo.tree.district, today())
    assert district.totals["created"] == 6
    assert {row["place"].pk: row["created"] for row in district.by_place} == {wo.tree.daqi.pk: 5,
                                                                              wo.tree.xinqi.pk: 1}


def test_each_number_drills_down_to_its_orders(wo, orders):
    f = order_figures(wo.people.officer, wo.tree.daqi, today())
    for key, (numerator, _den, _value) in rates(f).items():
        assert drill(wo.tree.daqi, today(), key).count() == numerator, key
    assert set(drill(wo.tree.daqi, today(), "not_solved")) == {orders["b"]}
    assert set(drill(wo.tree.daqi, today(), "returned")) == {orders["c"]}
    assert drill(wo.tree.daqi, today(), "created", category_id=wo.other.pk).count() == 1


def test_the_rollup_follows_later_changes(wo, orders):
    p = wo.people
    d = orders["d"]
    order_acknowledge(by=p.worker, order=d, version=d.version)
    rollup_changes()
    assert order_figures(p.officer, wo.tree.daqi, today()).totals["ack_known"] == 3
    assert rollup_changes() >= 0  # nothing new: idempotent
    assert OrderDayStats.objects.filter(day=timezone.localdate()).count() >= 2


def test_overdue_now_is_counted_by_the_rollup_each_minute(wo, orders):
    from shiliu.workorders.models import WorkOrder

    WorkOrder.objects.filter(pk=orders["d"].pk).update(due_at=timezone.now() - timedelta(hours=1))
    assert order_figures(wo.people.officer, wo.tree.daqi, today()).overdue_now == 0  # not counted yet
    rollup_changes()
    assert order_figures(wo.people.officer, wo.tree.daqi, today()).overdue_now == 1
    assert order_figures(wo.people.admin, wo.tree.xinqi, today()).overdue_now == 0


def test_the_page_shows_figures_in_scope_only(client, login, wo, orders, django_assert_max_num_queries):
    login(wo.people.officer)
    with django_assert_max_num_queries(13):
        r = client.get("/figures/")
    assert r.status_code == 200
    body = r.content.decode()
    assert "figures-data" in body and "echarts.min.js" in body
    assert client.get(f"/figures/?place={wo.tree.xinqi.pk}").status_code == 404
    assert client.get(f"/figures/?place={wo.tree.xieshu.pk}").status_code == 200
    r = client.get(f"/figures/orders/?place={wo.tree.daqi.pk}&metric=solved_rate")
    assert r.status_code == 200 and orders["a"].number in r.content.decode()
    assert orders["b"].number not in r.content.decode()
    assert client.get("/figures/orders/?metric=nonsense").status_code == 404


def test_roles_without_figures_are_refused(client, login, wo):
    for persona in (wo.people.worker, wo.people.operator, wo.people.liaison):
        client.logout()
        login(persona)
        assert client.get("/figures/").status_code == 403


def test_a_period_that_ends_before_it_starts_is_explained_next_to_the_field(client, login, wo, orders):
    login(wo.people.officer)
    r = client.get("/figures/?start=2026-05-02&end=2026-05-01", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 200 and "The end of the period is before its start." in r.content.decode()


def test_export_has_the_figures_and_the_orders_behind_one(client, login, wo, orders):
    import io

    login(wo.people.officer)
    r = client.get(f"/figures/export/?place={wo.tree.daqi.pk}")
    assert r.status_code == 200
    book = load_workbook(io.BytesIO(r.content))
    assert len(book.sheetnames) == 4
    values = [row for row in book.worksheets[0].iter_rows(values_only=True)]
    assert any(row[1] == 5 for row in values[1:])
    r = client.get(f"/figures/export/?place={wo.tree.daqi.pk}&metric=returned")
    sheet = load_workbook(io.BytesIO(r.content)).worksheets[0]
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [orders["c"].number]


def test_the_api_gives_the_same_figures(client, wo, orders, token_for):
    r = client.get("/api/v1/figures/orders", **token_for(wo.people.officer))
    assert r.status_code == 200
    data = r.json()
    assert data["totals"]["created"] == 5
    assert {x["key"]: x["value"] for x in data["rates"]}["solved_rate"] == 50.0
    assert client.get(f"/api/v1/figures/orders?place={wo.tree.xinqi.pk}",
                      **token_for(wo.people.officer)).status_code == 404
    assert client.get("/api/v1/figures/orders", **token_for(wo.people.worker)).status_code == 403


def test_the_answered_on_call_rate_is_shown_in_per_cent(wo, orders, monkeypatch):
    from shiliu.hotline import stats

    monkeypatch.setattr(stats, "call_figures", lambda *a, **k: {"calls": 49, "answered": 49, "answered_on_call": 38,
                                                                 "answered_on_call_rate": 38 / 49})
    assert order_figures(wo.people.officer, wo.tree.daqi, today()).calls["answered_on_call_rate"] == 77.6


def test_the_date_boxes_show_the_period_in_force(client, login, wo, orders):
    login(wo.people.officer)
    body = client.get("/figures/").content.decode()
    start = timezone.localdate().replace(day=1).isoformat()
    assert f'value="{start}"' in body and f'value="{timezone.localdate().isoformat()}"' in body
