"""Every write to the knowledge base: keyword-only, atomic, audited, for editors only.

Only ``knowledge.edit`` (the district office) writes. An edit takes the ``version`` the
editor read and is refused with StaleVersion when someone saved in between (H2). Every
change of an article appends one ArticleRevision holding the article as it then stood.
The search columns are rewritten with every edit, and for every article when the synonym
table changes.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import holds
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.knowledge import search
from shiliu.knowledge.choices import PUBLISH_FROM, RETIRE_FROM, ArticleStatus
from shiliu.knowledge.models import BODY_MAX, KEYWORDS_MAX, TERM_MAX, TITLE_MAX, Article, ArticleRevision, Synonym
from shiliu.knowledge.selectors import synonym_classes
from shiliu.workorders.models import Category

CONTENT_FIELDS = ("category", "title", "body", "title_en", "body_en", "keywords")


def _require_editor(by) -> None:
    if not holds(by, Cap.KNOWLEDGE_EDIT):
        raise PermissionDenied()


def _clean_text(value, *, multiline: bool = False) -> str:
    """Text as stored: no NUL or other control characters (PostgreSQL refuses NUL), Unix line ends."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        text = " ".join(text.split())
    text = "".join(ch for ch in text if ch in "\n\t" or ch >= " " and ch != "\x7f")
    if multiline:
        return "\n".join(line.rstrip() for line in text.strip().split("\n"))
    return text.strip()


