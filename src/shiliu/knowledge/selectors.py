"""Reads of the knowledge base.

Articles are district-wide guidance and belong to no place, so there is no subtree to
scope by: whoever holds ``order.view`` anywhere (every role that handles orders) reads the
published articles, and ``knowledge.edit`` (the district office) also sees drafts and retired
ones. A user with neither gets nothing, and an article they may not see answers 404 like a
missing one (D2).
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.http import Http404

from shiliu.access.policy import Cap
from shiliu.access.scope import holds
from shiliu.knowledge import search
from shiliu.knowledge.choices import ArticleStatus
from shiliu.knowledge.models import Article, ArticleRevision, Synonym
from shiliu.workorders.models import Category


def may_read(user) -> bool:
    return holds(user, Cap.ORDER_VIEW) or holds(user, Cap.KNOWLEDGE_EDIT)


def may_edit(user) -> bool:
    return holds(user, Cap.KNOWLEDGE_EDIT)


def synonym_classes() -> dict[str, frozenset[str]]:
    """The synonym table as classes of terms that mean the same (one query)."""
    return search.synonym_classes(Synonym.objects.values_list("term", "expands_to"))


def articles_visible(user, *, status: str | None = None) -> QuerySet[Article]:
    """Published articles for readers; editors see drafts too, and retired ones when they ask.

    ``status`` narrows to one status; a reader asking for anything but published gets nothing.
    """
    qs = Article.objects.select_related("category")
    if may_edit(user):
        if status:
            return qs.filter(status=status)
        return qs.exclude(status=ArticleStatus.RETIRED)
    if not may_read(user) or status not in (None, "", ArticleStatus.PUBLISHED):
        return qs.none()
    return qs.filter(status=ArticleStatus.PUBLISHED)


def _has(column: str, alternative: frozenset[str]) -> Q:
    q = Q()
    for word in sorted(alternative):
        q &= Q(**{f"{column}__contains": f" {word} "})
    return q


def _group(column: str, group: search.Group) -> Q:
    q = Q(pk__in=[])
    for alternative in group:
        q |= _has(column, alternative)
    return q


def _hits(column: str, groups: list[search.Group]):
    """How many of the query's words the column holds (0 when none)."""
    total: Any = Value(0, output_field=IntegerField())
    for group in groups:
        total += Case(When(_group(column, group), then=Value(1)), default=Value(0), output_field=IntegerField())
    return total


def _category_id(category) -> int | None:
    """A Category or its id as an id; None for none; -1 (matches nothing) for nonsense."""
    if category is None or category == "":
        return None
    if isinstance(category, Category):
        return category.pk
    try:
        value = int(category)
    except (TypeError, ValueError):
        return -1
    return value if 0 < value < 2**63 else -1  # SQLite raises OverflowError past a 64-bit integer


def article_search(user, query: str = "", *, category=None, status: str | None = None) -> QuerySet[Article]:
    """Articles this user may read that contain every word of ``query`` (synonyms count),
    those with more of the words in their title first, then in their text, then the newest.

    An empty query lists every visible article, newest first; a query with no word in it
    (only punctuation) matches nothing. ``category`` is a Category or its id. Two queries
    when evaluated: the synonym table, then the articles (with their categories).
    """
    qs = articles_visible(user, status=status)
    category_id = _category_id(category)
    if category_id is not None:
        qs = qs.filter(category_id=category_id)
    if not (query or "").strip():
        return qs.order_by("-updated_at", "-id")
    groups = search.query_groups(query, synonym_classes())
    if not groups:
        return qs.none()
    for group in groups:
        qs = qs.filter(_group("search_text", group))
    return qs.annotate(title_hits=_hits("search_title", groups), body_hits=_hits("search_body", groups)).order_by(
        "-title_hits", "-body_hits", "-updated_at", "-id")


def knowledge_search(user, query: str, category=None, limit: int = 10, *,
                     status: str | None = None) -> list[Article]:
    """The best ``limit`` articles for ``query``, for the hotline screen and the API.

    Readers (``order.view``) get published articles only; editors also drafts unless
    ``status`` says otherwise. ``category``: a Category, its id, or None for all.
    """
    limit = max(1, min(int(limit), 50))
    return list(article_search(user, query, category=category, status=status)[:limit])


def article_get(user, pk) -> Article:
    """One article this user may read; 404 otherwise (drafts and retired ones for editors only)."""
    qs = Article.objects.select_related("category", "created_by", "updated_by")
    if not may_edit(user):
        if not may_read(user):
            raise Http404()
        qs = qs.filter(status=ArticleStatus.PUBLISHED)
    try:
        return qs.get(pk=pk)
    except (Article.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def article_get_for_edit(user, pk) -> Article:
    """An article to change: editors only; 404 for a missing one, 403 for a reader."""
    article = article_get(user, pk)
    if not may_edit(user):
        raise PermissionDenied()
    return article


def revisions(user, article: Article) -> QuerySet[ArticleRevision]:
    if not may_edit(user):
        return ArticleRevision.objects.none()
    return article.revisions.select_related("by", "category").order_by("-version")


def categories() -> QuerySet[Category]:
    return Category.objects.filter(active=True).order_by("code")


def synonym_list(user) -> QuerySet[Synonym]:
    """The synonym table is no secret: everyone who reads articles may see it."""
    if not may_read(user):
        return Synonym.objects.none()
    return Synonym.objects.all()
