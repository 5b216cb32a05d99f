"""Choices of cultural work: troupes, repertoire, publicity positions and museum visits."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TroupeStatus(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("troupe", "Active")
    DORMANT = "dormant", _("Dormant")
    DISBANDED = "disbanded", _("Disbanded")


class TroupeRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    INSTRUCTOR = "instructor", _("Instructor")
    PERFORMER = "performer", _("Performer")
    SUPPORT = "support", _("Support")


class Genre(models.TextChoices):
    SONG = "song", _("Song")
    DANCE = "dance", _("Dance")
    INSTRUMENTAL = "instrumental", _("Instrumental music")
    OPERA = "opera", _("Opera")
    RECITATION = "recitation", _("Recitation")
    SKETCH = "sketch", _("Sketch")
    OTHER = "other", _("Other")


class PositionKind(models.TextChoices):
    GALLERY = "gallery", _("Gallery")
    BOARD = "board", _("Publicity board")
    CORNER = "corner", _("Unity corner")
    WALL = "wall", _("Culture wall")
    SCREEN = "screen", _("Electronic screen")
    ONLINE_COLUMN = "online_column", _("Online column")
    OTHER = "other", _("Other")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")
    VISITED = "visited", _("Visited")


# Bookings that hold places in their slot. A request holds its places until it is declined or
# cancelled, so confirming never finds the slot overbooked.
HOLDING = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED, BookingStatus.VISITED)
OPEN = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)


class BookingSource(models.TextChoices):
    STAFF = "staff", _("Entered by staff")
    PUBLIC = "public", _("Booked online")
