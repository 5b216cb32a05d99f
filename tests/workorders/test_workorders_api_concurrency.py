"""Concurrent creation with one Idempotency-Key opens one order (threads with their own connections)."""

import threading

from django.db import connection
from django.test import Client

from shiliu.workorders.models import WorkOrder

URL = "/api/v1/orders"


def test_concurrent_requests_with_one_key_create_one_order(transactional_db, wo, token_for):
    headers = token_for(wo.people.operator)
    codes = []

    def create():
        c = Client()
        data = {"channel": "hotline", "category": wo.insurance.pk, "description": "社保", "place": wo.tree.xieshu.pk}
        r = c.post(URL, data, content_type="application/json", headers={"Idempotency-Key": "race-1"}, **headers)
        codes.append(r.status_code)
        connection.close()

    threads = [threading.Thread(target=create) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes).count(201) == 1 and set(codes) <= {200, 201}
    assert WorkOrder.objects.count() == 1
