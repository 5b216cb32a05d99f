"""Reads of cultural work, always through shiliu.access.scope (D2).

A user holding ``culture.view`` sees the troupes, positions and museums of their subtree and
the public ones of the rest of the district, read-only. Members' names and bookings (which
hold a contact's name and phone) are seen only within scope. Outside that, a record answers
404 exactly like a missing one.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from shiliu.access.policy import CAPABILITIES, Cap
from shiliu.access.scope import can, holds, scope_q
from shiliu.accounts.models import RoleAssignment, User
from shiliu.creation.selectors import visible as _visible
from shiliu.creation.selectors import within
from shiliu.culture.choices import HOLDING
from shiliu.culture.models import (
    ArtTroupe,
    Museum,
    Performance,
    PublicityPosition,
    TroupeMember,
    VisitBooking,
    VisitSlot,
)
from shiliu.places.models import Place


def visible(queryset: QuerySet, user, path_field: str = "place__path", public_field: str = "public") -> QuerySet:
    return _visible(queryset, user, Cap.CULTURE_VIEW, path_field, public_field)


def _get(queryset: QuerySet, user, pk, **kwargs):
    try:
        return visible(queryset, user, **kwargs).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def for_edit(record, user, place: Place | None = None):
    """A visible record the user may change: 403 where they see it read-only."""
    if not can(user, Cap.CULTURE_EDIT, place or record.place):
        raise PermissionDenied()
    return record


# --- troupes ------------------------------------------------------------------------------------

def troupe_list(user, *, q: str = "", status: str = "", place: Place | None = None) -> QuerySet[ArtTroupe]:
    qs = within(visible(ArtTroupe.objects.select_related("place"), user), place)
    if q.strip():
        qs = qs.filter(name__icontains=q.strip())
    if status:
        qs = qs.filter(status=status)
    return qs.annotate(performance_count=Count("performances", distinct=True),
                       repertoire_count=Count("repertoire", distinct=True)).order_by("place__path", "name", "id")


def troupe_get(user, pk) -> ArtTroupe:
    return _get(ArtTroupe.objects.select_related("place", "organization"), user, pk)


def troupe_get_for_edit(user, pk) -> ArtTroupe:
    return for_edit(troupe_get(user, pk), user)


def troupe_members(user, troupe: ArtTroupe) -> list[TroupeMember] | None:
    """The members, for a user within the troupe's scope; None (not shown) for read-only viewers."""
    if not can(user, Cap.CULTURE_VIEW, troupe.place):
        return None
    return list(troupe.members.order_by("role", "id"))


def member_get_for_edit(user, troupe: ArtTroupe, pk) -> TroupeMember:
    member = troupe.members.filter(pk=pk).first()
    if member is None or not can(user, Cap.CULTURE_VIEW, troupe.place):
        raise Http404()
    for_edit(troupe, user)
    return member


def performance_list(user, *, troupe: ArtTroupe | None = None, place: Place | None = None,
                     date_from: date | None = None, date_to: date | None = None) -> QuerySet[Performance]:
    qs = visible(Performance.objects.select_related("troupe__place"), user, "troupe__place__path", "troupe__public")
    qs = within(qs, place, "troupe__place__path")
    if troupe is not None:
        qs = qs.filter(troupe=troupe)
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    return qs.order_by("-date", "-id")


# --- publicity positions ------------------------------------------------------------------------

def position_list(user, *, q: str = "", kind: str = "", active: bool | None = None, place: Place | None = None,
                  until: date | None = None) -> QuerySet[PublicityPosition]:
    qs = within(visible(PublicityPosition.objects.select_related("place"), user), place)
    if q.strip():
        qs = qs.filter(Q(name__icontains=q.strip()) | Q(address__icontains=q.strip()))
    if kind:
        qs = qs.filter(kind=kind)
    if active is not None:
        qs = qs.filter(active=active)
    if until:
        qs = qs.filter(Q(since__isnull=True) | Q(since__lte=until))
    return qs.order_by("place__path", "kind", "name", "id")


