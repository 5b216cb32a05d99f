"""Template filters of the hotline pages."""

from django import template
from django.utils.translation import get_language

from shiliu.people.masking import mask_phone

register = template.Library()


@register.filter
def masked(phone: str) -> str:
    """A phone number as the desk shows it: 138****5678 (B1)."""
    return mask_phone(phone or "")


@register.filter
def label(obj) -> str:
    """A category or place in the page's language."""
    if obj is None:
        return ""
    if hasattr(obj, "display_name"):
        return obj.display_name(get_language())
    if hasattr(obj, "label"):
        return obj.label(get_language())
    return str(obj)
