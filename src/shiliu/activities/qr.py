"""The QR code put up at a venue: it opens the activity's public check-in page."""

import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.urls import reverse

from shiliu.activities.models import Activity


def public_address(view_name: str, activity: Activity) -> str:
    """A public page of the activity, on the public site (SHILIU_PUBLIC_URL)."""
    origin = str(settings.SHILIU_PUBLIC_URL or "").rstrip("/")
    return origin + reverse(view_name, args=[activity.checkin_token])


def checkin_url(activity: Activity) -> str:
    """The address the venue's QR code holds: the public check-in page."""
    return public_address("activities:checkin", activity)


def qr_svg(url: str) -> bytes:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()
