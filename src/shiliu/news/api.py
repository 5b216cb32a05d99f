"""/api/v1/news: news, notices and policy texts.

Staff (``news.write``) read and write the articles of their places and below (404 elsewhere);
reviewers (``news.review``) approve, send back and withdraw — never their own. ``/public`` reads
what is published, with no account and no personal data (writers and reviewers are left out).
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule, public
from shiliu.api.pagination import Page
from shiliu.api.schemas import VERSION_HELP, PlaceRef, StrictSchema, place_in_scope
from shiliu.news import selectors, services
from shiliu.news.choices import ArticleKind, ArticleStatus

router = Router(tags=["news"])


class PublicArticleRow(Schema):
    id: int
    kind: ArticleKind
    title: str
    summary: str
    publish_at: datetime
    place: PlaceRef


class PublicArticleOut(PublicArticleRow):
    body: str = Field(description="Sanitised HTML (allowlist, SECURITY.md F2)")

    @staticmethod
    def resolve_body(obj) -> str:
        return str(obj.safe_body)


class ArticleRow(Schema):
    id: int
    kind: ArticleKind
    title: str
    summary: str
    status: ArticleStatus
    publish_at: datetime | None
    place: PlaceRef
    created_by_id: int
    return_reason: str
    version: int


class ImageOut(Schema):
    token: str
    url: str = Field(description="Put it in the text as <img src=\"…\" alt=\"…\">")
    width: int
    height: int

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class ArticleOut(ArticleRow):
    body: str
    reviewed_by_id: int | None
    reviewed_at: datetime | None
    images: list[ImageOut]

    @staticmethod
    def resolve_images(obj) -> list:
        return list(obj.images.all())


class ArticleFilters(Schema):
    q: str = Field("", max_length=100)
    status: ArticleStatus | None = None
    kind: ArticleKind | None = None


class PublicFilters(Schema):
    kind: ArticleKind | None = None


class ArticleIn(StrictSchema):
    kind: str = Field(ArticleKind.NEWS, max_length=10, description="news | notice | policy")
    place: int
    title: str = Field(max_length=400, description="Plain text; HTML is refused")
    summary: str = Field("", max_length=1000)
    body: str = Field("", max_length=40_000, description="HTML; cleaned against an allowlist when saved")


class ArticlePatch(StrictSchema):
    version: int = Field(description=VERSION_HELP)
    kind: str | None = Field(None, max_length=10)
    place: int | None = None
    title: str | None = Field(None, max_length=400)
    summary: str | None = Field(None, max_length=1000)
    body: str | None = Field(None, max_length=40_000)


class VersionIn(StrictSchema):
    version: int = Field(description=VERSION_HELP)


class ApproveIn(VersionIn):
    publish_at: datetime | None = Field(None, description="Publish from then (scheduled); empty or past: now")


class ReturnIn(VersionIn):
    reason: str = Field(max_length=1000)


def _place(user, place_id):
    return place_in_scope(user, Cap.NEWS_WRITE, place_id)


# --- public -------------------------------------------------------------------------------------

@router.get("/public", response=list[PublicArticleRow], auth=None, summary="Published articles (no account)")
@public
@paginate(Page)
def public_list_op(request, filters: Query[PublicFilters]):
    return selectors.public_list(kind=filters.kind)


@router.get("/public/{int:article_id}", response=PublicArticleOut, auth=None,
            summary="One published article (no account)")
@public
def public_detail_op(request, article_id: int):
    return selectors.public_get(article_id)


# --- staff --------------------------------------------------------------------------------------

@router.get("", response=list[ArticleRow], summary="Articles of your places")
@access_rule(Cap.NEWS_WRITE)
@paginate(Page)
def article_list_op(request, filters: Query[ArticleFilters]):
    return selectors.article_list(request.auth, q=filters.q, status=filters.status or "", kind=filters.kind or "")


@router.post("", response={201: ArticleOut}, summary="Start a draft")
@access_rule(Cap.NEWS_WRITE)
def article_create_op(request, payload: ArticleIn):
    data = payload.dict()
    data["place"] = _place(request.auth, data["place"])
    return Status(201, services.article_create(by=request.auth, **data))


@router.get("/{int:article_id}", response=ArticleOut, summary="One article of your places")
@access_rule(Cap.NEWS_WRITE)
def article_detail_op(request, article_id: int):
    return selectors.article_get(request.auth, article_id)


@router.patch("/{int:article_id}", response=ArticleOut, summary="Change a draft; send the version you read")
@access_rule(Cap.NEWS_WRITE)
def article_update_op(request, article_id: int, payload: ArticlePatch):
    article = selectors.article_get(request.auth, article_id)
    fields = {k: v for k, v in payload.dict(exclude_unset=True).items() if v is not None}
    version = fields.pop("version")
    if "place" in fields:
        fields["place"] = _place(request.auth, fields["place"])
    return services.article_update(article=article, by=request.auth, version=version, **fields)


@router.post("/{int:article_id}/submit", response=ArticleOut, summary="Submit a draft for review")
@access_rule(Cap.NEWS_WRITE)
def article_submit_op(request, article_id: int, payload: VersionIn):
    article = selectors.article_get(request.auth, article_id)
    return services.article_submit(article=article, by=request.auth, version=payload.version)


@router.post("/{int:article_id}/approve", response=ArticleOut,
             summary="Publish an article awaiting review, now or from publish_at (not your own)")
@access_rule(Cap.NEWS_REVIEW)
def article_approve_op(request, article_id: int, payload: ApproveIn):
    article = selectors.article_get(request.auth, article_id)
    return services.article_approve(article=article, by=request.auth, version=payload.version,
                                    publish_at=payload.publish_at)


@router.post("/{int:article_id}/return", response=ArticleOut, summary="Send an article back with a reason")
@access_rule(Cap.NEWS_REVIEW)
def article_return_op(request, article_id: int, payload: ReturnIn):
    article = selectors.article_get(request.auth, article_id)
    return services.article_return(article=article, by=request.auth, version=payload.version, reason=payload.reason)


@router.post("/{int:article_id}/withdraw", response=ArticleOut, summary="Take a published article off the public pages")
@access_rule(Cap.NEWS_REVIEW)
def article_withdraw_op(request, article_id: int, payload: VersionIn):
    article = selectors.article_get(request.auth, article_id)
    return services.article_withdraw(article=article, by=request.auth, version=payload.version)


@router.post("/{int:article_id}/images", response={201: ImageOut},
             summary="Upload a picture for the text (JPEG, PNG or WebP; re-encoded without EXIF)")
@access_rule(Cap.NEWS_WRITE)
def image_add_op(request, article_id: int, image: File[UploadedFile]):
    article = selectors.article_get(request.auth, article_id)
    if image is None:
        raise ValidationError({"image": [_("Choose a picture.")]})
    return Status(201, services.image_add(article=article, by=request.auth, upload=image))
