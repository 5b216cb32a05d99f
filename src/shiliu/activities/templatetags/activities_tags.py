from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def localized(obj) -> str:
    """An activity's title or a place's name in the reader's language (Chinese when no English is kept)."""
    if obj is None:
        return ""
    if hasattr(obj, "display_title"):
        return obj.display_title(get_language())
    if hasattr(obj, "display_name"):
        return obj.display_name(get_language())
    return str(obj)
