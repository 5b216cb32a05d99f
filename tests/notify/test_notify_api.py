"""/api/v1/notifications: the caller's own notifications, nobody else's."""

import pytest
from django.utils import timezone

from shiliu.notify import services
from shiliu.notify.models import Notification

BASE = "/api/v1/notifications"


def welcome(user, key, name="小谢", link=""):
    services.notify_user(key=key, user=user, template="notify.welcome", params={"name": name}, link=link)
    return Notification.objects.get(user=user, outbox__key=key)


def test_list_shows_only_mine_newest_first_in_the_requests_language(people, client, token_for):
    first = welcome(people.worker, "a", name="Xie")
    Notification.objects.filter(pk=first.pk).update(created_at=timezone.now() - timezone.timedelta(minutes=5))
    second = welcome(people.worker, "b", name="Li", link="/orders/9/")
    welcome(people.officer, "c")
    body = client.get(BASE, HTTP_ACCEPT_LANGUAGE="en", **token_for(people.worker)).json()
    assert body["count"] == 2
    assert [item["id"] for item in body["items"]] == [second.pk, first.pk]
    item = body["items"][0]
    assert set(item) == {"id", "template", "subject", "body", "link", "created_at", "read_at"}
    assert item["subject"] == "Welcome to Shiliu, Li" and item["link"] == "/orders/9/" and item["read_at"] is None
    zh = client.get(BASE, **token_for(people.worker)).json()
    assert zh["items"][0]["subject"] == "欢迎使用石榴，Li"


def test_unread_filter_and_count(people, client, token_for):
    welcome(people.worker, "a")
    read = welcome(people.worker, "b")
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    headers = token_for(people.worker)
    assert client.get(BASE, {"unread": "true"}, **headers).json()["count"] == 1
    assert client.get(f"{BASE}/unread-count", **headers).json() == {"unread": 1}


def test_mark_read_mine_and_404_on_anothers(people, client, token_for):
    mine = welcome(people.worker, "a")
    theirs = welcome(people.officer, "b")
    headers = token_for(people.worker)
    response = client.post(f"{BASE}/{mine.pk}/read", **headers)
    assert response.status_code == 200 and response.json()["read_at"]
    again = client.post(f"{BASE}/{mine.pk}/read", **headers)
    assert again.json()["read_at"] == response.json()["read_at"], "marking twice keeps the first time"
    refused = client.post(f"{BASE}/{theirs.pk}/read", **headers)
    assert refused.status_code == 404 and refused["Content-Type"].startswith("application/problem+json")
    assert client.post(f"{BASE}/99999999999999999999/read", **headers).status_code in {404, 422}
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_read_all_marks_only_mine(people, client, token_for):
    welcome(people.worker, "a")
    welcome(people.worker, "b")
    welcome(people.officer, "c")
    assert client.post(f"{BASE}/read-all", **token_for(people.worker)).json() == {"marked": 2}
    assert services.unread_count(people.officer) == 1


def test_signed_out_gets_nothing(db, client):
    assert client.get(BASE).status_code == 401
    assert client.get(f"{BASE}/unread-count").status_code == 401


@pytest.mark.parametrize("count", [1, 30])
def test_list_query_count_does_not_grow(people, client, token_for, django_assert_num_queries, count):
    for i in range(count):
        welcome(people.worker, f"k{i}")
    headers = token_for(people.worker)
    client.get(BASE, **headers)
    # token (with its user), roles, the count, the page
    with django_assert_num_queries(4):
        assert client.get(BASE, **headers).status_code == 200
