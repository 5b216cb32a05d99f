"""The staff pages: list, calendar, plan, edit, detail, registrations, QR, outcome, photos, exports."""

from datetime import timedelta

import pytest
from activities_helpers import PHONES, jpeg, make_activity, running
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from shiliu.accounts.middleware import REAUTH_AT
from shiliu.activities.choices import ActivityStatus, RegistrationStatus
from shiliu.activities.models import Activity, ActivityPhoto, Registration
from shiliu.activities.registrations import registration_create
from shiliu.activities.services import activity_publish
from shiliu.audit.models import AuditEvent
from shiliu.core.xlsx import read_workbook


def fill(activity, by, n):
    return [registration_create(activity=activity, by=by, name=f"参加者{i}", phone=PHONES[i])[0] for i in range(n)]


def test_list_shows_own_and_published_activities_with_a_fixed_number_of_queries(
        client, login, people, tree, lecture, elsewhere, django_assert_max_num_queries):
    login(people.officer)
    with django_assert_max_num_queries(9):
        body = client.get("/activities/").content.decode()
    assert lecture.title in body and elsewhere.title not in body
    activity_publish(activity=elsewhere, by=people.other_worker, published=True)
    for i in range(10):
        make_activity(people.officer, tree.jiufeng, title=f"活动{i}", starts_in=timedelta(days=i + 1))
    with django_assert_max_num_queries(9):
        body = client.get("/activities/").content.decode()
    assert elsewhere.title in body and "活动9" in body


def test_list_filters_by_place_type_and_period(client, login, people, tree, lecture):
    make_activity(people.officer, tree.jiufeng, title="九峰社区志愿服务", type="volunteer")
    login(people.officer)
    body = client.get(f"/activities/?place={tree.jiufeng.pk}").content.decode()
    assert "九峰社区志愿服务" in body and lecture.title not in body
    body = client.get("/activities/?type=lecture").content.decode()
    assert lecture.title in body and "九峰社区志愿服务" not in body
    later = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert lecture.title not in client.get(f"/activities/?start={later}").content.decode()


def test_roles_without_activities_get_403(client, login, people, tree):
    login(people.operator)
    assert client.get("/activities/").status_code == 403
    assert client.get("/activities/calendar/").status_code == 403


