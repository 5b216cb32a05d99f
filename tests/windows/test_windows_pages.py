"""The windows pages: the list, a window, edits, intake through the page, the visit and receipt."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shiliu.audit.models import AuditEvent
from shiliu.windows.models import Closure, DutyShift, ServiceWindow, Visit, WindowKind
from shiliu.windows.services import window_create
from shiliu.workorders.models import WorkOrder


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_query_count_does_not_grow_with_the_windows(win, people, tree, login, client):
    login(people.admin)
    client.get("/")
    few = _count(client, "/windows/")
    for i in range(6):
        window_create(by=people.admin, kind=WindowKind.WINDOW, place=tree.jiufeng, name=f"窗口{i}",
                      items=[win.school])
    assert _count(client, "/windows/") == few


# session, user, roles (+ the scope's places), then the page's own reads; the list: count, page,
# hours, closures; the window: window, hours, closures, items, duty, visits.
@pytest.mark.parametrize(("url", "queries"), [("/windows/", 7), ("/windows/figures/", 6), ("/windows/public/", 8),
                                              ("/windows/{pk}/", 10)])
def test_pages_have_a_pinned_query_count(win, people, login, client, url, queries, django_assert_num_queries,
                                         settings):
    settings.SHILIU_CALENDAR_RECHECK_SECONDS = 3600  # the calendar's revision is not re-read mid-test
    login(people.officer)
    client.get(url.format(pk=win.xieshu.pk))  # the working-day calendar is read once and kept
    with django_assert_num_queries(queries):
        assert client.get(url.format(pk=win.xieshu.pk)).status_code == 200


def test_a_worker_sees_only_the_windows_of_their_area(win, people, login, client):
    login(people.worker)
    page = client.get("/windows/").content.decode()
    assert "谢墅社区民族服务中心" in page and "大港社区服务窗口" not in page
    assert client.get(f"/windows/{win.dagang.pk}/").status_code == 404


def test_the_officer_records_a_window(win, people, tree, login, client):
    login(people.officer)
    response = client.post("/windows/new/", {"kind": "window", "name": "九峰社区窗口", "place": tree.jiufeng.pk,
                                             "address": "九峰路", "public": "on", "active": "on",
                                             "items": [win.school.pk]})
    assert response.status_code == 302
    window = ServiceWindow.objects.get(name="九峰社区窗口")
    assert list(window.items.all()) == [win.school]


def test_an_empty_name_is_shown_next_to_the_field(win, people, tree, login, client):
    login(people.officer)
    response = client.post("/windows/new/", {"kind": "window", "name": "", "place": tree.jiufeng.pk})
    assert response.status_code == 200
    assert "name" in response.context["form"].errors


def test_an_outsider_cannot_edit_a_window_and_nothing_changes(win, people, tree, login, client):
    from django.test import Client
    from windows_helpers import staff_member

    from shiliu.accounts.models import Role

    xinqi_officer = staff_member("xinqi_officer", Role.SUBDISTRICT_OFFICER, tree.xinqi)
    login(xinqi_officer)
    worker_client = login(people.other_worker, c=Client())
    before = ServiceWindow.objects.get(pk=win.xieshu.pk)
    for url, data in [(f"/windows/{win.xieshu.pk}/edit/", {"name": "改", "version": before.version}),
                      (f"/windows/{win.xieshu.pk}/hours/", {"d0_0_opens": "08:00", "d0_0_closes": "09:00"}),
                      (f"/windows/{win.xieshu.pk}/closures/", {"starts_on": "2026-01-01", "ends_on": "2026-01-02",
                                                               "reason": "x"}),
                      (f"/windows/{win.xieshu.pk}/duty/", {"date": "2026-01-01", "user": people.other_worker.pk}),
                      ]:
        assert client.post(url, data).status_code == 404, url
    intake = worker_client.post(f"/windows/{win.xieshu.pk}/intake/", {"items": str(win.pension.pk), "take": "1"})
    assert intake.status_code == 404
    after = ServiceWindow.objects.get(pk=win.xieshu.pk)
    assert (after.name, after.version) == (before.name, before.version)
    assert not Closure.objects.exists() and not DutyShift.objects.exists() and not Visit.objects.exists()


def test_a_worker_may_not_edit_the_window_they_see(win, people, login, client):
    login(people.worker)
    assert client.get(f"/windows/{win.xieshu.pk}/edit/").status_code == 403


def test_the_auditor_cannot_see_windows(win, people, login, client):
    login(people.auditor)
    assert client.get("/windows/").status_code == 403


def test_hours_closures_and_duty_through_the_pages(win, people, login, client):
    login(people.officer)
    window = win.xieshu
    response = client.post(f"/windows/{window.pk}/hours/", {
        "version": window.version, "d0_0_opens": "09:00", "d0_0_closes": "12:00",
        "d0_1_opens": "13:30", "d0_1_closes": "17:00", "d5_0_opens": "09:00", "d5_0_closes": "11:00"})
    assert response.status_code == 302
    assert window.hours.count() == 3
    today = date.today()
    response = client.post(f"/windows/{window.pk}/closures/", {
        "starts_on": today.isoformat(), "ends_on": (today + timedelta(days=1)).isoformat(), "reason": "搬迁"})
    assert response.status_code == 302 and window.closures.count() == 1
    response = client.post(f"/windows/{window.pk}/duty/", {"date": today.isoformat(), "user": people.worker.pk})
    assert response.status_code == 302
    assert DutyShift.objects.filter(window=window, user=people.worker).exists()
    page = client.get(f"/windows/{window.pk}/").content.decode()
    assert "搬迁" in page and "xieshu_worker" in page


def test_a_stale_hours_form_is_refused(win, people, login, client):
    login(people.officer)
    response = client.post(f"/windows/{win.xieshu.pk}/hours/", {"version": win.xieshu.version - 1,
                                                                 "d0_0_opens": "09:00", "d0_0_closes": "12:00"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()


def test_the_windows_export_is_xlsx(win, people, login, client):
    login(people.officer)
    response = client.get("/windows/export.xlsx")
    assert response.status_code == 200 and response.content[:2] == b"PK"


# --- intake through the page -------------------------------------------------------------------

def _take(client, window, items, **extra):
    data = {"items": ",".join(str(i.pk) for i in items), "take": "1", "idempotency_key": "page-key-1", **extra}
    return client.post(f"/windows/{window.pk}/intake/", data)


def test_a_worker_takes_a_visitor_for_two_items_and_sees_what_to_bring(win, people, login, client):
    login(people.worker)
    page = client.get(f"/windows/{win.xieshu.pk}/intake/?q=入学").content.decode()
    assert "随迁子女义务教育入学申请" in page
    ticked = win.materials(win.school)[:1]
    response = _take(client, win.xieshu, [win.school, win.pension], visitor_name="马阿依",
                     visitor_phone="13812345678", contact_consent="on",
                     **{f"brought_{win.school.pk}": ticked})
    assert response.status_code == 302
    visit = Visit.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "户口簿" in page and "预防接种证" in page  # still to bring
    for line in visit.lines.all():
        assert line.order.tracking_code in page
    assert "马阿依" not in page and "马**" in page and "138****5678" in page
    assert AuditEvent.objects.filter(action="windows.visit.view").exists()
    pdf = client.get(f"/windows/visits/{visit.pk}/receipt.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_a_double_click_opens_the_orders_once(win, people, login, client):
    login(people.worker)
    first = _take(client, win.xieshu, [win.school, win.pension])
    second = _take(client, win.xieshu, [win.school, win.pension])
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Visit.objects.count() == 1 and WorkOrder.objects.count() == 2


def test_an_item_not_offered_is_refused_next_to_the_items(win, people, login, client):
    login(people.worker)
    response = _take(client, win.xieshu, [win.legal])
    assert response.status_code == 422
    page = response.content.decode()
    assert 'id="items-errors"' in page and "法律援助申请" in page
    assert not WorkOrder.objects.exists()


def test_finding_a_resident_offers_them_and_audits_the_list(win, people, tree, login, client):
    from shiliu.people.services import resident_create

    resident = resident_create(by=people.worker, name="马阿依", place=tree.xieshu, basis="asked",
                               phone="13812345678")
    login(people.worker)
    response = client.post(f"/windows/{win.xieshu.pk}/intake/", {"items": str(win.pension.pk), "find": "1",
                                                                 "resident_query": "马阿依"})
    assert "138****5678" in response.content.decode()
    assert AuditEvent.objects.filter(action="windows.intake.resident_search").exists()
    response = _take(client, win.xieshu, [win.pension], resident=str(resident.pk), contact_consent="on")
    assert response.status_code == 302
    assert WorkOrder.objects.get().requester == resident


def test_the_choose_page_goes_straight_to_the_only_window(win, people, login, client):
    login(people.worker)
    response = client.get("/windows/intake/")
    assert response.status_code == 302 and response["Location"].endswith(f"/windows/{win.xieshu.pk}/intake/")


def test_an_outsider_cannot_read_a_visit_or_its_receipt(win, people, login, client):
    from shiliu.windows.services import visit_take

    visit, _ = visit_take(by=people.worker, window=win.xieshu, items=[win.pension])
    login(people.other_worker)
    assert client.get(f"/windows/visits/{visit.pk}/").status_code == 404
    assert client.get(f"/windows/visits/{visit.pk}/receipt.pdf").status_code == 404


# --- public -------------------------------------------------------------------------------------

def test_the_public_page_needs_no_login_shows_no_duty_and_is_cacheable(win, people, client):
    from shiliu.windows.services import duty_add

    duty_add(window=win.xieshu, by=people.admin, user=people.worker, day=date.today())
    win.dagang.public = False
    win.dagang.save()
    client.cookies["csrftoken"] = "a" * 32  # a first visit (a new CSRF token) is private: test_security_public_cache
    response = client.get("/windows/public/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "谢墅社区民族服务中心" in page and "0574-86000001" in page and "大港社区服务窗口" not in page
    assert "xieshu_worker" not in page
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]


def test_where_to_go_lists_the_nearest_window_first(win, tree):
    from shiliu.windows.selectors import windows_offering

    assert [w.pk for w in windows_offering(win.school, near=tree.dagang)][0] == win.dagang.pk
    near_xieshu = [w.pk for w in windows_offering(win.school, near=tree.xieshu)]
    assert near_xieshu == [win.xieshu.pk, win.daqi.pk, win.dagang.pk]
    assert [w.pk for w in windows_offering(win.legal)] == [win.dagang.pk]


def test_the_where_to_go_include_renders_hours_and_phone(win, tree):
    from django.template import engines

    html = engines["django"].from_string('{% include "windows/includes/where_to_go.html" %}').render(
        {"item": win.pension, "near": tree.xieshu})
    assert "谢墅社区民族服务中心" in html and "0574-86000001" in html and "09:00" in html


def test_figures_count_orders_by_window_and_item(win, people, login, client):
    from shiliu.windows.services import visit_take

    visit_take(by=people.worker, window=win.xieshu, items=[win.school, win.pension])
    visit_take(by=people.worker, window=win.xieshu, items=[win.school])
    login(people.officer)
    response = client.get("/windows/figures/")
    served = {row["item"]: row["orders"] for row in response.context["served"]}
    assert served == {"EDU-01": 2, "SI-01": 1}
    from django.test import Client

    other = login(people.other_worker, c=Client())
    assert other.get("/windows/figures/").context["served"] == []


def test_a_resident_says_where_they_live_and_that_communitys_window_comes_first(win, tree, client):
    page = client.get("/guide/public/items/EDU-01/").content.decode()
    assert 'name="near"' in page and tree.dagang.name in page
    anywhere = [page.index(name) for name in ("谢墅社区民族服务中心", "大港社区服务窗口")]
    assert anywhere[0] < anywhere[1]  # by place order when the resident says nothing
    page = client.get("/guide/public/items/EDU-01/", {"near": tree.dagang.code}).content.decode()
    assert page.index("大港社区服务窗口") < page.index("谢墅社区民族服务中心")
    assert f'value="{tree.dagang.code}" selected' in page
    page = client.get("/guide/public/items/EDU-01/", {"near": "no-such-place"}).content.decode()
    assert page.index("谢墅社区民族服务中心") < page.index("大港社区服务窗口")  # unknown codes are ignored


def test_the_guide_page_lists_only_the_three_nearest_windows(win, tree, people, client):
    window_create(by=people.admin, kind=WindowKind.WINDOW, place=tree.xinqi, name="新碶街道便民服务窗口",
                  items=[win.school])
    page = client.get("/guide/public/items/EDU-01/", {"near": tree.dagang.code}).content.decode()
    shown = [n for n in ("大港社区服务窗口", "新碶街道便民服务窗口", "谢墅社区民族服务中心", "大碶街道便民服务窗口")
             if n in page.split('id="where-to-go-title"')[1]]
    assert shown == ["大港社区服务窗口", "新碶街道便民服务窗口", "谢墅社区民族服务中心"]
