"""Knowledge-base articles the hotline answers from, their edit history, and the synonym table.

Articles are district-wide guidance: they belong to no place, so reading is decided by the
capability alone (``order.view``) and editing by ``knowledge.edit`` (district office).

``search_text``, ``search_title`` and ``search_body`` hold the words of the article as jieba
cuts them (shiliu.knowledge.search), space-separated with a space at each end, with the
synonyms of every abbreviation found added. A search matches `` word `` inside them, which
works the same on SQLite and PostgreSQL. They are derived: services rewrite them on every
edit and when the synonym table changes.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shiliu.knowledge.choices import ArticleStatus

TITLE_MAX = 120
BODY_MAX = 20000
KEYWORDS_MAX = 300
TERM_MAX = 30


class Article(models.Model):
    category = models.ForeignKey("workorders.Category", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="articles", verbose_name=_("category"))
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("text"), max_length=BODY_MAX)
    title_en = models.CharField(_("English title"), max_length=TITLE_MAX, blank=True)
    body_en = models.TextField(_("English text"), max_length=BODY_MAX, blank=True)
    keywords = models.CharField(_("keywords"), max_length=KEYWORDS_MAX, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ArticleStatus.choices,
                              default=ArticleStatus.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    search_text = models.TextField(default="", editable=False)
    search_title = models.TextField(default="", editable=False)
    search_body = models.TextField(default="", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["status", "category"], name="kb_article_status_cat")]

    def __str__(self) -> str:
        return self.title

    def title_for(self, language: str | None) -> str:
        return self.title_en if language and language.startswith("en") and self.title_en else self.title

    def body_for(self, language: str | None) -> str:
        return self.body_en if language and language.startswith("en") and self.body_en else self.body


class ArticleRevision(models.Model):
    """The article as it stood after each change (one row per version). Never updated or deleted."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveIntegerField()
    category = models.ForeignKey("workorders.Category", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    title = models.CharField(max_length=TITLE_MAX)
    body = models.TextField(max_length=BODY_MAX)
    title_en = models.CharField(max_length=TITLE_MAX, blank=True)
    body_en = models.TextField(max_length=BODY_MAX, blank=True)
    keywords = models.CharField(max_length=KEYWORDS_MAX, blank=True)
    status = models.CharField(max_length=12, choices=ArticleStatus.choices)
    # What the change was: create, update, publish, retire.
    change = models.CharField(max_length=12)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["article", "-version"]
        constraints = [models.UniqueConstraint(fields=["article", "version"], name="kb_revision_once")]

    def __str__(self) -> str:
        return f"revision {self.version} of article #{self.article_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Article revisions are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Article revisions are append-only.")


class Synonym(models.Model):
    """``term`` (what residents say, e.g. 社保) means ``expands_to`` (e.g. 社会保险), both ways."""

    term = models.CharField(_("term"), max_length=TERM_MAX)
    expands_to = models.CharField(_("means"), max_length=TERM_MAX)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term", "expands_to"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        constraints = [models.UniqueConstraint(fields=["term", "expands_to"], name="kb_synonym_once")]

    def __str__(self) -> str:
        return f"{self.term} = {self.expands_to}"
