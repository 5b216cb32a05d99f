"""Every write to news articles goes through these functions: atomic, audited, version-checked.

The workflow: a writer (``news.write`` at the article's place) keeps a draft and submits it; a
reviewer (``news.review`` there) who is not its author publishes it — now or from a later
``publish_at`` — or sends it back with a reason (it becomes a draft again). A reviewer may
withdraw a published article; editing a withdrawn one makes it a draft again.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import can
from shiliu.audit.services import audit_write
from shiliu.core.concurrency import StaleVersion
from shiliu.core.images import clean_image
from shiliu.core.validation import FieldErrors, clean_text
from shiliu.news.choices import EDITABLE, ArticleKind, ArticleStatus
from shiliu.news.models import BODY_MAX, REASON_MAX, SUMMARY_MAX, TITLE_MAX, Article, ArticleImage
from shiliu.news.richtext import clean_html, has_markup
from shiliu.places.models import Place

IMAGES_MAX = 20
IMAGE_MAX_SIDE = 1600  # pixels on the long side: sharp on a phone, light to load
FIELDS = {"kind", "place", "title", "summary", "body"}


def _clean(data: dict, *, by) -> dict:
    errors, out = FieldErrors(), dict[str, object]()
    if "title" in data:
        title = clean_text(errors, "title", data["title"], max_length=TITLE_MAX,
                           required=_("Give the article a title."))
        if title and has_markup(title):
            errors.add("title", _("A title is plain text: remove the HTML tags (< and >)."))
        out["title"] = title
    if "summary" in data:
        summary = clean_text(errors, "summary", data["summary"], max_length=SUMMARY_MAX)
        if summary and has_markup(summary):
            errors.add("summary", _("A summary is plain text: remove the HTML tags (< and >)."))
        out["summary"] = summary
    if "body" in data:
        raw = data["body"] or ""
        if len(raw) > BODY_MAX:
            errors.add("body", _("At most %(n)d characters.") % {"n": BODY_MAX})
        out["body"] = clean_html(raw)
    if "kind" in data:
        if data["kind"] not in ArticleKind.values:
            errors.add("kind", _("Choose one of the listed kinds."))
        out["kind"] = data["kind"]
    if "place" in data:
        place = data["place"]
        if not isinstance(place, Place):
            errors.add("place", _("Choose the place the article is written for."))
        elif not can(by, Cap.NEWS_WRITE, place):
            errors.add("place", _("You cannot write for this place."))
        out["place"] = place
    errors.raise_any()
    return out


def _locked(article: Article) -> Article:
    return Article.objects.select_for_update().select_related("place").get(pk=article.pk)


def _fresh(article: Article, version: int | None) -> Article:
    current = _locked(article)
    if version is not None and current.version != version:
        raise StaleVersion()
    return current


def _save(current: Article, version: int, **changes) -> Article:
    updated = Article.objects.filter(pk=current.pk, version=version).update(
        **changes, version=F("version") + 1, updated_at=timezone.now())
    if not updated:
        raise StaleVersion()
    current.refresh_from_db()
    return current


@transaction.atomic
def article_create(*, by, kind: str, place: Place, title: str, summary: str = "", body: str = "") -> Article:
    """Start a draft at ``place``. Emits ``news.create``."""
    if isinstance(place, Place) and not can(by, Cap.NEWS_WRITE, place):
        raise PermissionDenied()
    data = _clean(dict(kind=kind, place=place, title=title, summary=summary, body=body), by=by)
    article = Article.objects.create(created_by=by, **data)
    audit_write(by=by, action="news.create", target=article, detail={"place": article.place_id})
    return article


@transaction.atomic
def article_update(*, article: Article, by, version: int, **fields) -> Article:
    """Change a draft (or a withdrawn article, which becomes a draft). StaleVersion when stale (H2)."""
    unknown = set(fields) - FIELDS
    if unknown:
        raise ValueError(f"article_update does not change {sorted(unknown)}")
    current = _fresh(article, version)
    if not can(by, Cap.NEWS_WRITE, current.place):
        raise PermissionDenied()
    if current.status not in EDITABLE:
        raise ValidationError({"__all__": [_("Only a draft can be changed. Ask a reviewer to send it back or "
                                             "withdraw it first.")]})
    data = _clean(fields, by=by)
    changed = sorted(name for name, value in data.items() if getattr(current, name) != value)
    if not changed and current.status == ArticleStatus.DRAFT:
        return current
    current = _save(current, version, status=ArticleStatus.DRAFT, **{name: data[name] for name in changed})
    audit_write(by=by, action="news.update", target=current, detail={"changed": changed})
    return current


@transaction.atomic
def article_submit(*, article: Article, by, version: int) -> Article:
    """Hand a draft to review. Emits ``news.submit``."""
    current = _fresh(article, version)
    if not can(by, Cap.NEWS_WRITE, current.place):
        raise PermissionDenied()
    if current.status != ArticleStatus.DRAFT:
        raise ValidationError({"__all__": [_("Only a draft can be submitted for review.")]})
    errors = FieldErrors()
    if not current.body.strip() and not current.summary.strip():
        errors.add("body", _("Write the text before submitting."))
    errors.raise_any()
    current = _save(current, version, status=ArticleStatus.SUBMITTED, return_reason="")
    audit_write(by=by, action="news.submit", target=current)
    return current


def _reviewer(by, current: Article) -> None:
    if not can(by, Cap.NEWS_REVIEW, current.place):
        raise PermissionDenied()
    if current.created_by_id == by.pk:
        raise ValidationError({"__all__": [_("You wrote this article: another reviewer has to approve it.")]})


@transaction.atomic
def article_approve(*, article: Article, by, version: int, publish_at: datetime | None = None) -> Article:
    """Publish a submitted article now, or from ``publish_at`` when that is later (scheduled).

    The reviewer is never the author (D6). Emits ``news.approve``.
    """
    current = _fresh(article, version)
    _reviewer(by, current)
    if current.status != ArticleStatus.SUBMITTED:
        raise ValidationError({"__all__": [_("Only an article awaiting review can be approved.")]})
    now = timezone.now()
    if publish_at is not None and not isinstance(publish_at, datetime):
        raise ValidationError({"publish_at": [_("Enter a date and time, like 2026-05-17 14:30.")]})
    when = publish_at if publish_at is not None and publish_at > now else now
    current = _save(current, version, status=ArticleStatus.PUBLISHED, publish_at=when, reviewed_by=by,
                    reviewed_at=now, return_reason="")
    audit_write(by=by, action="news.approve", target=current,
                detail={"publish_at": when.isoformat(), "scheduled": when > now})
    return current


@transaction.atomic
def article_return(*, article: Article, by, version: int, reason: str) -> Article:
    """Send a submitted article back to its writers with a reason; it becomes a draft. Emits ``news.return``."""
    current = _fresh(article, version)
    if not can(by, Cap.NEWS_REVIEW, current.place):
        raise PermissionDenied()
    errors = FieldErrors()
    reason = clean_text(errors, "reason", reason, max_length=REASON_MAX,
                        required=_("Say what has to change before it can be published."))
    if current.status != ArticleStatus.SUBMITTED:
        errors.add("__all__", _("Only an article awaiting review can be sent back."))
    errors.raise_any()
    current = _save(current, version, status=ArticleStatus.DRAFT, return_reason=reason, reviewed_by=by,
                    reviewed_at=timezone.now())
    audit_write(by=by, action="news.return", target=current)
    return current


@transaction.atomic
def article_withdraw(*, article: Article, by, version: int) -> Article:
    """Take a published (or scheduled) article off the public pages. Emits ``news.withdraw``."""
    current = _fresh(article, version)
    if not can(by, Cap.NEWS_REVIEW, current.place):
        raise PermissionDenied()
    if current.status != ArticleStatus.PUBLISHED:
        raise ValidationError({"__all__": [_("Only a published article can be withdrawn.")]})
    current = _save(current, version, status=ArticleStatus.WITHDRAWN)
    audit_write(by=by, action="news.withdraw", target=current)
    return current


@transaction.atomic
def image_add(*, article: Article, by, upload) -> ArticleImage:
    """Keep a picture for the article's text, re-encoded without EXIF (B6). Emits ``news.image.add``."""
    current = _locked(article)
    if not can(by, Cap.NEWS_WRITE, current.place):
        raise PermissionDenied()
    errors = FieldErrors()
    if current.images.count() >= IMAGES_MAX:
        errors.add("image", _("An article keeps at most %(n)d pictures.") % {"n": IMAGES_MAX})
    elif upload is None:
        errors.add("image", _("Choose a picture."))
    else:
        try:
            image = clean_image(upload, max_bytes=settings.SHILIU_UPLOAD_MAX_BYTES, max_side=IMAGE_MAX_SIDE)
        except ValidationError as e:
            errors.add("image", e.messages[0])
    errors.raise_any()
    row = ArticleImage(article=current, content_type=image.content_type, width=image.width, height=image.height,
                       size=len(image.content), uploaded_by=by)
    row.file.save(f"image.{image.extension}", ContentFile(image.content), save=False)
    row.save()
    audit_write(by=by, action="news.image.add", target=row, detail={"article": current.pk})
    return row
