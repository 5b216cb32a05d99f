"""/api/v1/knowledge: the same selectors and services as the pages.

Reading needs ``order.view`` (published articles; editors also see drafts); writing needs
``knowledge.edit``. An article a caller may not see answers 404 like a missing one.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.api.pagination import Page
from shiliu.api.schemas import StrictSchema
from shiliu.core import ratelimit
from shiliu.knowledge import selectors, services
from shiliu.knowledge.choices import ArticleStatus
from shiliu.knowledge.forms import SEARCH_LIMIT
from shiliu.knowledge.models import BODY_MAX, KEYWORDS_MAX, TERM_MAX, TITLE_MAX
from shiliu.workorders.models import Category

router = Router(tags=["knowledge"])


class CategoryRef(Schema):
    id: int
    code: str
    name: str
    name_en: str


class ArticleRow(Schema):
    id: int
    title: str
    title_en: str
    category: CategoryRef | None
    status: ArticleStatus
    excerpt: str = Field(description="The first characters of the text")
    updated_at: datetime
    version: int

    @staticmethod
    def resolve_excerpt(obj) -> str:
        text = " ".join(obj.body.split())
        return text[:120] + ("…" if len(text) > 120 else "")


class ArticleOut(Schema):
    id: int
    title: str
    body: str
    title_en: str
    body_en: str
    keywords: str
    category: CategoryRef | None
    status: ArticleStatus
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


class SearchFilters(Schema):
    q: str = Field("", max_length=1000, description="Words of the question; only the first 100 characters "
                   "are read. Every word must appear (abbreviations such as 社保 also find 社会保险). "
                   "Empty: every article, newest first.")
    category: int | None = Field(None, description="Only articles of this category (id)")
    status: ArticleStatus | None = Field(None, description="Editors only: this status (default draft and "
                                         "published). Readers always get published articles.")


class ArticleIn(StrictSchema):
    title: str = Field(max_length=TITLE_MAX * 2)
    body: str = Field(max_length=BODY_MAX * 2)
    category: int | None = Field(None, description="Category id; none for general guidance")
    title_en: str = Field("", max_length=TITLE_MAX * 2)
    body_en: str = Field("", max_length=BODY_MAX * 2)
    keywords: str = Field("", max_length=KEYWORDS_MAX * 2)


class ArticlePatch(StrictSchema):
    version: int = Field(description="The version you read; a stale one answers 409")
    title: str | None = Field(None, max_length=TITLE_MAX * 2)
    body: str | None = Field(None, max_length=BODY_MAX * 2)
    category: int | None = Field(None, description="Category id; send null for general guidance")
    title_en: str | None = Field(None, max_length=TITLE_MAX * 2)
    body_en: str | None = Field(None, max_length=BODY_MAX * 2)
    keywords: str | None = Field(None, max_length=KEYWORDS_MAX * 2)


class VersionIn(StrictSchema):
    version: int = Field(description="The version you read; a stale one answers 409")


class SynonymIn(StrictSchema):
    term: str = Field(max_length=TERM_MAX * 2, description="What residents say, e.g. 社保")
    expands_to: str = Field(max_length=TERM_MAX * 2, description="What it means, e.g. 社会保险")


class SynonymOut(Schema):
    id: int
    term: str
    expands_to: str


def _category(category_id: int | None) -> Category | None:
    """The category named, or None; an unknown id is a field error, not a 404."""
    if category_id is None:
        return None
    found = Category.objects.filter(pk=category_id).first()
    if found is None:
        raise ValidationError({"category": [_("Choose one of the listed categories.")]})
    return found


@router.get("", response=list[ArticleRow],
            summary="Search the knowledge base (Chinese words, synonyms, AND), best match first",
            description="At most 120 searches a minute per user, pages and API together; beyond that 429 "
            "with Retry-After.")
@access_rule(Cap.ORDER_VIEW)
@paginate(Page)
def article_search_op(request, filters: Query[SearchFilters]):
    if filters.q.strip():
        ratelimit.hit(SEARCH_LIMIT, str(request.auth.pk))
    return selectors.article_search(request.auth, filters.q, category=filters.category,
                                    status=filters.status)


@router.post("", response={201: ArticleOut}, summary="Write a new article (a draft)")
@access_rule(Cap.KNOWLEDGE_EDIT)
def article_create_op(request, payload: ArticleIn):
    data = payload.dict()
    data["category"] = _category(data["category"])
    return Status(201, services.article_create(by=request.auth, **data))


@router.get("/synonyms", response=list[SynonymOut], summary="The synonym table")
@access_rule(Cap.ORDER_VIEW)
@paginate(Page)
def synonym_list_op(request):
    return selectors.synonym_list(request.auth)


@router.post("/synonyms", response={201: SynonymOut},
             summary="Link a term residents use to what it means; every article is re-indexed")
@access_rule(Cap.KNOWLEDGE_EDIT)
def synonym_create_op(request, payload: SynonymIn):
    return Status(201, services.synonym_create(by=request.auth, term=payload.term, expands_to=payload.expands_to))


@router.delete("/synonyms/{int:synonym_id}", response={204: None},
               summary="Unlink two terms; every article is re-indexed")
@access_rule(Cap.KNOWLEDGE_EDIT)
def synonym_delete_op(request, synonym_id: int):
    synonym = selectors.synonym_list(request.auth).filter(pk=synonym_id).first()
    if synonym is None:
        raise Http404()
    services.synonym_delete(by=request.auth, synonym=synonym)
    return Status(204, None)


@router.get("/{int:article_id}", response=ArticleOut, summary="One article")
@access_rule(Cap.ORDER_VIEW)
def article_detail_op(request, article_id: int):
    return selectors.article_get(request.auth, article_id)


@router.patch("/{int:article_id}", response=ArticleOut, summary="Change an article (send the version you read)")
@access_rule(Cap.KNOWLEDGE_EDIT)
def article_update_op(request, article_id: int, payload: ArticlePatch):
    article = selectors.article_get_for_edit(request.auth, article_id)
    fields = payload.dict(exclude_unset=True, exclude={"version"})
    for name in ("title", "body", "title_en", "body_en", "keywords"):
        if name in fields and fields[name] is None:
            fields[name] = ""
    if "category" in fields:
        fields["category"] = _category(fields["category"])
    return services.article_update(article=article, by=request.auth, version=payload.version, **fields)


@router.post("/{int:article_id}/publish", response=ArticleOut,
             summary="Publish a draft or retired article (send the version you read)")
@access_rule(Cap.KNOWLEDGE_EDIT)
def article_publish_op(request, article_id: int, payload: VersionIn):
    article = selectors.article_get_for_edit(request.auth, article_id)
    return services.article_publish(article=article, by=request.auth, version=payload.version)


@router.post("/{int:article_id}/retire", response=ArticleOut,
             summary="Retire an article: operators no longer see it (send the version you read)")
@access_rule(Cap.KNOWLEDGE_EDIT)
def article_retire_op(request, article_id: int, payload: VersionIn):
    article = selectors.article_get_for_edit(request.auth, article_id)
    return services.article_retire(article=article, by=request.auth, version=payload.version)
