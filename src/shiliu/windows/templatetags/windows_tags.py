from django import template
from django.utils.translation import get_language

from shiliu.places.models import Place, PlaceKind
from shiliu.windows.selectors import windows_offering as _windows_offering

register = template.Library()


NEAREST_SHOWN = 3  # a phone page lists the three nearest, each with its week of hours


@register.simple_tag
def windows_offering(item, near=None, limit: int = NEAREST_SHOWN):
    """The public windows that offer ``item``, nearest to ``near`` (a place) first."""
    if item is None or not getattr(item, "pk", None):
        return []
    return _windows_offering(item, near if getattr(near, "path", None) else None, limit=limit)


NEAR_KINDS = (PlaceKind.SUBDISTRICT, PlaceKind.COMMUNITY, PlaceKind.VILLAGE)


@register.simple_tag
def near_choices():
    """The subdistricts, communities and villages a resident may say they live in (public places)."""
    return list(Place.objects.filter(kind__in=NEAR_KINDS, is_active=True).order_by("path"))


@register.simple_tag
def near_place(code: str):
    """The place of a ``?near=<code>`` choice, or None (unknown codes are ignored)."""
    code = (code or "").strip()[:20]
    if not code:
        return None
    return Place.objects.filter(code=code, kind__in=NEAR_KINDS, is_active=True).first()


@register.filter
def in_language(record) -> str:
    """A guide record's or a place's name in the page's language (its English name on English pages,
    when it has one)."""
    if hasattr(record, "display_name"):  # a place
        return record.display_name(get_language())
    return record.label(get_language())
