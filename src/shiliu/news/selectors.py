"""Every read of news articles: staff see their place and below; the public sees what is published."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from shiliu.access.policy import Cap
from shiliu.access.scope import get_scoped_or_404, scoped
from shiliu.news.choices import ArticleKind, ArticleStatus
from shiliu.news.models import Article, ArticleImage


def _live(now=None) -> Q:
    return Q(status=ArticleStatus.PUBLISHED, publish_at__lte=now or timezone.now())


def published(kind: str | None = None, limit: int | None = 5) -> list[Article]:
    """The newest published articles whose time has come, for any page (the portal's home too).

    No personal data: the writers and reviewers are not loaded.
    """
    queryset = public_list(kind=kind)
    return list(queryset[:limit] if limit else queryset)


def public_list(kind: str | None = None) -> QuerySet[Article]:
    queryset = Article.objects.filter(_live()).select_related("place").order_by("-publish_at", "-id")
    if kind in ArticleKind.values:
        queryset = queryset.filter(kind=kind)
    return queryset.defer("body")


def public_get(pk: int) -> Article:
    found = Article.objects.filter(_live(), pk=pk).select_related("place").first()
    if found is None:
        raise Http404()
    return found


def article_list(user, *, status: str = "", kind: str = "", q: str = "") -> QuerySet[Article]:
    """Articles of the user's places and below, newest change first."""
    queryset = scoped(Article.objects.select_related("place", "created_by"), user, Cap.NEWS_WRITE)
    if status in ArticleStatus.values:
        queryset = queryset.filter(status=status)
    if kind in ArticleKind.values:
        queryset = queryset.filter(kind=kind)
    if q:
        queryset = queryset.filter(title__icontains=q[:100])
    return queryset.defer("body")


def to_review(user) -> QuerySet[Article]:
    """Submitted articles the user may review (not their own)."""
    return scoped(Article.objects.filter(status=ArticleStatus.SUBMITTED).select_related("place", "created_by"),
                  user, Cap.NEWS_REVIEW).exclude(created_by=user).order_by("updated_at", "id").defer("body")


def article_get(user, pk: int) -> Article:
    """An article of the user's places; 404 otherwise."""
    return get_scoped_or_404(Article.objects.select_related("place", "created_by", "reviewed_by"), user,
                             Cap.NEWS_WRITE, pk=pk)


def image_for_viewer(user, token: str) -> ArticleImage:
    """A picture anyone may see once its article is live; before that only staff of its place. 404 otherwise."""
    image = ArticleImage.objects.filter(token=token).select_related("article__place").first()
    if image is None:
        raise Http404()
    if image.article.is_live:
        return image
    if user is not None and user.is_authenticated and \
            scoped(Article.objects.filter(pk=image.article_id), user, Cap.NEWS_WRITE).exists():
        return image
    raise Http404()
