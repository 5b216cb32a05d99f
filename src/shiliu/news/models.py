"""News, notices and policy texts that staff write and a reviewer publishes.

An article stands at a place (the unit that writes it); staff see and edit the articles of their
place and below. Once published, an article is public: the public pages show every published
article of the district whose ``publish_at`` has come. A scheduled article is simply a published
one whose ``publish_at`` lies in the future — every public read filters on it, so nothing has to
run at that moment.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from shiliu.news.choices import ArticleKind, ArticleStatus

TITLE_MAX = 120
SUMMARY_MAX = 300
BODY_MAX = 20_000
REASON_MAX = 500


def new_token() -> str:
    return secrets.token_urlsafe(16)


class Article(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=ArticleKind.choices, default=ArticleKind.NEWS)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.CharField(_("summary"), max_length=SUMMARY_MAX, blank=True)
    body = models.TextField(_("text"), max_length=BODY_MAX, blank=True)  # sanitised HTML (news.richtext)
    status = models.CharField(_("status"), max_length=10, choices=ArticleStatus.choices,
                              default=ArticleStatus.DRAFT)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    return_reason = models.CharField(_("reason for sending back"), max_length=REASON_MAX, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["status", "publish_at"], name="news_published")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        """The public page (what the portal links to); staff pages use ``staff_url``."""
        return reverse("news:public_detail", args=[self.pk])

    @property
    def staff_url(self) -> str:
        return reverse("news:detail", args=[self.pk])

    @property
    def safe_body(self) -> str:
        """The text as HTML, cleaned again on the way out: whatever reached the column, no script leaves."""
        from shiliu.news.richtext import clean_html

        return mark_safe(clean_html(self.body))  # noqa: S308 - cleaned against the allowlist just above

    @property
    def is_live(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED and self.publish_at is not None and \
            self.publish_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED and self.publish_at is not None and \
            self.publish_at > timezone.now()


def image_path(instance: "ArticleImage", filename: str) -> str:
    # Never the uploader's file name: a random name under the article's folder, outside the web root.
    return f"news/{instance.article_id}/{instance.token}.{filename.rsplit('.', 1)[-1]}"


class ArticleImage(models.Model):
    """A picture for an article's text, re-encoded without EXIF; the text links it by its token."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="images")
    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    file = models.FileField(upload_to=image_path, max_length=200)
    content_type = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"image #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("news:image", args=[self.token])
