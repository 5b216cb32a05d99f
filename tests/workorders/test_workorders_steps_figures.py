"""Figures per service item and per step: orders per item and channel, on-time rates, in scope."""

from datetime import timedelta

import pytest
from django.utils import timezone
from workorders_steps_helpers import make_item

from shiliu.workorders import services
from shiliu.workorders.choices import Channel
from shiliu.workorders.models import OrderStep, WorkOrder
from shiliu.workorders.steps import step_complete

pytestmark = pytest.mark.django_db

API = "/api/v1/figures/items"


def _setup(wo):
    _item, version = make_item(wo)
    orders = [wo.open(category=None, item_version=version, channel=c)
              for c in (Channel.HOTLINE, Channel.HOTLINE, Channel.WINDOW)]
    wo.open(category=None, item_version=version, place=wo.tree.dagang, by=wo.people.admin)  # not Daqi's
    wo.open()  # not an item's order
    for order in orders[:2]:
        services.order_acknowledge(by=wo.people.worker, order=WorkOrder.objects.get(pk=order.pk),
                                   version=WorkOrder.objects.get(pk=order.pk).version)
    # Step 1 of the second order is late: its due time passed before it was done.
    OrderStep.objects.filter(order=orders[1], position=1).update(due_at=timezone.now() - timedelta(hours=1))
    for order in orders[:2]:
        step_complete(by=wo.people.worker, order=order, position=1)
    WorkOrder.objects.filter(pk=orders[0].pk).update(resolved_on_time=True)
    return orders


def test_api_counts_orders_per_item_and_channel_and_on_time_steps(client, wo, token_for):
    _setup(wo)
    data = client.get(API, {"place": wo.tree.daqi.pk}, **token_for(wo.people.officer)).json()
    [item] = data["items"]
    assert item["code"] == "SI-001" and item["orders"] == 3
    assert item["by_channel"] == {"hotline": 2, "window": 1, "online": 0, "visit": 0}
    assert item["resolved"] == 1 and item["on_time"] == 1 and item["on_time_rate"] == 100.0
    [step] = data["steps"]
    assert step["position"] == 1 and step["done"] == 2 and step["on_time"] == 1 and step["on_time_rate"] == 50.0
    district = client.get(API, **token_for(wo.people.admin)).json()
    assert district["items"][0]["orders"] == 4


def test_the_page_shows_counts_only_and_scope_is_enforced(client, wo, login, token_for):
    _setup(wo)
    login(wo.people.officer)
    page = client.get("/figures/items/", {"place": wo.tree.daqi.pk}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "SI-001" in page and "50.0%" in page and "马女士" not in page
    assert client.get("/figures/items/", {"place": wo.tree.xinqi.pk}).status_code == 404
    assert client.get(API, {"place": wo.tree.xinqi.pk}, **token_for(wo.people.officer)).status_code == 404
    r = client.get(API, {"start": "2026-02-01", "end": "2026-01-01"}, **token_for(wo.people.officer))
    assert r.status_code == 422


def test_item_figures_take_three_queries_however_many_orders(wo, django_assert_num_queries):
    from shiliu.figures.items import item_figures
    from shiliu.figures.metrics import Period

    _setup(wo)
    with django_assert_num_queries(3):
        figures = item_figures(wo.tree.district, Period.default(), "en")
    assert figures.items[0]["orders"] == 4 and figures.steps[0]["done"] == 2
