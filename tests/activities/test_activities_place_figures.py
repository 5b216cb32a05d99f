"""The place page's activity figures: counted from records, equal to the rows behind each link."""

from datetime import timedelta

from activities_helpers import PHONES, make_activity, running
from django.utils import timezone

from shiliu.activities import place_figures
from shiliu.activities.choices import ActivityStatus, ActivityType
from shiliu.activities.registrations import checkin_by_list, registration_create
from shiliu.activities.services import activity_set_status, outcome_record


def _setup(people, tree):
    held = running(people.worker, tree.xieshu, type=ActivityType.FIVE_FAMILY, title="亲子日")
    for i in range(3):
        registration, _ = registration_create(activity=held, by=people.worker, name=f"人{i}", phone=PHONES[i])
        checkin_by_list(registration=registration, by=people.worker)
    outcome_record(activity=held, by=people.worker, version=held.version, extra_attendance=4, summary="",
                   counts=[("少数民族群众", 3)])
    visit = make_activity(people.officer, tree.jiufeng, starts_in=-timedelta(days=3), type=ActivityType.CULTURAL_VISIT,
                          title="文化走亲", status=ActivityStatus.PLANNED, co_organizers=[tree.dagang])
    cancelled = make_activity(people.worker, tree.xieshu, starts_in=-timedelta(days=2), title="取消的",
                              status=ActivityStatus.PLANNED)
    activity_set_status(activity=cancelled, by=people.worker, status=ActivityStatus.CANCELLED)
    make_activity(people.worker, tree.xieshu, title="将来的")  # not held yet
    make_activity(people.other_worker, tree.dagang, starts_in=-timedelta(days=2), status=ActivityStatus.PLANNED,
                  title="大港的")  # another subdistrict
    return held, visit


def _values(user, place):
    today = timezone.localdate()
    return {f["key"]: f for f in place_figures.figures(user, place, today - timedelta(days=30), today)}


def test_figures_count_held_activities_participations_and_visits(people, tree, django_assert_max_num_queries):
    _setup(people, tree)
    with django_assert_max_num_queries(6):
        figures = _values(people.officer, tree.daqi)
    assert figures["activities.held"]["value"] == 2
    assert figures["activities.participations"]["value"] == 7  # 3 check-ins + 4 counted at the door
    assert figures["activities.five_in_one"]["value"] == 1
    assert figures["activities.cultural_visits"]["value"] == 1
    assert _values(people.worker, tree.xieshu)["activities.held"]["value"] == 1
    # 大港 co-organized the visit: it counts there too
    assert _values(people.other_worker, tree.dagang)["activities.cultural_visits"]["value"] == 1


def test_each_figure_equals_the_rows_behind_its_link(client, login, people, tree):
    _setup(people, tree)
    login(people.officer)
    for figure in _values(people.officer, tree.daqi).values():
        if figure["key"] == "activities.participations":
            continue  # a sum over the held activities, whose list is the link
        response = client.get(figure["url"])
        assert response.context["page"].paginator.count == figure["value"], figure["key"]


def test_no_figures_or_records_without_the_capability_at_the_place(people, tree):
    _setup(people, tree)
    today = timezone.localdate()
    assert place_figures.figures(people.operator, tree.daqi, today, today) == []
    assert place_figures.figures(people.worker, tree.dagang, today, today) == []
    assert place_figures.records(people.liaison, tree.daqi) == []


def test_records_list_coming_and_recent_activities(people, tree):
    _setup(people, tree)
    sections = {s["title"]: s["items"] for s in place_figures.records(people.officer, tree.daqi)}
    labels = [label for items in sections.values() for label, _url in items]
    assert any("将来的" in label for label in labels) and any("亲子日" in label for label in labels)
    assert not any("大港的" in label for label in labels)
