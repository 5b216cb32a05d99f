"""The public pages of published activities: anyone reads what, when and where, by month; an
unpublished or cancelled activity answers 404; nobody registered is named; participant counts
show small numbers as "<k" (SECURITY.md G2) and withhold a total that would give one away (G3)."""

from datetime import timedelta

import pytest
from activities_helpers import make_activity, move, running
from django.utils import timezone

from shiliu.activities.choices import ActivityStatus
from shiliu.activities.models import Activity
from shiliu.activities.registrations import registration_create
from shiliu.activities.services import activity_publish, activity_set_status, outcome_record

LIST = "/activities/public/"


def detail(activity) -> str:
    return f"/activities/public/{activity.pk}/"


def participants(body: str) -> str:
    """The participants' section of a detail page."""
    return body.split("<h2>参加人数</h2>", 1)[1].split("</dl>", 1)[0]


def published(activity, by) -> Activity:
    activity_publish(activity=activity, by=by, published=True)
    return Activity.objects.get(pk=activity.pk)


def held(by, place, *, counts, extra=43, days_ago=10, title="民族团结进步知识讲座", summary="") -> Activity:
    """A published activity held ``days_ago`` days ago with its outcome recorded."""
    activity = running(by, place, title=title)
    outcome_record(activity=activity, by=by, version=activity.version, extra_attendance=extra, summary=summary,
                   counts=counts)
    activity = published(Activity.objects.get(pk=activity.pk), by)
    return move(activity, starts_in=-timedelta(days=days_ago))


def test_published_activities_show_to_anyone_by_month(client, people, tree, lecture, elsewhere):
    lecture = published(lecture, people.worker)
    recent = held(people.worker, tree.xieshu, counts=[], title="亲子读书分享会")
    old = held(people.worker, tree.xieshu, counts=[], title="去年的文化走亲", days_ago=200)
    response = client.get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert lecture.title in body and detail(lecture) in body
    assert "谢墅社区" in body and lecture.venue in body and "知识讲座" in body  # place, venue, type
    month = timezone.localtime(lecture.starts_at)
    assert f"{month.year}年{month.month}月" in body
    coming, held_recently = body.split("近期已举办")
    assert lecture.title in coming and recent.title in held_recently
    assert elsewhere.title not in body  # not published
    assert old.title not in body  # ended long ago


def test_cancelled_and_unpublished_activities_answer_404(client, people, tree, lecture, elsewhere):
    cancelled = published(make_activity(people.worker, tree.xieshu, title="取消的活动"), people.worker)
    activity_set_status(activity=cancelled, by=people.worker, status=ActivityStatus.CANCELLED)
    lecture = published(lecture, people.worker)
    assert client.get(detail(lecture)).status_code == 200
    assert client.get(detail(elsewhere)).status_code == 404
    assert client.get(detail(cancelled)).status_code == 404
    assert client.get("/activities/public/999999999999/").status_code == 404
    assert "取消的活动" not in client.get(LIST).content.decode()
    activity_publish(activity=lecture, by=people.worker, published=False)
    assert client.get(detail(lecture)).status_code == 404


def test_no_names_phones_codes_or_summary_on_the_public_pages(client, people, tree):
    activity = published(make_activity(people.worker, tree.xieshu, capacity=30, public_registration=True),
                         people.worker)
    registration, _ = registration_create(activity=activity, by=people.worker, name="古丽米拉", phone="13912345678")
    done = held(people.worker, tree.xieshu, counts=[("少数民族群众", 20)], summary="主讲人马建国老师讲解政策。")
    for url in (LIST, detail(activity), detail(done)):
        body = client.get(url).content.decode()
        for secret in ("古丽米拉", "13912345678", "139****5678", registration.code,
                       activity.checkin_token, "马建国"):
            assert secret not in body, (url, secret)
    body = client.get(detail(activity)).content.decode()
    assert "剩余 29 个名额（共 30 个）" in body  # places left, while the public may register


