"""/api/v1/windows: scoped reads, writes with versions, intake with an Idempotency-Key, the receipt."""

from windows_helpers import staff_member

from shiliu.accounts.models import Role
from shiliu.windows.models import ServiceWindow, Visit
from shiliu.workorders.models import WorkOrder

JSON = "application/json"


def test_the_list_is_scoped_and_has_a_fixed_query_count(win, people, client, token_for, django_assert_num_queries,
                                                        settings):
    settings.SHILIU_CALENDAR_RECHECK_SECONDS = 3600  # the calendar's revision is not re-read mid-test
    headers = token_for(people.worker)
    client.get("/api/v1/windows", **headers)  # the working-day calendar is read once and kept
    # the token with its user, the roles; count, page, hours, closures, items
    with django_assert_num_queries(7):
        response = client.get("/api/v1/windows", **headers)
    names = [w["name"] for w in response.json()["items"]]
    assert names == ["谢墅社区民族服务中心"]
    assert response.json()["items"][0]["items"] == ["EDU-01", "SI-01"]


def test_get_outside_the_scope_is_404(win, people, client, token_for):
    assert client.get(f"/api/v1/windows/{win.dagang.pk}", **token_for(people.worker)).status_code == 404


def test_the_officer_creates_and_updates_a_window(win, people, tree, client, token_for):
    headers = token_for(people.officer)
    response = client.post("/api/v1/windows", {"name": "九峰社区窗口", "place_id": tree.jiufeng.pk,
                                                "items": ["EDU-01"]}, content_type=JSON, **headers)
    assert response.status_code == 201, response.content
    created = response.json()
    response = client.patch(f"/api/v1/windows/{created['id']}", {"version": created["version"], "phone": "86001234"},
                            content_type=JSON, **headers)
    assert response.status_code == 200 and response.json()["phone"] == "86001234"
    stale = client.patch(f"/api/v1/windows/{created['id']}", {"version": created["version"], "phone": "1"},
                         content_type=JSON, **headers)
    assert stale.status_code == 409


def test_unknown_fields_and_unknown_items_are_refused(win, people, tree, client, token_for):
    headers = token_for(people.officer)
    response = client.post("/api/v1/windows", {"name": "x", "place_id": tree.jiufeng.pk, "colour": "red"},
                           content_type=JSON, **headers)
    assert response.status_code == 422
    response = client.post("/api/v1/windows", {"name": "x", "place_id": tree.jiufeng.pk, "items": ["NOPE"]},
                           content_type=JSON, **headers)
    assert response.status_code == 422 and not ServiceWindow.objects.filter(name="x").exists()


def test_an_outsider_cannot_update_a_window_and_nothing_changes(win, people, tree, client, token_for):
    xinqi = staff_member("xinqi_officer", Role.SUBDISTRICT_OFFICER, tree.xinqi)
    response = client.patch(f"/api/v1/windows/{win.xieshu.pk}", {"version": 1, "name": "改"}, content_type=JSON,
                            **token_for(xinqi))
    assert response.status_code == 404
    response = client.put(f"/api/v1/windows/{win.xieshu.pk}/hours", {"version": 1, "hours": []}, content_type=JSON,
                          **token_for(xinqi))
    assert response.status_code == 404
    assert ServiceWindow.objects.get(pk=win.xieshu.pk).name == "谢墅社区民族服务中心"
    assert win.xieshu.hours.count() == 5


def _intake(client, headers, window, body, key="api-key-1"):
    return client.post(f"/api/v1/windows/{window.pk}/intake", body, content_type=JSON,
                       HTTP_IDEMPOTENCY_KEY=key, **headers)


def test_intake_with_the_same_key_twice_opens_once(win, people, client, token_for):
    headers = token_for(people.worker)
    body = {"items": [{"item": "EDU-01", "brought": win.materials(win.school)[:2]}, {"item": "SI-01"}],
            "visitor_name": "马阿依", "visitor_phone": "13812345678", "contact_consent": True}
    first = _intake(client, headers, win.xieshu, body)
    assert first.status_code == 201, first.content
    again = _intake(client, headers, win.xieshu, body)
    assert again.status_code == 200 and again.json() == first.json()
    data = first.json()
    assert data["visitor_name_masked"] == "马**" and data["visitor_phone_masked"] == "138****5678"
    assert [m["name"] for m in data["lines"][0]["to_bring"]] == ["预防接种证"]
    assert Visit.objects.count() == 1 and WorkOrder.objects.count() == 2
    receipt = client.get(data["receipt_url"], **headers)
    assert receipt.status_code == 200 and receipt.content.startswith(b"%PDF")


def test_intake_of_an_item_not_offered_is_422_with_the_field(win, people, client, token_for):
    response = _intake(client, token_for(people.worker), win.xieshu, {"items": [{"item": "LA-01"}]})
    assert response.status_code == 422 and "items" in response.content.decode()
    assert not WorkOrder.objects.exists()


def test_an_outsider_cannot_take_a_visitor_and_nothing_changes(win, people, client, token_for):
    response = _intake(client, token_for(people.other_worker), win.xieshu, {"items": [{"item": "SI-01"}]})
    assert response.status_code == 404
    assert not Visit.objects.exists() and not WorkOrder.objects.exists()


def test_the_auditor_is_refused(win, people, client, token_for):
    assert client.get("/api/v1/windows", **token_for(people.auditor)).status_code == 403


def test_figures_are_counts_only(win, people, client, token_for):
    _intake(client, token_for(people.worker), win.xieshu, {"items": [{"item": "SI-01"}]})
    data = client.get("/api/v1/windows/figures", **token_for(people.officer)).json()
    assert data["items_served"][0]["orders"] == 1
    assert {row["place"]["code"] for row in data["by_place"]} == {"330206003001", "330206003"}
