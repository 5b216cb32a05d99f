"""The culture demo: troupes, positions and a museum with slots and bookings; loading twice adds nothing."""

from django.utils import timezone

from shiliu.core.demo import load_demo
from shiliu.culture.models import (
    ArtTroupe,
    Museum,
    Performance,
    PublicityPosition,
    TroupeMember,
    VisitBooking,
    VisitSlot,
)


def _counts():
    return tuple(m.objects.count() for m in (ArtTroupe, TroupeMember, Performance, PublicityPosition, Museum,
                                             VisitSlot, VisitBooking))


def test_demo_culture_loads_once(db):
    load_demo(residents=0)
    assert ArtTroupe.objects.count() == 2
    museum = Museum.objects.get()
    assert museum.online_booking and museum.guides.count() == 2
    assert VisitSlot.objects.filter(starts_at__gt=timezone.now()).count() >= 8
    statuses = set(VisitBooking.objects.values_list("status", flat=True))
    assert {"visited", "confirmed", "requested"} <= statuses
    assert PublicityPosition.objects.values("kind").distinct().count() >= 4
    counts = _counts()
    load_demo(residents=0)
    assert counts == _counts()
