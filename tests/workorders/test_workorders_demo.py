"""The work-order demo: categories, rules and orders in every state, made through the services,
with timestamps that agree with each other; loading it twice adds nothing."""

import pytest
from django.utils import timezone

from shiliu.core.demo import load_demo
from shiliu.workorders import demo
from shiliu.workorders.choices import Status
from shiliu.workorders.models import Callback, Category, OrderEvent, RoutingRule, WorkOrder

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_this_demo(monkeypatch):
    """The core demo (places, accounts, a few residents) and this app's demo, not the others'."""
    monkeypatch.setattr("shiliu.core.demo._app_demos", lambda: [demo])


def test_the_demo_tells_believable_stories_and_adds_nothing_twice(only_this_demo):
    load_demo(residents=5)
    counts = (Category.objects.count(), RoutingRule.objects.count(), WorkOrder.objects.count(),
              OrderEvent.objects.count())
    assert Category.objects.filter(code__in=["social-insurance", "legal-aid", "culture-life"]).count() == 3
    statuses = set(WorkOrder.objects.values_list("status", flat=True))
    assert statuses == set(Status.values), statuses - set(Status.values)
    assert WorkOrder.objects.filter(language="ug").count() >= 5
    assert WorkOrder.objects.filter(overdue_at__isnull=False).count() >= 3
    assert Callback.objects.filter(method="sms").count() >= 2 and Callback.objects.filter(method="phone").exists()
    assert WorkOrder.objects.filter(reopens__gt=0).exists() and WorkOrder.objects.filter(returns__gt=0).exists()
    now = timezone.now()
    oldest = WorkOrder.objects.order_by("created_at").first()
    assert (now - oldest.created_at).days >= 50
    # every event lies between its order's opening and now, in order
    for order in WorkOrder.objects.all():
        times = list(order.events.order_by("id").values_list("at", flat=True))
        assert times == sorted(times) and times[0] == order.created_at and times[-1] <= now, order
    assert WorkOrder.objects.filter(ack_on_time=True).exists() and WorkOrder.objects.filter(ack_on_time=False).exists()
    assert WorkOrder.objects.filter(resolved_on_time=False).exists()
    load_demo(residents=5)
    assert counts == (Category.objects.count(), RoutingRule.objects.count(), WorkOrder.objects.count(),
                      OrderEvent.objects.count())
