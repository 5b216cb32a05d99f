"""order_open with a service item's version: its category, its deadline, its record."""

import pytest
from django.core.exceptions import ValidationError
from workorders_steps_helpers import make_item

from shiliu.workdays.calendar import add_working_days
from shiliu.workorders.choices import EventKind

pytestmark = pytest.mark.django_db


def test_open_with_item_version_takes_the_versions_deadline_and_category(wo):
    _item, version = make_item(wo, promised_days=7)
    order = wo.open(category=None, item_version=version)
    assert order.item_version == version
    assert order.category == wo.insurance  # the item's category
    assert order.resolve_due == add_working_days(order.dispatched_at, 7)  # not the category's 10
    created = order.events.get(kind=EventKind.CREATED)
    assert created.data["item_version"] == version.pk
    assert created.data["promised_days"] == 7


def test_open_without_item_version_keeps_the_category_deadline(wo):
    order = wo.open()
    assert order.item_version is None
    assert order.resolve_due == add_working_days(order.dispatched_at, 10)


def test_api_opens_an_order_of_a_service_item(client, wo, token_for):
    _item, version = make_item(wo, promised_days=7)
    data = {"channel": "online", "item_version": version.pk, "description": "网上申请参保", "place": wo.tree.xieshu.pk}
    r = client.post("/api/v1/orders", data, content_type="application/json", **token_for(wo.people.operator))
    assert r.status_code == 201, r.content
    body = r.json()
    assert body["item_version"] == version.pk and body["category"]["id"] == wo.insurance.pk
    assert body["unit"]["id"] == wo.tree.xieshu.pk  # the first step's unit
    r = client.post("/api/v1/orders", {**data, "item_version": 999999}, content_type="application/json",
                    **token_for(wo.people.operator))
    assert r.status_code == 422 and "item_version" in r.content.decode()


def test_an_item_no_longer_offered_is_refused(wo):
    item, version = make_item(wo)
    item.active = False
    item.save()
    with pytest.raises(ValidationError) as e:
        wo.open(category=None, item_version=version)
    assert "item_version" in e.value.message_dict