def test_places_left_only_while_the_public_may_register(client, people, tree):
    staff_only = published(make_activity(people.worker, tree.xieshu, capacity=30, title="仅工作人员报名"),
                           people.worker)
    planned = published(make_activity(people.worker, tree.xieshu, capacity=30, public_registration=True,
                                      status=ActivityStatus.PLANNED, title="尚未开放报名"), people.worker)
    full = published(make_activity(people.worker, tree.xieshu, capacity=1, public_registration=True,
                                   title="名额已满的活动"), people.worker)
    registration_create(activity=full, by=people.worker, name="参加者", phone="13912340001")
    for activity in (staff_only, planned):
        assert "名额" not in client.get(detail(activity)).content.decode()
    body = client.get(detail(full)).content.decode()
    assert "名额已满" in body and "可登记候补" in body
    listed = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "full (waiting list open)" in listed


def test_small_participant_counts_show_as_less_than_k_and_the_total_is_withheld(client, people, tree, settings):
    settings.SHILIU_SUPPRESSION_K = 5
    small = held(people.worker, tree.xieshu, counts=[("少数民族群众", 3), ("本地群众", 40)], extra=43)
    shown = participants(client.get(detail(small)).content.decode())
    assert "<dt>少数民族群众</dt><dd>&lt;5</dd>" in shown
    assert "<dt>本地群众</dt><dd>40</dd>" in shown
    assert "43" not in shown and "<dd>不予显示</dd>" in shown  # the total would give the 3 away
    large = held(people.worker, tree.xieshu, counts=[("少数民族群众", 12), ("本地群众", 40)], extra=52,
                 title="邻里美食节")
    shown = participants(client.get(detail(large)).content.decode())
    assert "<dd>52</dd>" in shown and "<dt>少数民族群众</dt><dd>12</dd>" in shown and "&lt;" not in shown
    settings.SHILIU_SUPPRESSION_K = 20
    shown = participants(client.get(detail(large)).content.decode())
    assert "<dt>少数民族群众</dt><dd>&lt;20</dd>" in shown and "52" not in shown
    tiny = held(people.worker, tree.xieshu, counts=[], extra=2, title="小型座谈")
    shown = participants(client.get(detail(tiny)).content.decode())
    assert "<dd>&lt;20</dd>" in shown and "<dd>2</dd>" not in shown  # a small total is suppressed itself


def test_both_languages(client, people, tree):
    activity = published(make_activity(people.officer, tree.daqi, title="石榴籽亲子运动会",
                                       title_en="Pomegranate-seed family sports day"), people.officer)
    zh = client.get(LIST).content.decode()
    assert "公开活动" in zh and "即将举办" in zh and "石榴籽亲子运动会" in zh and "大碶街道" in zh
    en = client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Activities open to the public" in en and "Coming up" in en
    assert "Pomegranate-seed family sports day" in en and "Daqi Subdistrict" in en and "Knowledge lecture" in en
    en = client.get(detail(activity), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Organizing place" in en and "Pomegranate-seed family sports day" in en
    zh = client.get(detail(activity)).content.decode()
    assert "主办单位" in zh and "石榴籽亲子运动会" in zh


def test_signed_in_staff_read_them_too(client, login, people, lecture):
    lecture = published(lecture, people.worker)
    login(people.operator)  # no activity capability: the public pages need none
    assert client.get(LIST).status_code == 200
    assert client.get(detail(lecture)).status_code == 200


def test_login_page_links_to_the_public_list(client):
    assert f'href="{LIST}"' in client.get("/accounts/login/").content.decode()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_query_counts_are_fixed(client, people, tree, language, django_assert_max_num_queries):
    first = published(make_activity(people.worker, tree.xieshu, capacity=10, public_registration=True,
                                    co_organizers=[tree.jiufeng]), people.worker)
    done = held(people.worker, tree.xieshu, counts=[("少数民族群众", 12), ("本地群众", 30)])
    client.get(LIST)
    with django_assert_max_num_queries(1):  # the activities with their places and counts
        client.get(LIST, HTTP_ACCEPT_LANGUAGE=language)
    with django_assert_max_num_queries(3):  # the activity, its co-organizers, its counts
        client.get(detail(done), HTTP_ACCEPT_LANGUAGE=language)
    for i in range(12):
        published(make_activity(people.officer, tree.jiufeng, title=f"活动{i}", starts_in=timedelta(days=i * 9 + 1),
                                capacity=5, public_registration=True), people.officer)
    with django_assert_max_num_queries(1):
        body = client.get(LIST, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert "活动11" in body
    with django_assert_max_num_queries(3):
        assert client.get(detail(first), HTTP_ACCEPT_LANGUAGE=language).status_code == 200
