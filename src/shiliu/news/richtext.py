"""Rich text of news articles, cleaned with nh3 against an allowlist (SECURITY.md F2).

Everything not on the list goes: scripts and styles with their content, event handlers
(``onerror``, ``onclick``), ``style`` and ``class`` attributes, frames, forms. Links keep only
http(s) and mailto addresses and open with ``rel="noopener noreferrer"``. Pictures are allowed
only from Shiliu's own image view (``/news/images/<token>/``), so a text cannot pull in a
tracking pixel from elsewhere. Shiliu's core held no HTML cleaner when this was written; if one
arrives there, this module should become a thin call to it.
"""

import re

import nh3

TAGS = {"p", "br", "strong", "b", "em", "i", "u", "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a",
        "img", "table", "thead", "tbody", "tr", "th", "td", "hr"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height"}, "th": {"scope"}}
IMAGE_SRC = re.compile(r"^/news/images/[A-Za-z0-9_-]{8,40}/$")
TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")


def _attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src" and not IMAGE_SRC.match(value):
        return None
    if tag == "img" and name in ("width", "height") and not value.isdigit():
        return None
    return value


def clean_html(html: str) -> str:
    """The HTML with everything outside the allowlist removed."""
    return nh3.clean(html or "", tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_attribute,
                     clean_content_tags={"script", "style"}, url_schemes={"http", "https", "mailto"},
                     strip_comments=True, link_rel="noopener noreferrer").strip()


def has_markup(text: str) -> bool:
    """Whether plain text (a title) contains what looks like an HTML tag."""
    return bool(TAG.search(text or ""))
