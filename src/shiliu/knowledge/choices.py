"""The fixed vocabularies of the knowledge base."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


# Which status each step may start from.
PUBLISH_FROM = frozenset({ArticleStatus.DRAFT, ArticleStatus.RETIRED})
RETIRE_FROM = frozenset({ArticleStatus.DRAFT, ArticleStatus.PUBLISHED})
