"""Art troupes, their members, repertoire and performances; publicity positions."""

import io
from datetime import timedelta

import pytest
from culture_helpers import PAGE_BASE_QUERIES, PHONE, PHONE_MASKED, audit_queries
from django.utils import timezone
from openpyxl import load_workbook

from shiliu.activities.models import Activity
from shiliu.audit.models import AuditEvent
from shiliu.culture.models import ArtTroupe, Performance, PublicityPosition, RepertoireItem, TroupeMember
from shiliu.culture.services import troupe_create


def test_troupe_list_shows_own_troupes_and_public_ones_elsewhere(people, culture, login, client):
    login(people.officer)
    names = {t.name for t in client.get("/culture/troupes/").context["page"].object_list}
    assert names == {"谢墅社区石榴籽艺术团", "大港社区文艺队"}
    assert client.get(f"/culture/troupes/{culture.other_private.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["auditor", "liaison", "operator", "nobody"])
def test_roles_without_culture_view_are_refused(people, culture, login, client, persona):
    login(getattr(people, persona))
    assert client.get("/culture/").status_code == 403
    assert client.get(f"/culture/troupes/{culture.troupe.pk}/").status_code == 403


def test_members_are_shown_masked_within_scope_only_and_their_reading_is_audited(people, culture, login, client):
    login(people.worker)
    html = client.get(f"/culture/troupes/{culture.troupe.pk}/").content.decode()
    assert "古丽娜" in html and PHONE_MASKED in html and PHONE not in html
    event = AuditEvent.objects.get(action="culture.member.list")
    assert event.detail["ids"] == [culture.member.pk]
    client.post("/accounts/logout/")
    login(people.officer)
    other = client.get(f"/culture/troupes/{culture.other_troupe.pk}/")
    assert other.status_code == 200 and "热依拉" not in other.content.decode()
    assert other.context["members"] is None


def test_officer_records_a_troupe_with_members_pieces_and_performances(people, tree, login, client):
    login(people.officer)
    response = client.post("/culture/troupes/new/", {"name": "九峰社区艺术团", "place": tree.jiufeng.pk,
                                                     "status": "active", "founded_on": "2020-05-01", "public": "on"})
    troupe = ArtTroupe.objects.get(name="九峰社区艺术团")
    assert response["Location"] == f"/culture/troupes/{troupe.pk}/"
    assert client.post(f"/culture/troupes/{troupe.pk}/members/", {"name": "王芳", "role": "instructor",
                                                                  "phone": ""}).status_code == 302
    assert client.post(f"/culture/troupes/{troupe.pk}/repertoire/", {"title": "赛乃姆", "genre": "dance",
                                                                     "style": "维吾尔族舞蹈"}).status_code == 302
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    assert client.post(f"/culture/troupes/{troupe.pk}/performances/", {
        "date": day, "title": "邻里节演出", "venue": "社区广场", "audience": 120}).status_code == 302
    assert TroupeMember.objects.get(troupe=troupe).phone == ""
    assert RepertoireItem.objects.get(troupe=troupe).style == "维吾尔族舞蹈"
    assert Performance.objects.get(troupe=troupe).audience == 120
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"culture.troupe.create", "culture.member.add", "culture.repertoire.add",
            "culture.performance.add"} <= actions


def test_a_member_without_a_name_or_with_a_bad_phone_is_refused(people, culture, login, client):
    login(people.officer)
    response = client.post(f"/culture/troupes/{culture.troupe.pk}/members/", {"name": " ", "role": "performer",
                                                                              "phone": "12345"},
                           HTTP_ACCEPT_LANGUAGE="en")
    errors = response.context["member_form"].errors
    assert errors["name"] == ["Enter the member's name."]
    assert "phone" in errors
    assert TroupeMember.objects.filter(troupe=culture.troupe).count() == 1


def test_a_performance_in_the_future_or_with_a_negative_audience_is_refused(people, culture, login, client):
    login(people.officer)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(f"/culture/troupes/{culture.troupe.pk}/performances/", {
        "date": tomorrow, "title": "", "venue": "x", "audience": -5})
    assert set(response.context["performance_form"].errors) == {"date", "title", "audience"}
    assert not Performance.objects.exists()


def test_a_performance_may_be_linked_to_an_activity_of_the_users_places(people, tree, culture, login, client):
    start = timezone.now() - timedelta(days=2)
    activity = Activity.objects.create(title="文化走亲", type="cultural_visit", place=tree.xieshu, starts_at=start,
                                       ends_at=start + timedelta(hours=2), venue="九峰社区")
    login(people.officer)
    response = client.post(f"/culture/troupes/{culture.troupe.pk}/performances/", {
        "date": start.date().isoformat(), "title": "走亲演出", "venue": "九峰社区", "audience": 80,
        "activity": activity.pk})
    assert response.status_code == 302
    assert Performance.objects.get().activity == activity


def test_removing_a_member_deletes_their_data(people, culture, login, client):
    login(people.officer)
    response = client.post(f"/culture/troupes/{culture.troupe.pk}/members/{culture.member.pk}/remove/")
    assert response.status_code == 302
    assert not TroupeMember.objects.filter(pk=culture.member.pk).exists()
    assert AuditEvent.objects.get(action="culture.member.remove").detail == {"member": culture.member.pk}


def test_an_outsider_cannot_change_a_troupe_and_nothing_changes(people, culture, login, client):
    login(people.officer)
    troupe = culture.other_troupe  # public, of 新碶
    assert client.post(f"/culture/troupes/{troupe.pk}/members/", {"name": "x", "role": "performer"}).status_code == 403
    member = troupe.members.get()
    assert client.post(f"/culture/troupes/{troupe.pk}/members/{member.pk}/remove/").status_code == 404
    assert client.get(f"/culture/troupes/{troupe.pk}/edit/").status_code == 403
    private = culture.other_private
    assert client.post(f"/culture/troupes/{private.pk}/repertoire/", {"title": "x", "genre": "song"}).status_code == 404
    assert troupe.members.count() == 1 and not RepertoireItem.objects.exists()


