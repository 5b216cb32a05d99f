"""The order's page and API show a service item's steps; only the current step's unit completes it."""

import pytest
from django.urls import reverse
from workorders_steps_helpers import make_item

from shiliu.workorders import services
from shiliu.workorders.choices import EventKind
from shiliu.workorders.models import OrderStep, WorkOrder

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
API = "/api/v1/orders"


def started(wo):
    _item, version = make_item(wo)
    order = wo.open(category=None, item_version=version)
    return services.order_acknowledge(by=wo.people.worker, order=order, version=order.version)


def complete_url(order, position):
    return reverse("workorders:step_complete", args=[order.pk, position])


def test_the_page_shows_the_steps_and_the_button_only_to_the_steps_unit(wo, login, client):
    order = started(wo)
    login(wo.people.worker)
    page = client.get(reverse("workorders:detail", args=[order.pk]), **EN).content.decode()
    assert "Steps of the service item" in page and "Step 1" in page and "Step 3" in page
    assert "This step is done" in page and complete_url(order, 1) in page
    assert "Resolve and reply" not in page  # the steps come first
    client.logout()
    login(wo.people.operator)  # sees the order (intake side) but does not handle it
    page = client.get(reverse("workorders:detail", args=[order.pk]), **EN).content.decode()
    assert "Step 1" in page and "This step is done" not in page


def test_the_unit_completes_its_step_on_the_page(wo, login, client):
    order = started(wo)
    login(wo.people.worker)
    r = client.post(complete_url(order, 1), {"step1-version": order.version, "step1-outcome": "材料齐全"}, **EN)
    assert r.status_code == 302
    step = OrderStep.objects.get(order=order, position=1)
    assert step.done_by == wo.people.worker and step.outcome == "材料齐全"
    assert OrderStep.objects.get(order=order, position=2).started_at is not None


def test_a_stale_form_is_refused_next_to_the_step(wo, login, client):
    order = started(wo)
    login(wo.people.worker)
    r = client.post(complete_url(order, 1), {"step1-version": order.version - 1}, **EN)
    assert r.status_code == 400
    assert OrderStep.objects.get(order=order, position=1).done_at is None


def test_an_outsider_posting_a_completion_gets_404_and_nothing_changes(wo, login, client):
    order = started(wo)
    before = WorkOrder.objects.get(pk=order.pk).version
    for outsider, code in ((wo.people.other_worker, 404), (wo.people.liaison, 404), (wo.people.operator, 403)):
        login(outsider)
        r = client.post(complete_url(order, 1), {"step1-version": before}, **EN)
        assert r.status_code == code, outsider
        client.logout()
    assert OrderStep.objects.get(order=order, position=1).done_at is None
    assert WorkOrder.objects.get(pk=order.pk).version == before
    assert not order.events.filter(kind=EventKind.STEP_DONE).exists()


def test_api_lists_and_completes_steps(client, wo, token_for):
    order = started(wo)
    worker, officer = token_for(wo.people.worker), token_for(wo.people.officer)
    steps = client.get(f"{API}/{order.pk}/steps", **worker).json()
    assert [(s["position"], s["state"]) for s in steps] == [(1, "current"), (2, "to_come"), (3, "to_come")]
    assert steps[0]["due_at"] is not None
    r = client.post(f"{API}/{order.pk}/steps/1/complete", {"version": order.version}, content_type="application/json",
                    **worker)
    assert r.status_code == 200, r.content
    assert [s["state"] for s in r.json()] == ["done", "current", "to_come"]
    r = client.post(f"{API}/{order.pk}/steps/1/complete", {}, content_type="application/json", **worker)
    assert r.status_code == 422 and r["Content-Type"] == "application/problem+json"
    r = client.post(f"{API}/{order.pk}/steps/2/complete", {"version": 1}, content_type="application/json",
                    **officer)
    assert r.status_code == 409


def test_api_outsider_gets_404_and_nothing_changes(client, wo, token_for):
    order = started(wo)
    before = WorkOrder.objects.get(pk=order.pk).version
    for outsider, code in ((wo.people.other_worker, 404), (wo.people.liaison, 404), (wo.people.operator, 403)):
        r = client.post(f"{API}/{order.pk}/steps/1/complete", {}, content_type="application/json",
                        **token_for(outsider))
        assert r.status_code == code, (outsider, r.content)
    assert client.get(f"{API}/{order.pk}/steps", **token_for(wo.people.other_worker)).status_code == 404
    assert WorkOrder.objects.get(pk=order.pk).version == before
    assert OrderStep.objects.get(order=order, position=1).done_at is None


def test_the_liaison_reports_back_on_the_page_and_the_order_leaves_their_inbox(wo, login, client):
    order = started(wo)
    from shiliu.workorders.steps import step_complete

    step_complete(by=wo.people.worker, order=order, position=1)
    step_complete(by=wo.people.officer, order=order, position=2)
    order = WorkOrder.objects.get(pk=order.pk)
    login(wo.people.liaison)
    inbox = client.get(reverse("workorders:inbox"), **EN).content.decode()
    assert order.number in inbox
    r = client.post(complete_url(order, 3), {"step3-version": order.version, "step3-outcome": ""}, **EN)
    assert r.status_code == 400 and "Report what the department did" in r.content.decode()
    r = client.post(complete_url(order, 3), {"step3-version": order.version, "step3-outcome": "已核定"}, **EN)
    assert r.status_code == 302 and r["Location"] == reverse("workorders:inbox")
    assert order.number not in client.get(reverse("workorders:inbox"), **EN).content.decode()
    assert WorkOrder.objects.get(pk=order.pk).unit == wo.tree.xieshu


def test_the_inbox_names_the_running_step_with_its_due_time(wo, login, client, django_assert_max_num_queries):
    order = started(wo)
    wo.open()  # an order without steps beside it
    login(wo.people.worker)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("workorders:inbox"), **EN).content.decode()
    step = OrderStep.objects.get(order=order, position=1)
    assert "1. Step 1" in page
    from django.utils import timezone

    assert timezone.localtime(step.due_at).strftime("%Y-%m-%d %H:%M") in page