def position_get(user, pk) -> PublicityPosition:
    return _get(PublicityPosition.objects.select_related("place"), user, pk)


def position_get_for_edit(user, pk) -> PublicityPosition:
    return for_edit(position_get(user, pk), user)


# --- the museum ---------------------------------------------------------------------------------

def museum_list(user) -> QuerySet[Museum]:
    return visible(Museum.objects.select_related("place"), user).order_by("place__path", "name", "id")


def museum_get(user, pk) -> Museum:
    return _get(Museum.objects.select_related("place"), user, pk)


def museum_get_for_edit(user, pk) -> Museum:
    return for_edit(museum_get(user, pk), user)


def with_held(queryset: QuerySet[VisitSlot]) -> QuerySet[VisitSlot]:
    """Annotate ``held``: people in the bookings that hold places (requested, confirmed, visited)."""
    return queryset.annotate(held=Coalesce(Sum("bookings__group_size", filter=Q(bookings__status__in=HOLDING)), 0))


def slots_of(museum: Museum, *, start: datetime | None = None, end: datetime | None = None) -> QuerySet[VisitSlot]:
    """A museum's slots from ``start`` (default: now) with the places they hold."""
    qs = museum.slots.filter(ends_at__gte=start or timezone.now())
    if end is not None:
        qs = qs.filter(starts_at__lt=end)
    return with_held(qs).order_by("starts_at", "id")


def slot_get(user, pk) -> VisitSlot:
    """A slot of a museum the user may see (public museums' slots are public too)."""
    return _get(with_held(VisitSlot.objects.select_related("museum__place")), user, pk,
                path_field="museum__place__path", public_field="museum__public")


def eligible_guides(museum: Museum) -> QuerySet[User]:
    """Active staff who hold a cultural role at the museum's place, above it, or below it."""
    place = museum.place
    roles = [role for role, caps in CAPABILITIES.items() if Cap.CULTURE_VIEW in caps]
    assignments = RoleAssignment.objects.filter(is_active=True, role__in=roles).filter(
        Q(place__path__gte=place.path, place__path__lt=place.path_upper) | Q(place_id__in=place.ancestor_ids()))
    return User.objects.filter(is_active=True, pk__in=assignments.values("user_id")).order_by("username")


# --- bookings (never public: they hold a contact's name and phone) -------------------------------

BOOKING_PATH = "slot__museum__place__path"


def bookings_visible(user) -> QuerySet[VisitBooking]:
    """Bookings of museums in the user's subtree, and of museums the user guides at (by assignment)."""
    qs = VisitBooking.objects.select_related("slot__museum__place", "guide")
    if not holds(user, Cap.CULTURE_VIEW):
        return qs.none()
    guided = Museum.objects.filter(guides=user).values("pk")
    return qs.filter(scope_q(user, Cap.CULTURE_VIEW, BOOKING_PATH) | Q(slot__museum__in=guided))


def booking_list(user, *, museum: Museum | None = None, status: str = "", place: Place | None = None,
                 date_from: date | None = None, date_to: date | None = None,
                 slot: VisitSlot | None = None) -> QuerySet[VisitBooking]:
    qs = within(bookings_visible(user), place, BOOKING_PATH)
    if museum is not None:
        qs = qs.filter(slot__museum=museum)
    if slot is not None:
        qs = qs.filter(slot=slot)
    if status:
        qs = qs.filter(status=status)
    if date_from:
        qs = qs.filter(slot__starts_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(slot__starts_at__date__lte=date_to)
    return qs.order_by("slot__starts_at", "id")


def booking_get(user, pk) -> VisitBooking:
    try:
        return bookings_visible(user).get(pk=pk)
    except (VisitBooking.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def booking_get_for_edit(user, pk) -> VisitBooking:
    booking = booking_get(user, pk)
    return for_edit(booking, user, booking.slot.museum.place)