def test_worker_may_see_troupes_but_not_change_them(people, culture, login, client):
    login(people.worker)
    page = client.get(f"/culture/troupes/{culture.troupe.pk}/")
    assert page.status_code == 200 and "member_form" not in page.context
    assert client.post(f"/culture/troupes/{culture.troupe.pk}/members/", {"name": "x"}).status_code == 403


def test_troupe_edit_stale_version(people, culture, login, client):
    troupe = culture.troupe
    login(people.officer)
    data = {"name": "新名字", "place": troupe.place_id, "status": "active", "public": "on", "version": 1}
    assert client.post(f"/culture/troupes/{troupe.pk}/edit/", data).status_code == 302
    response = client.post(f"/culture/troupes/{troupe.pk}/edit/", {**data, "name": "又一个"})
    assert "其他人" in response.content.decode()
    troupe.refresh_from_db()
    assert troupe.name == "新名字"


def test_positions_are_recorded_and_listed_by_scope(people, tree, culture, login, client):
    login(people.officer)
    response = client.post("/culture/positions/new/", {"kind": "online_column", "name": "大碶民族团结专栏",
                                                       "place": tree.daqi.pk, "address": "https://example.invalid/x",
                                                       "active": "on", "public": "on"})
    assert response.status_code == 302
    names = {p.name for p in client.get("/culture/positions/").context["page"].object_list}
    assert names == {"谢墅民族团结长廊", "大港宣传栏", "大碶民族团结专栏"}
    response = client.post("/culture/positions/new/", {"kind": "", "name": "", "place": tree.daqi.pk},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert set(response.context["form"].errors) == {"kind", "name"}
    assert PublicityPosition.objects.count() == 3
    assert client.get(f"/culture/positions/{culture.other_position.pk}/edit/").status_code == 403


def test_troupes_export(people, culture, login, client):
    login(people.officer)
    response = client.get("/culture/troupes/export.xlsx", HTTP_ACCEPT_LANGUAGE="en")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "Name" and {r[0] for r in rows[1:]} == {"谢墅社区石榴籽艺术团", "大港社区文艺队"}


def test_culture_home_in_both_languages(people, culture, login, client):
    login(people.worker)
    zh = client.get("/culture/").content.decode()
    assert "民族知识馆" in zh and "文艺队" in zh
    en = client.get("/culture/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The ethnic knowledge museum" in en and "art troupes" in en


@pytest.mark.parametrize("extra", [0, 30])
def test_troupe_list_query_count_is_fixed(people, tree, culture, login, client, django_assert_num_queries, extra):
    for i in range(extra):
        troupe_create(by=people.admin, name=f"艺术团{i:02d}", place=tree.xieshu)
    login(people.worker)
    client.get("/")
    with django_assert_num_queries(PAGE_BASE_QUERIES + 3):  # count, page with counts, place options
        client.get("/culture/troupes/")


def test_troupe_page_query_count_is_fixed(people, culture, login, client, django_assert_num_queries):
    login(people.worker)
    client.get("/")
    # troupe, members (+ their audit record), repertoire, performances
    with django_assert_num_queries(PAGE_BASE_QUERIES + 4 + audit_queries()):
        client.get(f"/culture/troupes/{culture.troupe.pk}/")


def test_a_troupe_may_belong_to_an_organization_of_the_users_places(people, tree, login, client, token_for):
    from shiliu.organizations.models import Organization

    group = Organization.objects.create(name="九峰社区促进小组", kind="group", place=tree.jiufeng)
    elsewhere = Organization.objects.create(name="大港社区促进小组", kind="group", place=tree.dagang)
    response = client.post("/api/v1/culture/troupes", {"name": "越界艺术团", "place": tree.jiufeng.pk,
                                                       "organization": elsewhere.pk},
                           content_type="application/json", **token_for(people.officer))
    assert response.status_code == 422 and "organization" in response.json()["errors"]
    login(people.officer)
    response = client.post("/culture/troupes/new/", {"name": "九峰艺术团", "place": tree.jiufeng.pk, "status": "active",
                                                     "organization": group.pk, "public": "on"})
    assert response.status_code == 302
    troupe = ArtTroupe.objects.get(name="九峰艺术团")
    assert troupe.organization == group
    assert "九峰社区促进小组" in client.get(f"/culture/troupes/{troupe.pk}/").content.decode()


@pytest.mark.parametrize("extra", [0, 30])
def test_other_culture_lists_have_fixed_query_counts(people, tree, culture, login, client,
                                                     django_assert_num_queries, extra):
    from shiliu.culture.services import performance_add, position_create

    for i in range(extra + 1):
        position_create(by=people.admin, kind="board", name=f"宣传栏{i}", place=tree.xieshu)
        performance_add(troupe=culture.troupe, by=people.admin, date=timezone.localdate(), title=f"演出{i}",
                        venue="广场")
    login(people.worker)
    client.get("/")
    with django_assert_num_queries(PAGE_BASE_QUERIES + 3):  # count, one page with places, place options
        client.get("/culture/positions/")
    with django_assert_num_queries(PAGE_BASE_QUERIES + 3):  # count, one page with troupes and places, options
        client.get("/culture/performances/")
    with django_assert_num_queries(PAGE_BASE_QUERIES + 5):  # troupes (10 and a count), positions (the same), museums
        client.get("/culture/")
