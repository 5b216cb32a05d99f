"""Shared data for the activities tests: activities at 谢墅社区 (大碶) and 大港社区 (新碶), photos."""

import io
from datetime import timedelta

from django.db import connection
from django.utils import timezone
from PIL import Image
from PIL.ExifTags import GPS, IFD

from shiliu.activities.choices import ActivityStatus, ActivityType
from shiliu.activities.models import Activity
from shiliu.activities.services import activity_create, activity_set_status
from shiliu.notify.models import Outbox

PHONES = [f"1391234{i:04d}" for i in range(200)]


def make_activity(by, place, *, starts_in=timedelta(days=3), hours: float = 2, capacity=None,
                  status=ActivityStatus.OPEN, title="民族团结知识讲座", type=ActivityType.LECTURE,
                  **kwargs) -> Activity:
    starts = timezone.now() + starts_in
    activity = activity_create(by=by, title=title, type=type, place=place, starts_at=starts,
                               ends_at=starts + timedelta(hours=hours), venue="社区活动室", capacity=capacity, **kwargs)
    if status != ActivityStatus.PLANNED:
        activity_set_status(activity=activity, by=by, status=status)
    return Activity.objects.get(pk=activity.pk)


def running(by, place, **kwargs) -> Activity:
    """An activity that started ten minutes ago: check-in is open."""
    return make_activity(by, place, starts_in=-timedelta(minutes=10), **kwargs)


def move(activity: Activity, *, starts_in: timedelta, hours: float = 2) -> Activity:
    """Shift an activity in time without the service (as if the clock had moved on)."""
    starts = timezone.now() + starts_in
    Activity.objects.filter(pk=activity.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=hours))
    return Activity.objects.get(pk=activity.pk)


def sms(template: str) -> list[Outbox]:
    return list(Outbox.objects.filter(template=template).order_by("id"))


def jpeg(size=(120, 90), *, gps: bool = False) -> bytes:
    buffer = io.BytesIO()
    exif = Image.Exif()
    if gps:
        exif[IFD.GPSInfo] = {GPS.GPSLatitudeRef: "N", GPS.GPSLatitude: (29.0, 53.0, 12.0),
                             GPS.GPSLongitudeRef: "E", GPS.GPSLongitude: (121.0, 50.0, 3.0)}
    Image.new("RGB", size, (30, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def audit_queries() -> int:
    """Queries one audit append costs: savepoint, last hash, insert, release (PostgreSQL: one statement
    for the hash and the insert)."""
    return 3 if connection.vendor == "postgresql" else 4
