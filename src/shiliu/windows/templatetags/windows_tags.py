from django import template

from shiliu.windows.selectors import windows_offering as _windows_offering

register = template.Library()


@register.simple_tag
def windows_offering(item, near=None):
    """The public windows that offer ``item``, nearest to ``near`` (a place) first."""
    if item is None or not getattr(item, "pk", None):
        return []
    return _windows_offering(item, near if getattr(near, "path", None) else None)