def test_plan_form_shows_each_error_next_to_its_field_and_saves_nothing(client, login, people, tree):
    login(people.worker)
    starts = timezone.localtime() + timedelta(days=1)
    response = client.post("/activities/new/", {
        "title": "亲子读书会", "type": "five_family", "place": tree.xieshu.pk, "venue": "图书室",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"), "capacity": "0"},
        HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    form = response.context["form"]
    assert "cannot end before it starts" in form.errors["ends_at"][0]
    assert "zero" in form.errors["capacity"][0]
    assert not Activity.objects.exists()


def test_worker_plans_an_activity_through_the_form(client, login, people, tree):
    login(people.worker)
    starts = timezone.localtime() + timedelta(days=1)
    response = client.post("/activities/new/", {
        "title": "亲子读书会", "type": "five_family", "place": tree.xieshu.pk, "venue": "图书室",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"), "capacity": "30",
        "waiting_list": "on", "co_organizers": [tree.jiufeng.pk]})
    activity = Activity.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/activities/{activity.pk}/"
    assert activity.capacity == 30 and list(activity.co_organizers.all()) == [tree.jiufeng]
    assert "亲子读书会" in client.get(response["Location"]).content.decode()


def test_stale_edit_shows_the_message_and_keeps_the_other_change(client, login, people, lecture):
    login(people.worker)
    page = client.get(f"/activities/{lecture.pk}/edit/")
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update(starts_at=timezone.localtime(lecture.starts_at).strftime("%Y-%m-%dT%H:%M"),
                ends_at=timezone.localtime(lecture.ends_at).strftime("%Y-%m-%dT%H:%M"), waiting_list="on")
    Activity.objects.filter(pk=lecture.pk).update(version=lecture.version + 1, venue="别处")
    response = client.post(f"/activities/{lecture.pk}/edit/", {**data, "title": "新标题"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert Activity.objects.get(pk=lecture.pk).title == lecture.title


def test_other_place_gets_404_and_published_read_only_gets_403_on_edit(client, login, people, lecture, elsewhere):
    login(people.worker)
    assert client.get(f"/activities/{elsewhere.pk}/").status_code == 404
    assert client.post(f"/activities/{elsewhere.pk}/status/", {"status": "cancelled"}).status_code == 404
    activity_publish(activity=elsewhere, by=people.other_worker, published=True)
    page = client.get(f"/activities/{elsewhere.pk}/")
    assert page.status_code == 200 and f"/activities/{elsewhere.pk}/edit/" not in page.content.decode()
    assert client.get(f"/activities/{elsewhere.pk}/edit/").status_code == 403
    assert client.post(f"/activities/{elsewhere.pk}/status/", {"status": "cancelled"}).status_code == 403
    assert client.get(f"/activities/{elsewhere.pk}/registrations/").status_code == 404
    assert Activity.objects.get(pk=elsewhere.pk).status == ActivityStatus.OPEN


def test_registrations_page_masks_phones_is_audited_and_pins_queries(
        client, login, people, lecture, django_assert_max_num_queries):
    fill(lecture, people.worker, 5)  # 3 places, 2 waiting
    login(people.worker)
    with django_assert_max_num_queries(16):
        body = client.get(f"/activities/{lecture.pk}/registrations/").content.decode()
    assert "139****0000" in body and PHONES[0] not in body
    assert body.count("参加者") == 5
    event = AuditEvent.objects.filter(action="activity.registrations.list").latest("id")
    assert event.detail["count"] == 5
    fill_more = [registration_create(activity=lecture, by=people.worker, name=f"后来{i}", phone=PHONES[50 + i])[0]
                 for i in range(10)]
    assert len(fill_more) == 10
    with django_assert_max_num_queries(16):
        client.get(f"/activities/{lecture.pk}/registrations/")


def test_register_by_the_page_shows_the_code_and_full_goes_to_the_waiting_list(client, login, people, lecture):
    fill(lecture, people.worker, 3)
    login(people.worker)
    response = client.post(f"/activities/{lecture.pk}/registrations/", {"name": "等候者", "phone": PHONES[9]},
                           follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert "number 1 on the waiting list" in response.content.decode()
    response = client.post(f"/activities/{lecture.pk}/registrations/", {"name": "", "phone": "1"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert set(response.context["form"].errors) == {"name", "phone"}


def test_check_in_and_cancel_by_list(client, login, people, tree):
    activity = running(people.worker, tree.xieshu, capacity=1)
    first, waiting = fill(activity, people.worker, 2)
    login(people.worker)
    client.post(f"/activities/{activity.pk}/registrations/{waiting.pk}/cancel/")
    assert Registration.objects.get(pk=waiting.pk).status == RegistrationStatus.CANCELLED
    client.post(f"/activities/{activity.pk}/registrations/{first.pk}/check-in/")
    assert Registration.objects.get(pk=first.pk).status == RegistrationStatus.CHECKED_IN
    response = client.post(f"/activities/{activity.pk}/registrations/{first.pk}/check-in/", follow=True,
                           HTTP_ACCEPT_LANGUAGE="en")
    assert "Already checked in" in response.content.decode()
    client.logout()
    login(people.other_worker)
    assert client.post(f"/activities/{activity.pk}/registrations/{first.pk}/cancel/").status_code == 404


def test_registration_export_needs_a_recent_password_and_holds_masked_phones(client, login, people, lecture):
    fill(lecture, people.worker, 4)
    login(people.worker)
    response = client.get(f"/activities/{lecture.pk}/registrations/export.xlsx")
    assert response.status_code == 302 and "/accounts/reauth/" in response["Location"]
    session = client.session
    session[REAUTH_AT] = timezone.now().timestamp()
    session.save()
    response = client.get(f"/activities/{lecture.pk}/registrations/export.xlsx")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    rows = read_workbook(response.content)
    assert len(rows) == 5 and rows[1][1] == "139****0000"
    assert not any(PHONES[0] in str(cell) for row in rows for cell in row)
    assert AuditEvent.objects.filter(action="activity.registrations.export").exists()


def test_activities_export_is_an_xlsx_of_what_the_user_sees(client, login, people, lecture, elsewhere):
    login(people.worker)
    response = client.get("/activities/export.xlsx")
    rows = read_workbook(response.content)
    assert [r[0] for r in rows[1:]] == [lecture.title]


def test_calendar_lists_the_month_of_a_place_with_a_fixed_number_of_queries(
        client, login, people, tree, lecture, elsewhere, django_assert_max_num_queries):
    login(people.officer)
    month = timezone.localtime(lecture.starts_at).strftime("%Y-%m")
    with django_assert_max_num_queries(8):
        body = client.get(f"/activities/calendar/?month={month}").content.decode()
    assert lecture.title in body and elsewhere.title not in body
    assert client.get(f"/activities/calendar/?place={tree.dagang.pk}").status_code == 404
    assert client.get("/activities/calendar/?month=2026-13").status_code == 404
    body = client.get(f"/activities/calendar/?place={tree.jiufeng.pk}&month={month}").content.decode()
    assert lecture.title not in body


def test_qr_page_and_image_for_the_organizer_only(client, login, people, lecture, elsewhere):
    login(people.worker)
    page = client.get(f"/activities/{lecture.pk}/qr/").content.decode()
    assert f"/activities/checkin/{lecture.checkin_token}/" in page
    image = client.get(f"/activities/{lecture.pk}/qr.svg")
    assert image.status_code == 200 and image["Content-Type"] == "image/svg+xml"
    assert image.content.lstrip().startswith(b"<?xml") or b"<svg" in image.content[:200]
    assert client.get(f"/activities/{elsewhere.pk}/qr.svg").status_code == 404


def test_outcome_form_maps_row_errors_to_their_fields(client, login, people, tree):
    activity = running(people.worker, tree.xieshu)
    login(people.worker)
    page = client.get(f"/activities/{activity.pk}/outcome/")
    version = page.context["form"].initial["version"]
    response = client.post(f"/activities/{activity.pk}/outcome/", {
        "version": version, "extra_attendance": "5", "summary": "好", "group_0": "少数民族群众", "count_0": "9",
        "group_1": "本地群众", "count_1": "3"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "cannot have more participants" in response.context["form"].errors["count_0"][0]
    response = client.post(f"/activities/{activity.pk}/outcome/", {
        "version": version, "extra_attendance": "12", "summary": "好", "group_0": "少数民族群众", "count_0": "5",
        "group_1": "本地群众", "count_1": "7"})
    assert response.status_code == 302
    detail = client.get(f"/activities/{activity.pk}/").content.decode()
    assert "少数民族群众" in detail
    assert Activity.objects.get(pk=activity.pk).status == ActivityStatus.DONE


def test_photo_upload_and_scoped_serving_as_attachment(client, login, people, lecture, elsewhere,
                                                       django_capture_on_commit_callbacks):
    login(people.worker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/activities/{lecture.pk}/photos/", {
            "photo": SimpleUploadedFile("x.jpg", jpeg(gps=True), content_type="image/jpeg"), "caption": "合影"})
    assert response.status_code == 302
    photo = ActivityPhoto.objects.get()
    served = client.get(f"/activities/photos/{photo.token}/")
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served["Content-Disposition"].startswith("attachment")
    thumb = client.get(f"/activities/photos/{photo.token}/thumbnail/")
    assert thumb.status_code == 200
    response = client.post(f"/activities/{lecture.pk}/photos/", {
        "photo": SimpleUploadedFile("evil.jpg", b"MZ" + b"\0" * 100, content_type="image/jpeg")}, follow=True,
        HTTP_ACCEPT_LANGUAGE="en")
    assert "not a photo" in response.content.decode()
    assert ActivityPhoto.objects.count() == 1
    client.logout()
    login(people.other_worker)
    assert client.get(f"/activities/photos/{photo.token}/").status_code == 404
    assert client.get(f"/activities/photos/{photo.token}/thumbnail/").status_code == 404
    assert client.post(f"/activities/{lecture.pk}/photos/", {
        "photo": SimpleUploadedFile("x.jpg", jpeg(), content_type="image/jpeg")}).status_code == 404
    assert ActivityPhoto.objects.count() == 1


@pytest.mark.parametrize(("language", "text"), [("zh-hans", "活动日历"), ("en", "Activity calendar")])
def test_pages_speak_both_languages(client, login, people, lecture, language, text):
    login(people.worker)
    body = client.get("/activities/calendar/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert text in body


def test_detail_page_has_a_fixed_number_of_queries(client, login, people, tree, django_assert_max_num_queries):
    from shiliu.activities.services import outcome_record, photo_add

    activity = running(people.worker, tree.xieshu, co_organizers=[tree.jiufeng])
    login(people.worker)
    with django_assert_max_num_queries(11):
        assert client.get(f"/activities/{activity.pk}/").status_code == 200
    fill(activity, people.worker, 6)
    outcome_record(activity=activity, by=people.worker, version=activity.version, extra_attendance=3, summary="好",
                   counts=[("少数民族群众", 2), ("本地群众", 1)])
    for _ in range(3):
        photo_add(activity=activity, by=people.worker, upload=SimpleUploadedFile("a.jpg", jpeg()))
    with django_assert_max_num_queries(11):
        body = client.get(f"/activities/{activity.pk}/").content.decode()
    assert body.count("/thumbnail/") == 3 and "本地群众" in body
