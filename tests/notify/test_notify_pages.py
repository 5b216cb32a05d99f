"""My notifications, the header bell, and the outbox page of the administrators."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from notify_helpers import PHONE, PHONE_MASKED

from shiliu.accounts.models import Role
from shiliu.accounts.services import role_grant
from shiliu.audit.models import AuditEvent
from shiliu.notify import services
from shiliu.notify.choices import Status
from shiliu.notify.models import Notification, Outbox

# Every signed-in page: session, user, roles.
PAGE_BASE_QUERIES = 3


def welcome(user, key, name="小谢", link=""):
    services.notify_user(key=key, user=user, template="notify.welcome", params={"name": name}, link=link)
    return Notification.objects.get(user=user, outbox__key=key)


def htmx(**extra):
    return {"HTTP_HX_REQUEST": "true", **extra}


# --- my notifications ---------------------------------------------------------------------------------------

def test_my_list_shows_only_mine_newest_first_with_the_unread_marked(people, login, client):
    older = welcome(people.worker, "a", name="第一")
    newer = welcome(people.worker, "b", name="第二", link="/orders/5/")
    welcome(people.officer, "c", name="别人的")
    Notification.objects.filter(pk=older.pk).update(read_at=timezone.now(),
                                                    created_at=timezone.now() - timezone.timedelta(hours=1))
    login(people.worker)
    page = client.get("/notifications/").content.decode()
    assert page.index("欢迎使用石榴，第二") < page.index("欢迎使用石榴，第一")
    assert "别人的" not in page
    assert f'id="notification-{newer.pk}"' in page and 'href="/orders/5/"' in page
    assert page.count('class="notification unread"') == 1
    assert "未读" in page


def test_the_list_speaks_english_on_switch(people, login, client):
    welcome(people.worker, "a", name="Xie")
    login(people.worker)
    page = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Welcome to Shiliu, Xie" in page and "Mark read" in page and "Mark all read" in page


def test_signed_out_the_list_sends_to_the_login_page(db, client):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_mark_read_with_htmx_answers_the_item_and_tells_the_bell(people, login, client):
    notification = welcome(people.worker, "a")
    login(people.worker)
    response = client.post(f"/notifications/{notification.pk}/read/", **htmx())
    assert response.status_code == 200 and response["HX-Trigger"] == "notify-read"
    body = response.content.decode()
    assert f'id="notification-{notification.pk}"' in body and "unread" not in body and "<html" not in body
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_mark_read_without_htmx_goes_back_to_the_list(people, login, client):
    notification = welcome(people.worker, "a")
    login(people.worker)
    response = client.post(f"/notifications/{notification.pk}/read/")
    assert response.status_code == 302 and response["Location"] == "/notifications/"
    assert Notification.objects.get(pk=notification.pk).read_at is not None


def test_another_users_notification_answers_404_and_stays_unread(people, login, client):
    theirs = welcome(people.officer, "a")
    login(people.worker)
    assert client.post(f"/notifications/{theirs.pk}/read/").status_code == 404
    assert client.post("/notifications/999999/read/").status_code == 404
    assert client.post("/notifications/99999999999999999999/read/").status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_marking_read_is_a_post(people, login, client):
    notification = welcome(people.worker, "a")
    login(people.worker)
    assert client.get(f"/notifications/{notification.pk}/read/").status_code == 405
    assert Notification.objects.get(pk=notification.pk).read_at is None


def test_mark_all_read_marks_only_mine(people, login, client):
    welcome(people.worker, "a")
    welcome(people.worker, "b")
    welcome(people.officer, "c")
    login(people.worker)
    response = client.post("/notifications/read-all/", **htmx())
    assert response.status_code == 200 and "notify-read" == response["HX-Trigger"]
    assert 'class="notification unread"' not in response.content.decode()
    assert services.unread_count(people.worker) == 0
    assert services.unread_count(people.officer) == 1
    assert client.post("/notifications/read-all/").status_code == 302


@pytest.mark.parametrize("count", [1, 30])
def test_the_list_costs_the_same_queries_for_more_notifications(people, login, client, django_assert_num_queries,
                                                                count):
    for i in range(count):
        welcome(people.worker, f"k{i}")
    login(people.worker)
    client.get("/notifications/")
    # base + the paginator's count + the page's rows (no query per notification)
    with django_assert_num_queries(PAGE_BASE_QUERIES + 2):
        assert client.get("/notifications/").status_code == 200


# --- the bell -----------------------------------------------------------------------------------------------

def test_the_bell_counts_my_unread_with_one_count_query(people, login, client, django_assert_num_queries):
    welcome(people.worker, "a")
    welcome(people.worker, "b")
    read = welcome(people.worker, "c")
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    welcome(people.officer, "d")
    login(people.worker)
    client.get("/")
    with django_assert_num_queries(PAGE_BASE_QUERIES + 1) as captured:
        response = client.get("/notifications/bell/", **htmx())
    assert "COUNT(" in captured.captured_queries[-1]["sql"].upper()
    body = response.content.decode()
    assert '<span class="bell-count">2</span>' in body and 'aria-label="通知，2 条未读"' in body
    assert 'hx-trigger="notify-read from:body"' in body


def test_the_bell_shows_no_number_when_all_is_read(people, login, client):
    login(people.worker)
    body = client.get("/notifications/bell/", **htmx()).content.decode()
    assert "bell-count" not in body and "通知，0 条未读" in body


def test_every_signed_in_page_loads_the_bell_after_it_and_pays_nothing_for_it(people, login, client):
    welcome(people.worker, "a")
    login(people.worker)
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/").content.decode()
    assert 'hx-get="/notifications/bell/"' in page and 'hx-trigger="load, notify-read from:body"' in page
    assert not [q for q in captured.captured_queries if "notify_notification" in q["sql"]]


def test_no_bell_for_the_signed_out_nor_before_the_second_factor(people, login, client):
    assert "/notifications/bell/" not in client.get("/accounts/login/").content.decode()
    login(people.admin, otp=False)
    assert "/notifications/bell/" not in client.get("/accounts/2fa/").content.decode()


# --- the outbox, for the deployment's administrators ------------------------------------------------------------

@pytest.fixture
def outbox_rows(people):
    people.worker.email = "worker@example.org"
    people.worker.save()
    services.send_sms(key="order:1", phone=PHONE, template="tests.order_ready",
                      params={"number": "WO-1", "url": "http://127.0.0.1:8000/track/SECRET7"})
    services.notify_user(key="order:1", user=people.worker, template="notify.welcome", params={"name": "x"})
    sms = Outbox.objects.get(channel="sms")
    Outbox.objects.filter(pk=sms.pk).update(status=Status.DEAD, attempts=8, last_error="the gateway answered HTTP 503")
    return sms


def test_the_administrator_sees_messages_by_status_without_their_text(people, login, client, outbox_rows):
    login(people.admin)
    page = client.get("/notifications/outbox/").content.decode()
    assert PHONE_MASKED in page and PHONE[3:] not in page
    assert "tests.order_ready" in page and "notify.welcome" in page
    assert "SECRET7" not in page and "WO-1" not in page  # no parameters, no text
    assert "xieshu_worker" in page and "the gateway answered HTTP 503" in page
    assert "重新发送" in page
    dead_only = client.get("/notifications/outbox/", {"status": "dead"}).content.decode()
    assert "tests.order_ready" in dead_only and "notify.welcome" not in dead_only


def test_the_outbox_page_records_whose_numbers_were_shown(people, login, client, outbox_rows):
    login(people.admin)
    client.get("/notifications/outbox/")
    event = AuditEvent.objects.get(action="notify.outbox.list")
    assert event.detail["ids"] == [outbox_rows.pk] and event.actor == people.admin


@pytest.mark.parametrize("persona", ["officer", "worker", "auditor", "operator"])
def test_others_may_not_see_the_outbox(people, login, client, outbox_rows, persona):
    login(getattr(people, persona))
    assert client.get("/notifications/outbox/").status_code == 403
    assert client.post(f"/notifications/outbox/{outbox_rows.pk}/retry/").status_code == 403
    assert Outbox.objects.get(pk=outbox_rows.pk).status == Status.DEAD


def test_an_administrator_below_the_top_of_the_tree_may_not_see_the_outbox(people, tree, login, client, outbox_rows):
    people.admin.role_assignments.update(is_active=False)
    role_grant(user=people.admin, role=Role.DISTRICT_ADMIN, place=tree.daqi, by=None)
    login(people.admin)
    assert client.get("/notifications/outbox/").status_code == 403
    assert client.post(f"/notifications/outbox/{outbox_rows.pk}/retry/").status_code == 404
    assert Outbox.objects.get(pk=outbox_rows.pk).status == Status.DEAD


def test_the_administrator_sends_a_dead_message_again(people, login, client, outbox_rows):
    login(people.admin)
    response = client.post(f"/notifications/outbox/{outbox_rows.pk}/retry/", follow=True)
    assert "该消息将重新发送。" in response.content.decode()
    row = Outbox.objects.get(pk=outbox_rows.pk)
    assert row.status == Status.PENDING and row.attempts == 0
    assert AuditEvent.objects.filter(action="notify.outbox.retry").count() == 1
    again = client.post(f"/notifications/outbox/{outbox_rows.pk}/retry/", follow=True)
    assert "只有已放弃的消息才能重新发送。" in again.content.decode()
    assert AuditEvent.objects.filter(action="notify.outbox.retry").count() == 1


@pytest.mark.parametrize("count", [1, 30])
def test_the_outbox_page_costs_the_same_queries_for_more_messages(people, login, client,
                                                                  django_assert_num_queries, count):
    for i in range(count):
        services.send_sms(key=f"k{i}", phone=PHONE, template="tests.order_ready", params={"number": "1", "url": "u"})
        services.notify_user(key=f"k{i}", user=people.worker, template="notify.welcome", params={"name": "x"})
    login(people.admin)
    client.get("/notifications/outbox/")
    # base and the second factor's device, counts by status, the paginator's count, the rows, and one
    # audit record (last hash, insert; one statement on PostgreSQL)
    with django_assert_num_queries(PAGE_BASE_QUERIES + 1 + 3 + (1 if connection.vendor == "postgresql" else 2)):
        assert client.get("/notifications/outbox/").status_code == 200


def test_the_demo_welcomes_each_account_once(people):
    from shiliu.notify import demo

    users = {"xieshu_worker": people.worker, "daqi_officer": people.officer}
    assert demo.load(places={}, users=users, admin=people.admin) == {"notifications": 2}
    assert demo.load(places={}, users=users, admin=people.admin) == {"notifications": 0}
    assert services.unread_count(people.worker) == 1
