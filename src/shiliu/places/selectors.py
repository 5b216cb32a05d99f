"""Reads of the place tree. Scoped reads for users live in shiliu.access.scope."""

from django.db.models import QuerySet

from shiliu.places.models import Place


def subtree(place: Place, *, include_self: bool = True) -> QuerySet[Place]:
    """The place and everything below it: one range query on the indexed path."""
    qs = Place.objects.filter(path__gte=place.path, path__lt=place.path_upper)
    return qs if include_self else qs.exclude(pk=place.pk)


def ancestors(place: Place) -> QuerySet[Place]:
    return Place.objects.filter(pk__in=place.ancestor_ids()).order_by("path")
