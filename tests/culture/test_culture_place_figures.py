"""Culture figures on the place page: counted from records, each equal to the rows behind its link."""

from datetime import date, timedelta

from culture_helpers import past_slot
from django.utils import timezone

from shiliu.culture.models import VisitBooking
from shiliu.culture.place_figures import figures, records
from shiliu.culture.services import performance_add, position_create, troupe_create


def _visit(slot, size, came, status="visited", ref="R"):
    return VisitBooking.objects.create(slot=slot, group_name="团", group_size=size, contact_name="甲",
                                       contact_phone="+8613900000000", status=status, visited_count=came,
                                       reference=ref)


def test_each_figure_equals_the_rows_behind_its_link(people, tree, culture, login, client):
    today = timezone.localdate()
    period = (today - timedelta(days=60), today)
    performance_add(troupe=culture.troupe, by=people.admin, date=today - timedelta(days=10), title="汇演", venue="广场",
                    audience=100)
    performance_add(troupe=culture.troupe, by=people.admin, date=today - timedelta(days=100), title="旧", venue="广场")
    performance_add(troupe=culture.other_troupe, by=people.admin, date=today - timedelta(days=5), title="大港",
                    venue="礼堂")
    troupe_create(by=people.admin, name="解散的队", place=tree.jiufeng, status="disbanded")
    position_create(by=people.admin, kind="screen", name="停用屏", place=tree.jiufeng, active=False)
    _visit(past_slot(culture.museum, days=5), 20, 18, ref="A1")
    _visit(past_slot(culture.museum, days=7), 30, 31, ref="A2")
    _visit(past_slot(culture.museum, days=90), 10, 10, ref="A3")
    _visit(past_slot(culture.museum, days=3), 10, None, status="cancelled", ref="A4")
    found = {f["key"]: f for f in figures(people.officer, tree.daqi, *period)}
    assert {k: f["value"] for k, f in found.items()} == {
        "culture.troupes": 1, "culture.performances": 1, "culture.positions": 1, "culture.visiting_groups": 2,
        "culture.visitors": 49}
    login(people.officer)
    for key, figure in found.items():
        if key == "culture.visitors":
            continue  # a sum of people over the same rows as the visiting groups
        response = client.get(figure["url"])
        assert response.status_code == 200, figure
        assert response.context["page"].paginator.count == figure["value"], figure


def test_records_and_capability(people, tree, culture):
    sections = {s["title"]: s["items"] for s in records(people.worker, tree.xieshu)}
    assert sections["文艺队"] == [("谢墅社区石榴籽艺术团 · 活跃", f"/culture/troupes/{culture.troupe.pk}/")]
    assert figures(people.liaison, tree.daqi, date(2024, 1, 1), date(2024, 12, 31)) == []
    assert records(people.operator, tree.daqi) == []


def test_figures_cost_a_fixed_number_of_queries(people, tree, culture, django_assert_num_queries):
    with django_assert_num_queries(1 + 4):  # the user's roles, then one query per figure (visits share one)
        figures(people.officer, tree.daqi, date(2024, 1, 1), date(2024, 12, 31))
