"""/api/v1/activities: same rules as the pages, problem+json errors, audited lists, pinned queries."""

import json
from datetime import timedelta

from activities_helpers import PHONES, jpeg, make_activity, running
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shiliu.activities.models import Activity, ActivityPhoto, Registration
from shiliu.activities.services import activity_publish
from shiliu.audit.models import AuditEvent

URL = "/api/v1/activities"


def post(client, url, data, headers, **extra):
    return client.post(url, json.dumps(data), content_type="application/json", **headers, **extra)


def patch(client, url, data, headers, **extra):
    return client.patch(url, json.dumps(data), content_type="application/json", **headers, **extra)


def _new(tree, **overrides):
    starts = timezone.now() + timedelta(days=5)
    data = {"title": "石榴籽讲堂", "type": "lecture", "place": tree.xieshu.pk, "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=2)).isoformat(), "venue": "谢墅社区活动室", "capacity": 2}
    data.update(overrides)
    return data


def test_create_read_and_update_with_version(client, people, tree, token_for):
    headers = token_for(people.worker)
    response = post(client, URL, _new(tree, co_organizers=[tree.dagang.pk]), headers)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "planned" and body["co_organizers"][0]["code"] == tree.dagang.code
    assert body["checkin_url"].endswith(f"/activities/checkin/{Activity.objects.get().checkin_token}/")
    pk, version = body["id"], body["version"]
    assert patch(client, f"{URL}/{pk}", {"version": version, "venue": "九峰山"}, headers).json()["venue"] == "九峰山"
    stale = patch(client, f"{URL}/{pk}", {"version": version, "venue": "别处"}, headers)
    assert stale.status_code == 409 and stale["Content-Type"] == "application/problem+json"
    assert Activity.objects.get().venue == "九峰山"


def test_bad_input_answers_422_with_every_field(client, people, tree, token_for):
    starts = timezone.now() + timedelta(days=1)
    response = post(client, URL, _new(tree, title="", capacity=0, ends_at=(starts - timedelta(hours=1)).isoformat(),
                                      starts_at=starts.isoformat()), token_for(people.worker),
                    HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"title", "capacity", "ends_at"}
    assert post(client, URL, {**_new(tree), "colour": "red"}, token_for(people.worker)).status_code == 422
    assert post(client, URL, _new(tree, type="party"), token_for(people.worker)).status_code == 422
    assert not Activity.objects.exists()


def test_outsider_gets_404_and_nothing_changes(client, people, tree, token_for, lecture):
    headers = token_for(people.other_worker)
    assert client.get(f"{URL}/{lecture.pk}", **headers).status_code == 404
    assert patch(client, f"{URL}/{lecture.pk}", {"version": lecture.version, "title": "x"}, headers).status_code == 404
    assert post(client, f"{URL}/{lecture.pk}/registrations", {"name": "甲", "phone": PHONES[0]},
                headers).status_code == 404
    assert post(client, URL, _new(tree), headers).status_code == 422  # 谢墅 is not theirs: "choose a place"
    assert not Registration.objects.exists() and Activity.objects.get().title == lecture.title
    assert client.get(URL, **token_for(people.operator)).status_code == 403


def test_published_activity_is_readable_but_not_writable_elsewhere(client, people, tree, token_for, elsewhere):
    activity_publish(activity=elsewhere, by=people.other_worker, published=True)
    headers = token_for(people.worker)
    body = client.get(f"{URL}/{elsewhere.pk}", **headers).json()
    assert body["can_manage"] is False and body["checkin_url"] is None
    assert patch(client, f"{URL}/{elsewhere.pk}", {"version": elsewhere.version, "title": "x"},
                 headers).status_code == 403
    assert client.get(f"{URL}/{elsewhere.pk}/registrations", **headers).status_code == 404


def test_list_is_scoped_filtered_and_pins_its_queries(client, people, tree, token_for, lecture, elsewhere,
                                                      django_assert_max_num_queries):
    headers = token_for(people.officer)
    with django_assert_max_num_queries(8):
        body = client.get(URL, **headers).json()
    assert [a["id"] for a in body["items"]] == [lecture.pk]
    for i in range(8):
        make_activity(people.officer, tree.jiufeng, title=f"活动{i}")
    with django_assert_max_num_queries(8):
        assert client.get(URL, **headers).json()["count"] == 9
    assert client.get(f"{URL}?place={tree.jiufeng.pk}", **headers).json()["count"] == 8
    assert client.get(f"{URL}?place={tree.dagang.pk}", **headers).status_code == 404
    assert client.get(f"{URL}?ethnicity=05", **headers).status_code == 400


def test_register_waitlist_cancel_promote_through_the_api(client, people, token_for, lecture):
    headers = token_for(people.worker)
    url = f"{URL}/{lecture.pk}/registrations"
    made = [post(client, url, {"name": f"人{i}", "phone": PHONES[i]}, headers).json() for i in range(4)]
    assert [m["status"] for m in made] == ["registered"] * 3 + ["waitlisted"]
    assert made[3]["waiting_rank"] == 1 and len(made[0]["code"]) == 8
    dup = post(client, url, {"name": "人0", "phone": PHONES[0]}, headers)
    assert dup.status_code == 422 and "phone" in dup.json()["errors"]
    assert post(client, f"{url}/{made[0]['id']}/cancel", {}, headers).json()["status"] == "cancelled"
    assert Registration.objects.get(pk=made[3]["id"]).status == "registered"
    listed = client.get(url, **headers).json()
    assert listed["count"] == 4 and all("*" in r["phone_masked"] for r in listed["items"])
    assert "code" not in listed["items"][0]
    assert AuditEvent.objects.filter(action="activity.registrations.list").exists()


def test_idempotency_key_makes_a_retry_safe(client, people, token_for, lecture):
    headers = {**token_for(people.worker), "HTTP_IDEMPOTENCY_KEY": "reg-1"}
    url = f"{URL}/{lecture.pk}/registrations"
    first = post(client, url, {"name": "甲", "phone": PHONES[0]}, headers)
    again = post(client, url, {"name": "甲", "phone": PHONES[0]}, headers)
    assert (first.status_code, again.status_code) == (201, 200) and first.json()["id"] == again.json()["id"]
    other = post(client, url, {"name": "乙", "phone": PHONES[1]}, headers)
    assert other.status_code == 422
    assert Registration.objects.count() == 1


def test_check_in_by_code_and_by_list_and_outcome(client, people, tree, token_for):
    activity = running(people.worker, tree.xieshu)
    headers = token_for(people.worker)
    url = f"{URL}/{activity.pk}"
    a = post(client, f"{url}/registrations", {"name": "甲", "phone": PHONES[0]}, headers).json()
    b = post(client, f"{url}/registrations", {"name": "乙", "phone": PHONES[1]}, headers).json()
    assert post(client, f"{url}/check-in", {"code": a["code"]}, headers).json()["status"] == "checked_in"
    assert post(client, f"{url}/check-in", {"code": a["code"]}, headers).status_code == 422
    assert post(client, f"{url}/registrations/{b['id']}/check-in", {}, headers).json()["status"] == "checked_in"
    version = client.get(url, **headers).json()["version"]
    out = client.put(f"{url}/outcome", json.dumps({"version": version, "extra_attendance": 3, "summary": "好",
                                                   "counts": [{"group": "少数民族群众", "count": 2}]}),
                     content_type="application/json", **headers).json()
    assert out["status"] == "done" and out["attendance"] == 5
    assert out["participant_counts"] == [{"group": "少数民族群众", "count": 2}]
    bad = client.put(f"{url}/outcome", json.dumps({"version": out["version"], "counts": [{"group": "", "count": 3}]}),
                     content_type="application/json", **headers)
    assert bad.status_code == 422 and "counts.0.group" in bad.json()["errors"]


def test_photos_through_the_api(client, people, token_for, lecture, django_capture_on_commit_callbacks):
    headers = token_for(people.worker)
    url = f"{URL}/{lecture.pk}/photos"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"photo": SimpleUploadedFile("a.jpg", jpeg(gps=True)), "caption": "合影"},
                               **headers)
    assert response.status_code == 201 and response.json()["thumbnail_ready"] is False  # made after commit
    [listed] = client.get(url, **headers).json()
    assert listed["thumbnail_ready"] is True
    evil = client.post(url, {"photo": SimpleUploadedFile("a.jpg", b"MZ" + b"\0" * 99)}, **headers)
    assert evil.status_code == 422 and "photo" in evil.json()["errors"]
    photo = ActivityPhoto.objects.get()
    assert client.delete(f"{url}/{photo.pk}", **token_for(people.other_worker)).status_code == 404
    assert client.delete(f"{url}/{photo.pk}", **headers).status_code == 204
    assert not ActivityPhoto.objects.exists()


def test_status_and_publish(client, people, token_for, lecture):
    headers = token_for(people.worker)
    url = f"{URL}/{lecture.pk}"
    assert post(client, f"{url}/publish", {"published": True}, headers).json()["published"] is True
    assert post(client, f"{url}/status", {"status": "closed"}, headers).json()["status"] == "closed"
    bad = post(client, f"{url}/status", {"status": "done"}, headers, HTTP_ACCEPT_LANGUAGE="en")
    assert bad.status_code == 422 and "status" in bad.json()["errors"]
