"""Background work of activities: thumbnails of photos, and forgetting old registrations (A6)."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from shiliu.core.images import make_thumbnail

THUMBNAIL_SIZE = 320  # pixels on the long side: sharp in a two-column grid on a phone
REGISTRATION_RETENTION = timedelta(days=365)


@task()
def make_photo_thumbnail(photo_id: int) -> bool:
    """Make the thumbnail of one photo. Idempotent: a photo that has one is left alone."""
    from shiliu.activities.models import ActivityPhoto

    photo = ActivityPhoto.objects.filter(pk=photo_id).select_related("activity").first()
    if photo is None or photo.thumbnail:
        return False
    with photo.file.open("rb") as handle:
        content = handle.read()
    photo.thumbnail.save("thumb.jpg", ContentFile(make_thumbnail(content, THUMBNAIL_SIZE)), save=False)
    # Only if no other worker got there first; otherwise the file just written is dropped.
    if not ActivityPhoto.objects.filter(pk=photo.pk, thumbnail="").update(thumbnail=photo.thumbnail.name):
        photo.thumbnail.storage.delete(str(photo.thumbnail.name))
        return False
    return True


@task()
def make_missing_thumbnails() -> int:
    """Catch up on photos whose thumbnail task was lost (a worker stopped before it ran)."""
    from shiliu.activities.models import ActivityPhoto

    cutoff = timezone.now() - timedelta(minutes=5)
    made = 0
    for pk in ActivityPhoto.objects.filter(thumbnail="", uploaded_at__lt=cutoff).values_list("pk", flat=True)[:200]:
        made += bool(make_photo_thumbnail.call(pk))
    return made


@task()
def forget_old_registrations() -> int:
    """Erase names and phones of registrations a year after their activity (classification.py)."""
    from shiliu.activities.registrations import forget_registrations

    return forget_registrations(before=timezone.now() - REGISTRATION_RETENTION)


PERIODIC = [(make_missing_thumbnails, timedelta(minutes=10)), (forget_old_registrations, timedelta(hours=24))]