def _validated(values: dict) -> dict:
    """Clean every content field and report every problem at once."""
    cleaned: dict[str, Any] = {
        "category": values.get("category"),
        "title": _clean_text(values.get("title")),
        "body": _clean_text(values.get("body"), multiline=True),
        "title_en": _clean_text(values.get("title_en")),
        "body_en": _clean_text(values.get("body_en"), multiline=True),
        "keywords": _clean_text(values.get("keywords")),
    }
    errors: dict[str, list[str]] = {}
    if not cleaned["title"]:
        errors["title"] = [_("Give the article a title.")]
    elif len(cleaned["title"]) > TITLE_MAX:
        errors["title"] = [_("At most %(n)s characters.") % {"n": TITLE_MAX}]
    if not cleaned["body"]:
        errors["body"] = [_("Write the text operators will read to the caller.")]
    elif len(cleaned["body"]) > BODY_MAX:
        errors["body"] = [_("At most %(n)s characters.") % {"n": BODY_MAX}]
    if len(cleaned["title_en"]) > TITLE_MAX:
        errors["title_en"] = [_("At most %(n)s characters.") % {"n": TITLE_MAX}]
    elif cleaned["body_en"] and not cleaned["title_en"]:
        errors["title_en"] = [_("Give the English title too, or leave the English text empty.")]
    if len(cleaned["body_en"]) > BODY_MAX:
        errors["body_en"] = [_("At most %(n)s characters.") % {"n": BODY_MAX}]
    if len(cleaned["keywords"]) > KEYWORDS_MAX:
        errors["keywords"] = [_("At most %(n)s characters.") % {"n": KEYWORDS_MAX}]
    if cleaned["category"] is not None and not isinstance(cleaned["category"], Category):
        errors["category"] = [_("Choose one of the listed categories.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def search_columns(values: dict, classes: dict[str, frozenset[str]]) -> dict[str, str]:
    """The three search columns of an article with these content values."""
    title = search.index_words(f"{values['title']}\n{values['title_en']}", classes)
    body = search.index_words(f"{values['body']}\n{values['body_en']}", classes)
    keywords = search.index_words(values["keywords"], classes)
    return {"search_title": search.column(title), "search_body": search.column(body),
            "search_text": search.column(title | body | keywords)}


def _revision(article: Article, *, change: str, by) -> ArticleRevision:
    return ArticleRevision.objects.create(
        article=article, version=article.version, category=article.category, title=article.title,
        body=article.body, title_en=article.title_en, body_en=article.body_en, keywords=article.keywords,
        status=article.status, change=change, by=by, at=article.updated_at,
    )


@transaction.atomic
def article_create(*, by, title: str, body: str, category: Category | None = None, title_en: str = "",
                   body_en: str = "", keywords: str = "") -> Article:
    """A new draft article. Emits ``knowledge.article.create`` and revision 1."""
    _require_editor(by)
    values = _validated({"category": category, "title": title, "body": body, "title_en": title_en,
                         "body_en": body_en, "keywords": keywords})
    now = timezone.now()
    article = Article.objects.create(**values, **search_columns(values, synonym_classes()),
                                     status=ArticleStatus.DRAFT, created_by=by, updated_by=by, updated_at=now)
    _revision(article, change="create", by=by)
    audit_write(by=by, action="knowledge.article.create", target=article, detail={"version": 1})
    return article


def _bump(article_pk: int, version: int, by, **values) -> Article:
    """Write ``values`` and the next version only if nobody saved since ``version`` (H2)."""
    now = timezone.now()
    updated = Article.objects.filter(pk=article_pk, version=version).update(
        **values, version=F("version") + 1, updated_by=by, updated_at=now)
    if not updated:
        raise StaleVersion()
    return Article.objects.select_related("category").get(pk=article_pk)


@transaction.atomic
def article_update(*, article: Article, by, version: int, **fields) -> Article:
    """Change some of the content fields (category, title, body, title_en, body_en, keywords).

    Fields left out keep their value. Refuses a stale ``version``. Nothing changed: nothing
    written. Emits ``knowledge.article.update`` and a revision.
    """
    _require_editor(by)
    unknown = set(fields) - set(CONTENT_FIELDS)
    if unknown:
        raise ValueError(f"article_update does not change {sorted(unknown)}")
    current = Article.objects.select_related("category").get(pk=article.pk)
    if current.version != version:
        raise StaleVersion()
    merged = {name: fields.get(name, getattr(current, name)) for name in CONTENT_FIELDS}
    values = _validated(merged)
    changed = sorted(name for name in CONTENT_FIELDS if values[name] != getattr(current, name))
    if not changed:
        return current
    updated = _bump(current.pk, version, by, **values, **search_columns(values, synonym_classes()))
    _revision(updated, change="update", by=by)
    audit_write(by=by, action="knowledge.article.update", target=updated,
                detail={"changed": changed, "version": updated.version})
    return updated


def _move(*, article: Article, by, version: int, to: str, allowed: frozenset, message: str) -> Article:
    _require_editor(by)
    current = Article.objects.get(pk=article.pk)
    if current.version != version:
        raise StaleVersion()
    if current.status not in allowed:
        raise ValidationError({"status": [message]})
    extra = {"published_at": timezone.now()} if to == ArticleStatus.PUBLISHED else {}
    updated = _bump(current.pk, version, by, status=to, **extra)
    _revision(updated, change="publish" if to == ArticleStatus.PUBLISHED else "retire", by=by)
    return updated


@transaction.atomic
def article_publish(*, article: Article, by, version: int) -> Article:
    """Make a draft (or a retired article) visible to every operator. Emits ``knowledge.article.publish``."""
    updated = _move(article=article, by=by, version=version, to=ArticleStatus.PUBLISHED, allowed=PUBLISH_FROM,
                    message=_("This article is already published."))
    audit_write(by=by, action="knowledge.article.publish", target=updated, detail={"version": updated.version})
    return updated


@transaction.atomic
def article_retire(*, article: Article, by, version: int) -> Article:
    """Take an article out of use; it is kept with its history. Emits ``knowledge.article.retire``."""
    updated = _move(article=article, by=by, version=version, to=ArticleStatus.RETIRED, allowed=RETIRE_FROM,
                    message=_("This article is already retired."))
    audit_write(by=by, action="knowledge.article.retire", target=updated, detail={"version": updated.version})
    return updated


# Sent after the articles were re-indexed with a changed synonym table (or a new jieba), so other
# apps that index words the same way (the service guide) re-index theirs in the same transaction.
synonyms_changed = Signal()


def reindex_all() -> int:
    """Rewrite every article's search columns with the current synonym table; returns how many changed.

    Runs inside the synonym services' transaction (a knowledge base is small); also the
    ``knowledge_reindex`` command, after a jieba upgrade. Then sends ``synonyms_changed``.
    """
    classes = synonym_classes()
    changed = 0
    fields = ("title", "body", "title_en", "body_en", "keywords", "search_text", "search_title", "search_body")
    for article in Article.objects.only(*fields).order_by("pk").iterator(chunk_size=200):
        values = {name: getattr(article, name) for name in ("title", "body", "title_en", "body_en", "keywords")}
        columns = search_columns(values, classes)
        if any(getattr(article, name) != value for name, value in columns.items()):
            Article.objects.filter(pk=article.pk).update(**columns)
            changed += 1
    synonyms_changed.send(sender=Synonym)
    return changed


def _clean_term(value) -> str:
    return search.normalize(_clean_text(value)).strip()


@transaction.atomic
def synonym_create(*, by, term: str, expands_to: str) -> Synonym:
    """Say that ``term`` means ``expands_to`` (both ways); every article is re-indexed.
    Emits ``knowledge.synonym.create``."""
    _require_editor(by)
    values = {"term": _clean_term(term), "expands_to": _clean_term(expands_to)}
    errors: dict[str, list[str]] = {}
    for name, value in values.items():
        if len(value) < 2:
            errors[name] = [_("At least 2 characters.")]
        elif len(value) > TERM_MAX:
            errors[name] = [_("At most %(n)s characters.") % {"n": TERM_MAX}]
        elif any(ch.isspace() for ch in value):
            errors[name] = [_("One term, without spaces.")]
    if not errors and values["term"] == values["expands_to"]:
        errors["expands_to"] = [_("A term cannot mean itself.")]
    if not errors and Synonym.objects.filter(
            term__in=[values["term"], values["expands_to"]],
            expands_to__in=[values["term"], values["expands_to"]]).exists():
        errors["term"] = [_("These two terms are already linked.")]
    if errors:
        raise ValidationError(errors)
    synonym = Synonym.objects.create(**values, created_by=by)
    reindexed = reindex_all()
    audit_write(by=by, action="knowledge.synonym.create", target=synonym,
                detail={**values, "reindexed": reindexed})
    return synonym


@transaction.atomic
def synonym_delete(*, by, synonym: Synonym) -> None:
    """Unlink two terms; every article is re-indexed. Emits ``knowledge.synonym.delete``."""
    _require_editor(by)
    detail = {"term": synonym.term, "expands_to": synonym.expands_to}
    audit_write(by=by, action="knowledge.synonym.delete", target=synonym, detail=detail)
    Synonym.objects.filter(pk=synonym.pk).delete()
    reindex_all()
