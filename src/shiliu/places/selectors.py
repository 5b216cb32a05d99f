"""Reads of the place tree. Every read for a user starts from shiliu.access.scope."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from shiliu.access.policy import Cap
from shiliu.access.scope import can, get_scoped_or_404, places_for
from shiliu.places.models import Place


def subtree(place: Place, *, include_self: bool = True) -> QuerySet[Place]:
    """The place and everything below it: one range query on the indexed path."""
    qs = Place.objects.filter(path__gte=place.path, path__lt=place.path_upper)
    return qs if include_self else qs.exclude(pk=place.pk)


def ancestors(place: Place) -> QuerySet[Place]:
    return Place.objects.filter(pk__in=place.ancestor_ids()).order_by("path")


def place_list(user, *, q: str = "", kind: str = "") -> QuerySet[Place]:
    """The places ``user`` may see, in tree order, optionally searched by name or code and kind."""
    qs = places_for(user, Cap.PLACE_VIEW).order_by("path")
    q = q.strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(name_en__icontains=q) | Q(code__icontains=q))
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def place_get(user, pk) -> Place:
    """One place the user may see; 404 for a missing one and for one outside their subtree."""
    return get_scoped_or_404(Place.objects.all(), user, Cap.PLACE_VIEW, path_field="path", pk=pk)


def place_get_for_edit(user, pk) -> Place:
    """A place the user may change: 404 outside what they see, 403 where they see but may not edit."""
    place = place_get(user, pk)
    if not can(user, Cap.PLACE_EDIT, place):
        raise PermissionDenied()
    return place


def move_targets(user) -> QuerySet[Place]:
    """Where the user may put a place: anywhere they may edit (the service refuses its own subtree)."""
    return places_for(user, Cap.PLACE_EDIT).order_by("path")


def visible_ancestors(user, place: Place) -> list[Place]:
    """The ancestors of ``place`` the user may see, top first (breadcrumbs)."""
    return list(places_for(user, Cap.PLACE_VIEW).filter(pk__in=place.ancestor_ids()[:-1]).order_by("path"))


def children(user, place: Place) -> QuerySet[Place]:
    return places_for(user, Cap.PLACE_VIEW).filter(parent=place).order_by("path")


@dataclass
class TreeNode:
    place: Place
    children: list["TreeNode"] = field(default_factory=list)


def as_tree(places: list[Place]) -> list[TreeNode]:
    """Nest places given in path order: each hangs under its nearest listed ancestor.

    A filtered list therefore still reads as a tree, and places whose ancestors are
    not listed stand at the top.
    """
    top: list[TreeNode] = []
    stack: list[TreeNode] = []
    for place in places:
        node = TreeNode(place)
        while stack and not place.path.startswith(stack[-1].place.path):
            stack.pop()
        (stack[-1].children if stack else top).append(node)
        stack.append(node)
    return top
