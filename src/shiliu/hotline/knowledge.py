"""The hotline's use of the knowledge base, in one place: the search partial the desk embeds
(``knowledge:search_partial``), the articles an operator ticks as used, and their link to the
call. Only published articles: an operator answers callers from what is in force.

The desk still works where the knowledge base's search partial is not installed: it says so.
"""

from django.urls import NoReverseMatch, reverse

from shiliu.knowledge.choices import ArticleStatus
from shiliu.knowledge.forms import SEARCH_LIMIT
from shiliu.knowledge.models import Article
from shiliu.knowledge.selectors import articles_visible, knowledge_search

PICK_LIMIT = 8

__all__ = ["SEARCH_LIMIT", "link_articles", "readable_articles", "search", "search_url"]


def search_url() -> str | None:
    """The knowledge base's search partial (GET ?q=&category=), or None where it does not exist."""
    try:
        return reverse("knowledge:search_partial")
    except NoReverseMatch:
        return None


def search(user, query: str, category=None, limit: int = PICK_LIMIT) -> list[Article]:
    """The best published articles for the query; [] for an empty query."""
    if not (query or "").strip():
        return []
    return knowledge_search(user, query, category=category, limit=limit, status=ArticleStatus.PUBLISHED)


def readable_articles(user, ids) -> list[Article]:
    """The published articles among ``ids`` that the user may read."""
    ids = list(ids or ())
    if not ids:
        return []
    return list(articles_visible(user, status=ArticleStatus.PUBLISHED).filter(pk__in=ids).order_by("pk"))


def link_articles(call, articles) -> None:
    call.articles.set(articles)
