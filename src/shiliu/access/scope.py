"""Scoped reads: every query for records starts here (D2).

``scope_q(user, cap)`` is the filter that limits a queryset to the subtrees where the
user holds ``cap``. A user with no such role gets a filter that matches nothing, so a
forgotten check fails closed.
"""

from typing import TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from shiliu.access.policy import role_has
from shiliu.places.models import Place

M = TypeVar("M", bound=Model)


def roots(user, cap: str) -> list[Place]:
    """The places where ``user`` holds ``cap``, without those already below another."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    places = sorted({a.place.path: a.place for a in user.active_roles if role_has(a.role, cap)}.items())
    kept: list[Place] = []
    for path, place in places:
        if not any(path.startswith(k.path) for k in kept):
            kept.append(place)
    return kept


def scope_q(user, cap: str, path_field: str = "path") -> Q:
    q = Q(pk__in=[])
    for root in roots(user, cap):
        q |= Q(**{f"{path_field}__gte": root.path, f"{path_field}__lt": root.path_upper})
    return q


def holds(user, cap: str) -> bool:
    return bool(roots(user, cap))


def can(user, cap: str, place: Place) -> bool:
    return any(place.path.startswith(root.path) for root in roots(user, cap))


def places_for(user, cap: str = "place.view") -> QuerySet[Place]:
    return Place.objects.filter(scope_q(user, cap))


def scoped(queryset: QuerySet[M], user, cap: str, path_field: str = "place__path") -> QuerySet[M]:
    return queryset.filter(scope_q(user, cap, path_field))


def get_scoped_or_404(queryset: QuerySet[M], user, cap: str, path_field: str = "place__path", **lookup) -> M:
    """The same 404 for "does not exist" and "not yours" (D2)."""
    try:
        return scoped(queryset, user, cap, path_field).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404() from None
