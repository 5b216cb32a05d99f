"""The public pages of published activities, signed out: the list and an activity's page fit a phone
and a desktop in both languages, and the login page leads to the list."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from shiliu.activities.choices import ActivityStatus, ActivityType
from shiliu.activities.models import Activity
from shiliu.activities.services import activity_create, activity_publish, activity_set_status, outcome_record

pytestmark = pytest.mark.browser


def _published(people, tree, *, days: float, title: str, title_en: str, capacity=None, public=False) -> Activity:
    starts = timezone.now() + timedelta(days=days)
    activity = activity_create(by=people.officer, title=title, title_en=title_en, type=ActivityType.FIVE_COMMUNITY,
                               place=tree.xieshu, co_organizers=[tree.jiufeng], starts_at=starts,
                               ends_at=starts + timedelta(hours=3), venue="谢墅社区党群服务中心三楼多功能厅",
                               capacity=capacity, public_registration=public,
                               description="少数民族和本地家庭一起参加亲子运动项目，欢迎报名。")
    activity_set_status(activity=activity, by=people.officer, status=ActivityStatus.OPEN)
    return activity_publish(activity=activity, by=people.officer, published=True)


def test_the_public_activity_pages_fit_a_phone_and_a_desktop_signed_out(people, tree, page, check_layout):
    coming = _published(people, tree, days=6, title="石榴籽亲子运动会", title_en="Pomegranate-seed family sports day",
                        capacity=40, public=True)
    _published(people, tree, days=20, title="新春文化走亲联欢会", title_en="New Year cultural exchange gala")
    held = _published(people, tree, days=-(10 / 1440), title="民族团结进步知识讲座",
                      title_en="Lecture on ethnic unity and progress")
    held = Activity.objects.get(pk=held.pk)
    outcome_record(activity=held, by=people.officer, version=held.version, extra_attendance=48, summary="",
                   counts=[("少数民族群众", 3), ("本地群众", 45)])
    Activity.objects.filter(pk=held.pk).update(starts_at=held.starts_at - timedelta(days=12),
                                               ends_at=held.ends_at - timedelta(days=12))

    page.goto(reverse("activities:public_list"))  # signed out; the language cookie needs a page first
    check_layout(page, "activities-public-list", reverse("activities:public_list"))
    check_layout(page, "activities-public-detail", reverse("activities:public_detail", args=[coming.pk]))
    check_layout(page, "activities-public-held", reverse("activities:public_detail", args=[held.pk]))

    page.goto(reverse("activities:public_list"))
    assert "石榴籽亲子运动会" in page.inner_text("main") and "民族团结进步知识讲座" in page.inner_text("main")
    page.goto(reverse("activities:public_detail", args=[held.pk]))
    assert "<5" in page.inner_text("main")

    page.goto(reverse("accounts:login"))
    page.click(f"a[href='{reverse('activities:public_list')}']")
    page.wait_for_url(f"**{reverse('activities:public_list')}")
    assert page.locator("h1").inner_text() == "公开活动"
