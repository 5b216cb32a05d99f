"""The outcome: attendance (check-ins plus people counted at the door), counts by group as numbers,
a summary; photos checked by content, stripped of EXIF, thumbnails made by the worker."""

import io
from datetime import timedelta

import pytest
from activities_helpers import PHONES, jpeg, make_activity, running
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shiliu.activities.choices import ActivityStatus
from shiliu.activities.models import ActivityPhoto, ParticipantCount
from shiliu.activities.registrations import checkin_by_list, registration_create
from shiliu.activities.services import attendance, outcome_record, photo_add, photo_delete
from shiliu.activities.tasks import make_missing_thumbnails, make_photo_thumbnail
from shiliu.core.concurrency import StaleVersion


@pytest.fixture
def held(people, tree):
    activity = running(people.worker, tree.xieshu)
    for i in range(3):
        registration, _ = registration_create(activity=activity, by=people.worker, name=f"参加者{i}", phone=PHONES[i])
        checkin_by_list(registration=registration, by=people.worker)
    return activity


def test_outcome_records_attendance_counts_and_summary_and_marks_it_held(people, held):
    activity = outcome_record(activity=held, by=people.worker, version=held.version, extra_attendance=12,
                              summary="讲座顺利举行。", counts=[("少数民族群众", 6), ("本地群众", 9), ("", None)])
    assert activity.status == ActivityStatus.DONE and activity.version == held.version + 1
    assert attendance(activity) == 15
    assert [(c.group, c.count) for c in activity.participant_counts.all()] == [("少数民族群众", 6), ("本地群众", 9)]
    outcome_record(activity=activity, by=people.worker, version=activity.version, extra_attendance=12,
                   summary="改", counts=[("少数民族群众", 7)])
    assert list(ParticipantCount.objects.values_list("group", "count")) == [("少数民族群众", 7)]


def test_outcome_row_errors_are_named_by_row_and_nothing_is_saved(people, held):
    with pytest.raises(ValidationError) as e:
        outcome_record(activity=held, by=people.worker, version=held.version, extra_attendance=-1, summary="x" * 2001,
                       counts=[("", 3), ("本地群众", 100), ("本地群众", 1), ("儿童", -2)])
    errors = e.value.message_dict
    assert set(errors) == {"extra_attendance", "summary", "counts.0.group", "counts.1.count", "counts.2.group",
                           "counts.3.count"}
    held.refresh_from_db()
    assert held.status == ActivityStatus.OPEN and not ParticipantCount.objects.exists()


def test_outcome_of_a_future_activity_or_with_a_stale_version_is_refused(people, tree, held):
    future = make_activity(people.worker, tree.xieshu)
    with pytest.raises(ValidationError):
        outcome_record(activity=future, by=people.worker, version=future.version, extra_attendance=0, summary="",
                       counts=[])
    with pytest.raises(StaleVersion):
        outcome_record(activity=held, by=people.worker, version=held.version - 1, extra_attendance=0, summary="",
                       counts=[])
    with pytest.raises(PermissionDenied):
        outcome_record(activity=held, by=people.other_worker, version=held.version, extra_attendance=0, summary="",
                       counts=[])


def test_photo_is_stored_without_gps_and_its_thumbnail_made_by_the_task(people, held,
                                                                       django_capture_on_commit_callbacks):
    upload = SimpleUploadedFile("IMG_0001.jpg", jpeg(size=(400, 300), gps=True), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):
        photo = photo_add(activity=held, by=people.worker, upload=upload, caption="合影")
    photo.refresh_from_db()
    assert photo.file.name.startswith(f"activities/{held.pk}/") and "IMG_0001" not in photo.file.name
    with photo.file.open("rb") as f:
        stored = Image.open(io.BytesIO(f.read()))
    assert not stored.getexif() and (photo.width, photo.height) == (400, 300)
    assert photo.thumbnail  # the immediate test backend ran the task on commit
    with photo.thumbnail.open("rb") as f:
        assert max(Image.open(io.BytesIO(f.read())).size) == 320
    assert make_photo_thumbnail.call(photo.pk) is False  # idempotent


def test_missing_thumbnails_are_caught_up(people, held):
    photo = photo_add(activity=held, by=people.worker, upload=SimpleUploadedFile("a.png", jpeg()))
    ActivityPhoto.objects.filter(pk=photo.pk).update(uploaded_at=photo.uploaded_at - timedelta(minutes=10))
    assert not ActivityPhoto.objects.get(pk=photo.pk).thumbnail  # on_commit never ran inside this test
    assert make_missing_thumbnails.call() == 1
    assert ActivityPhoto.objects.get(pk=photo.pk).thumbnail


def test_an_executable_named_jpg_is_refused_and_nothing_is_kept(people, held, settings):
    upload = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" + b"\x00" * 500, content_type="image/jpeg")
    with pytest.raises(ValidationError) as e:
        photo_add(activity=held, by=people.worker, upload=upload)
    assert "photo" in e.value.message_dict
    assert not ActivityPhoto.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(media.rglob("*"))


def test_photo_delete_removes_the_files(people, held, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        photo = photo_add(activity=held, by=people.worker, upload=SimpleUploadedFile("a.jpg", jpeg()))
    photo.refresh_from_db()
    storage, names = photo.file.storage, [photo.file.name, photo.thumbnail.name]
    with pytest.raises(PermissionDenied):
        photo_delete(photo=photo, by=people.other_worker)
    with django_capture_on_commit_callbacks(execute=True):
        photo_delete(photo=photo, by=people.worker)
    assert not ActivityPhoto.objects.exists()
    assert not any(storage.exists(name) for name in names)
