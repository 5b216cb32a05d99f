"""Planning an activity: every bad field at once, nothing half-saved, stale edits refused, scope."""

from datetime import timedelta

import pytest
from activities_helpers import make_activity
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from shiliu.activities import selectors
from shiliu.activities.choices import ActivityStatus, ActivityType
from shiliu.activities.models import Activity
from shiliu.activities.services import activity_create, activity_publish, activity_set_status, activity_update
from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion


def _plan(by, place, **overrides):
    starts = timezone.now() + timedelta(days=2)
    data = dict(by=by, title="石榴籽亲子活动", type=ActivityType.FIVE_FAMILY, place=place, starts_at=starts,
                ends_at=starts + timedelta(hours=2), venue="谢墅社区活动室")
    data.update(overrides)
    return activity_create(**data)


def test_worker_plans_an_activity_with_co_organizers_and_it_is_audited(people, tree):
    activity = _plan(people.worker, tree.xieshu, co_organizers=[tree.dagang, tree.xieshu], capacity=20)
    assert activity.status == ActivityStatus.PLANNED and not activity.published
    assert list(activity.co_organizers.all()) == [tree.dagang]  # the organizer is not its own co-organizer
    assert AuditEvent.objects.filter(action="activity.create", target_id=str(activity.pk)).exists()


def test_an_activity_that_ends_before_it_starts_is_refused_with_every_other_mistake(people, tree):
    starts = timezone.now() + timedelta(days=2)
    with pytest.raises(ValidationError) as e:
        _plan(people.worker, tree.xieshu, title=" ", venue="", ends_at=starts - timedelta(hours=1), starts_at=starts,
              capacity=0, type="party")
    errors = e.value.message_dict
    assert set(errors) == {"title", "venue", "ends_at", "capacity", "type"}
    assert "不能早于开始时间" in errors["ends_at"][0]
    assert "名额为 0" in errors["capacity"][0]
    assert not Activity.objects.exists()


def test_an_activity_ending_when_it_starts_or_lasting_months_is_refused(people, tree):
    starts = timezone.now() + timedelta(days=2)
    with pytest.raises(ValidationError) as e:
        _plan(people.worker, tree.xieshu, starts_at=starts, ends_at=starts)
    assert "ends_at" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        _plan(people.worker, tree.xieshu, starts_at=starts, ends_at=starts + timedelta(days=60))
    assert "ends_at" in e.value.message_dict


def test_a_place_outside_ones_subtree_cannot_organize(people, tree):
    with pytest.raises(PermissionDenied):
        _plan(people.worker, tree.dagang)
    with pytest.raises(ValidationError) as e:
        _plan(people.worker, None)
    assert "place" in e.value.message_dict
    assert not Activity.objects.exists()


def test_stale_version_is_refused_and_nothing_changes(people, tree):
    activity = _plan(people.worker, tree.xieshu)
    activity_update(activity=activity, by=people.officer, version=1, venue="九峰山公园")
    with pytest.raises(StaleVersion):
        activity_update(activity=activity, by=people.worker, version=1, title="另一个标题")
    activity.refresh_from_db()
    assert (activity.title, activity.venue, activity.version) == ("石榴籽亲子活动", "九峰山公园", 2)


def test_capacity_cannot_drop_below_the_places_already_taken(people, tree):
    from shiliu.activities.registrations import registration_create

    activity = make_activity(people.worker, tree.xieshu, capacity=5)
    for phone in ("13912340001", "13912340002", "13912340003"):
        registration_create(activity=activity, by=people.worker, name="参加者", phone=phone)
    with pytest.raises(ValidationError) as e:
        activity_update(activity=activity, by=people.worker, version=activity.version, capacity=2)
    assert "3" in e.value.message_dict["capacity"][0]


def test_status_moves_only_along_the_allowed_transitions(people, tree):
    activity = _plan(people.worker, tree.xieshu)
    with pytest.raises(ValidationError):
        activity_set_status(activity=activity, by=people.worker, status=ActivityStatus.CLOSED)
    activity_set_status(activity=activity, by=people.worker, status=ActivityStatus.OPEN)
    activity_set_status(activity=activity, by=people.worker, status=ActivityStatus.CANCELLED)
    with pytest.raises(ValidationError):
        activity_set_status(activity=activity, by=people.worker, status=ActivityStatus.OPEN)


def test_officer_manages_below_the_subdistrict_but_only_reads_published_ones_elsewhere(people, tree):
    ours = _plan(people.worker, tree.xieshu)
    theirs = _plan(people.other_worker, tree.dagang)
    assert selectors.activity_get_for_edit(people.officer, ours.pk) == ours
    with pytest.raises(Http404):
        selectors.activity_get(people.officer, theirs.pk)
    activity_publish(activity=theirs, by=people.other_worker, published=True)
    assert selectors.activity_get(people.officer, theirs.pk) == theirs
    with pytest.raises(PermissionDenied):
        selectors.activity_get_for_edit(people.officer, theirs.pk)
    with pytest.raises(PermissionDenied):
        activity_update(activity=theirs, by=people.officer, version=theirs.version, title="改")
    with pytest.raises(Http404):  # published, but the people registered stay with the organizer
        selectors.registrations_for(people.officer, theirs)


def test_a_co_organizing_place_sees_the_activity_but_not_the_people(people, tree):
    theirs = _plan(people.other_worker, tree.dagang, co_organizers=[tree.xieshu])
    assert selectors.activity_get(people.worker, theirs.pk) == theirs
    assert not selectors.can_manage(people.worker, theirs)
    with pytest.raises(Http404):
        selectors.registrations_for(people.worker, theirs)


def test_roles_without_activities_see_none(people, tree):
    _plan(people.worker, tree.xieshu)
    for persona in (people.operator, people.liaison, people.auditor, people.nobody):
        assert not selectors.activities_visible(persona).exists()


def test_an_activity_names_the_organization_running_it_from_the_organizers_line(people, tree):
    from shiliu.organizations.choices import OrgKind
    from shiliu.organizations.models import Organization

    group = Organization.objects.create(name="谢墅社区民族团结进步促进小组", kind=OrgKind.GROUP, place=tree.xieshu)
    branch = Organization.objects.create(name="大碶街道分会", kind=OrgKind.BRANCH, place=tree.daqi)
    theirs = Organization.objects.create(name="大港社区小组", kind=OrgKind.GROUP, place=tree.dagang)
    activity = _plan(people.worker, tree.xieshu, organization=group)
    assert activity.organization == group
    activity = activity_update(activity=activity, by=people.worker, version=activity.version, organization=branch)
    assert Activity.objects.get(pk=activity.pk).organization == branch  # the subdistrict's branch, above
    with pytest.raises(ValidationError) as e:
        activity_update(activity=activity, by=people.worker, version=activity.version, organization=theirs)
    assert "organization" in e.value.message_dict
    assert Activity.objects.get(pk=activity.pk).organization == branch


def test_public_pages_get_published_activities_that_are_not_cancelled(people, tree):
    shown = _plan(people.worker, tree.xieshu, title="公开的")
    hidden = _plan(people.worker, tree.xieshu, title="未发布的")
    cancelled = _plan(people.worker, tree.xieshu, title="取消的")
    for activity in (shown, cancelled):
        activity_publish(activity=activity, by=people.worker, published=True)
    activity_set_status(activity=cancelled, by=people.worker, status=ActivityStatus.CANCELLED)
    assert [a.title for a in selectors.public_activities()] == ["公开的"]
    assert hidden.pk not in {a.pk for a in selectors.public_activities()}
