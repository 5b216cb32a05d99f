"""Choices of news and notices."""

from django.db import models
from django.utils.translation import pgettext_lazy


class ArticleKind(models.TextChoices):
    NEWS = "news", pgettext_lazy("article kind", "News")
    NOTICE = "notice", pgettext_lazy("article kind", "Notice")
    POLICY = "policy", pgettext_lazy("article kind", "Policy")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("article", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("article", "Awaiting review")
    PUBLISHED = "published", pgettext_lazy("article", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("article", "Withdrawn")


# Statuses in which the text may still change; editing a withdrawn article makes it a draft again.
EDITABLE = {ArticleStatus.DRAFT, ArticleStatus.WITHDRAWN}
