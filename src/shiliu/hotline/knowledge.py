"""The hotline's use of the knowledge base, in one place, so the desk works before and
after the knowledge app offers its search (``knowledge:search_partial``, ``knowledge_search``)
and whether or not calls record the articles used."""

from django.urls import NoReverseMatch, reverse


def search_url() -> str | None:
    """The knowledge base's search partial (GET ?q=&category=), or None while it does not exist."""
    try:
        return reverse("knowledge:search_partial")
    except NoReverseMatch:
        return None


def records_articles() -> bool:
    """Calls keep the articles used (a many-to-many to knowledge.Article)."""
    from shiliu.hotline.models import Call

    return any(f.name == "articles" for f in Call._meta.get_fields())


def search(user, query: str, category=None, limit: int = 8) -> list:
    """The best articles for the query that the user may read; [] without a knowledge base."""
    if not records_articles() or not (query or "").strip():
        return []
    from shiliu.knowledge.selectors import knowledge_search

    return knowledge_search(user, query, category=category, limit=limit)


def readable_articles(user, ids) -> list:
    if not records_articles() or not ids:
        return []
    from shiliu.knowledge.selectors import articles_visible

    return list(articles_visible(user).filter(pk__in=list(ids)))


def link_articles(call, articles) -> None:
    if records_articles():
        call.articles.set(articles)
