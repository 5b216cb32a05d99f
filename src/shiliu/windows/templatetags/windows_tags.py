from django import template
from django.utils.translation import get_language

from shiliu.windows.selectors import windows_offering as _windows_offering

register = template.Library()


@register.simple_tag
def windows_offering(item, near=None):
    """The public windows that offer ``item``, nearest to ``near`` (a place) first."""
    if item is None or not getattr(item, "pk", None):
        return []
    return _windows_offering(item, near if getattr(near, "path", None) else None)


@register.filter
def in_language(record) -> str:
    """A guide record's or a place's name in the page's language (its English name on English pages,
    when it has one)."""
    if hasattr(record, "display_name"):  # a place
        return record.display_name(get_language())
    return record.label(get_language())
