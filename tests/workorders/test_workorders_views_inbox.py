"""The inbox: the tabs a user sees by capability, each scoped; deadlines marked with text as
well as colour; the language needed marked; filters and paging on "all"; query counts pinned."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from shiliu.workorders.models import WorkOrder
from shiliu.workorders.services import order_acknowledge, order_resolve, order_return

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = reverse("workorders:inbox")


def tabs(response) -> list[str]:
    return [name for name, _label in response.context["tabs"]]


def numbers(response) -> list[str]:
    return [row["order"].number for row in response.context["rows"]]


def test_each_persona_sees_the_tabs_of_their_capabilities(wo, login, client):
    expected = {
        "worker": ["mine", "overdue", "all"],
        "operator": ["dispatch", "callbacks", "overdue", "all"],
        "officer": ["mine", "dispatch", "reopen", "overdue", "all"],
        "liaison": ["mine", "overdue", "all"],
        "admin": ["mine", "dispatch", "callbacks", "reopen", "overdue", "all"],
    }
    for persona, names in expected.items():
        client.logout()
        login(getattr(wo.people, persona))
        assert tabs(client.get(URL)) == names, persona


def test_roles_without_order_view_get_403(wo, login, client):
    for persona in ("auditor", "nobody"):
        client.logout()
        login(getattr(wo.people, persona))
        assert client.get(URL).status_code == 403


def test_a_tab_the_user_does_not_have_is_404(wo, login, client):
    login(wo.people.worker)
    assert client.get(URL + "?tab=dispatch").status_code == 404
    assert client.get(URL + "?tab=nonsense").status_code == 404


def test_my_inbox_is_sorted_by_deadline_and_marks_overdue_and_due_soon_in_words(wo, login, client):
    now = timezone.now()
    later = wo.open(description="later")
    overdue = wo.open(description="overdue")
    soon = wo.open(description="soon")
    WorkOrder.objects.filter(pk=later.pk).update(due_at=now + timedelta(days=5))
    WorkOrder.objects.filter(pk=overdue.pk).update(due_at=now - timedelta(hours=2))
    WorkOrder.objects.filter(pk=soon.pk).update(due_at=now + timedelta(hours=3))
    login(wo.people.worker)
    response = client.get(URL, **EN)
    assert numbers(response) == [overdue.number, soon.number, later.number]
    page = response.content.decode()
    assert 'class="due due-overdue">Overdue<' in page and 'class="due due-soon">Due soon<' in page
    zh = client.get(URL).content.decode()
    assert ">已超时<" in zh and ">即将到期<" in zh


def test_an_order_needing_another_language_is_marked(wo, login, client):
    wo.open(language="ug")
    login(wo.people.worker)
    assert "Needs Uyghur" in client.get(URL, **EN).content.decode()
    assert "需维吾尔语" in client.get(URL).content.decode()


def test_nobody_sees_orders_outside_their_area(wo, login, client):
    order = wo.open()
    login(wo.people.other_worker)
    for tab in ("mine", "overdue", "all"):
        assert order.number not in numbers(client.get(URL + f"?tab={tab}")), tab


def test_the_dispatch_queue_holds_new_and_returned_orders_with_the_units_reason(wo, login, client):
    new = wo.open(category=wo.other)
    returned = wo.open()
    order_return(by=wo.people.worker, order=returned, version=returned.version, reason="不属于本社区，请改派")
    login(wo.people.operator)
    response = client.get(URL + "?tab=dispatch", **EN)
    assert set(numbers(response)) == {new.number, returned.number}
    page = response.content.decode()
    assert "Returned by 谢墅社区:" in page and "不属于本社区，请改派" in page


def test_the_callback_tab_lists_resolved_orders(wo, login, client):
    order = wo.open()
    order = order_acknowledge(by=wo.people.worker, order=order, version=order.version)
    order_resolve(by=wo.people.worker, order=order, version=order.version, reply="已答复")
    login(wo.people.operator)
    assert numbers(client.get(URL + "?tab=callbacks")) == [order.number]


def test_the_overdue_tab(wo, login, client):
    order = wo.open()
    wo.open()
    WorkOrder.objects.filter(pk=order.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    login(wo.people.officer)
    assert numbers(client.get(URL + "?tab=overdue")) == [order.number]


def test_all_filters_by_status_category_channel_place_and_period(wo, login, client):
    a = wo.open()
    b = wo.open(category=wo.other, channel="window", place=wo.tree.jiufeng)
    old = wo.open(now=timezone.now() - timedelta(days=40))
    login(wo.people.officer)

    def listed(**query):
        response = client.get(URL, {"tab": "all", **query})
        assert response.status_code == 200
        return set(numbers(response))

    assert listed() == {a.number, b.number, old.number}
    assert listed(status="new") == {b.number}
    assert listed(category=wo.insurance.pk) == {a.number, old.number}
    assert listed(channel="window") == {b.number}
    assert listed(place=wo.tree.jiufeng.pk) == {b.number}
    assert listed(period="30") == {a.number, b.number}


def test_a_filter_outside_the_area_is_refused_not_obeyed(wo, login, client):
    wo.open()
    login(wo.people.worker)
    response = client.get(URL, {"tab": "all", "place": wo.tree.dagang.pk})
    assert "place" in response.context["filters"].errors


def test_paging(wo, login, client):
    for i in range(27):
        wo.open(description=f"第{i}件")
    login(wo.people.worker)
    first = client.get(URL + "?tab=all")
    second = client.get(URL + "?tab=all&page=2")
    assert len(numbers(first)) == 25 and len(numbers(second)) == 2
    assert not set(numbers(first)) & set(numbers(second))
    assert "page=2" in first.content.decode()


# session, user, roles, count, page (+ the filter form's categories and places on "all")
@pytest.mark.parametrize(("tab", "queries"), [("mine", 5), ("all", 7), ("overdue", 5)])
def test_the_number_of_queries_does_not_grow_with_the_orders(wo, login, client, django_assert_max_num_queries, tab,
                                                              queries):
    login(wo.people.officer)
    for _ in range(3):
        wo.open(language="ug")
    WorkOrder.objects.update(due_at=timezone.now() - timedelta(hours=1))  # overdue too
    client.get(URL + f"?tab={tab}")  # warm the session
    with django_assert_max_num_queries(queries):
        client.get(URL + f"?tab={tab}")
    for _ in range(20):
        wo.open()
    WorkOrder.objects.update(due_at=timezone.now() - timedelta(hours=1))
    with django_assert_max_num_queries(queries):
        response = client.get(URL + f"?tab={tab}")
    assert len(response.context["rows"]) >= 3


def test_the_dispatch_queue_has_a_fixed_number_of_queries(wo, login, client, django_assert_max_num_queries):
    login(wo.people.operator)
    order = wo.open()
    order_return(by=wo.people.worker, order=order, version=order.version, reason="退回")
    client.get(URL + "?tab=dispatch")
    with django_assert_max_num_queries(6):  # session, user, roles, count, page, the returns' reasons
        client.get(URL + "?tab=dispatch")
    for _ in range(10):
        order = wo.open()
        order_return(by=wo.people.worker, order=order, version=order.version, reason="退回")
        wo.open(category=wo.other)
    with django_assert_max_num_queries(6):
        response = client.get(URL + "?tab=dispatch")
    assert len(response.context["rows"]) == 21
