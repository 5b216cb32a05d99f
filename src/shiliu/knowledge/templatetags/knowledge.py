"""Article text in the reader's language: ``{% load knowledge %}{{ article|kb_title }}``.

English readers get the English title and text where the editor wrote them, the Chinese otherwise.
"""

from django import template
from django.utils.text import Truncator
from django.utils.translation import get_language

register = template.Library()

EXCERPT_CHARS = 90


@register.filter
def kb_title(article) -> str:
    return article.title_for(get_language())


@register.filter
def kb_body(article) -> str:
    return article.body_for(get_language())


@register.filter
def kb_excerpt(article, chars: int = EXCERPT_CHARS) -> str:
    """The first lines of the text, on one line, cut at ``chars`` characters."""
    text = " ".join(article.body_for(get_language()).split())
    return Truncator(text).chars(int(chars))


@register.filter
def kb_category(category) -> str:
    return category.label(get_language()) if category is not None else ""


@register.filter
def kb_is_translated(article) -> bool:
    """True when the page shows the English the editor wrote (not the Chinese as a fallback)."""
    language = get_language() or ""
    return not language.startswith("en") or bool(article.title_en and article.body_en)
