"""Two completions of the same step at once complete it once (threads with their own connections)."""

import threading

from django.db import connection
from django.test import Client
from workorders_steps_helpers import make_item

from shiliu.workorders import services
from shiliu.workorders.choices import EventKind
from shiliu.workorders.models import OrderEvent, OrderStep

URL = "/api/v1/orders"


def test_concurrent_completions_of_one_step_complete_it_once(transactional_db, wo, token_for):
    _item, version = make_item(wo)
    order = wo.open(category=None, item_version=version)
    order = services.order_acknowledge(by=wo.people.worker, order=order, version=order.version)
    headers = token_for(wo.people.worker)
    codes = []

    def complete():
        c = Client()
        r = c.post(f"{URL}/{order.pk}/steps/1/complete", {"outcome": "好"}, content_type="application/json",
                   **headers)
        codes.append(r.status_code)
        connection.close()

    threads = [threading.Thread(target=complete) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes).count(200) == 1 and set(codes) <= {200, 422}, codes
    assert OrderEvent.objects.filter(order=order, kind=EventKind.STEP_DONE).count() == 1
    assert OrderStep.objects.get(order=order, position=2).started_at is not None
