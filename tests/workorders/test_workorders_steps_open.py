"""order_open with a service item's version: its category, its deadline, its record."""

import pytest
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
