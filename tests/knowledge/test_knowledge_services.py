"""Writes: editors only, every problem at once, stale versions refused, audited, history kept."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion
from shiliu.knowledge.models import Article, ArticleRevision, Synonym
from shiliu.knowledge.services import (
    article_create,
    article_publish,
    article_retire,
    article_update,
    synonym_create,
    synonym_delete,
)


def actions():
    return list(AuditEvent.objects.filter(action__startswith="knowledge.").order_by("id")
                .values_list("action", flat=True))


def test_create_update_publish_retire_are_audited_and_each_version_kept(kb, people):
    admin = people.admin
    article = article_create(by=admin, title="居住证办理", body="到派出所办理。", category=kb.social)
    assert (article.status, article.version, article.created_by, article.updated_by) == ("draft", 1, admin, admin)
    article = article_update(article=article, by=admin, version=1, body="到派出所或社区警务室办理。")
    article = article_publish(article=article, by=admin, version=2)
    assert article.published_at is not None
    article = article_retire(article=article, by=admin, version=3)
    assert (article.status, article.version) == ("retired", 4)
    assert actions() == ["knowledge.article.create", "knowledge.article.update", "knowledge.article.publish",
                         "knowledge.article.retire"]
    history = list(article.revisions.order_by("version").values_list("version", "change", "status", "body"))
    assert history == [(1, "create", "draft", "到派出所办理。"), (2, "update", "draft", "到派出所或社区警务室办理。"),
                       (3, "publish", "published", "到派出所或社区警务室办理。"),
                       (4, "retire", "retired", "到派出所或社区警务室办理。")]
    update = AuditEvent.objects.get(action="knowledge.article.update")
    assert update.detail == {"changed": ["body"], "version": 2}
    assert update.target_label == f"article #{article.pk}"


def test_a_stale_version_is_refused_and_nothing_changes(kb, people):
    article = kb.article("居住证办理", "到派出所办理。", publish=False)
    article_update(article=article, by=people.admin, version=1, title="居住证怎么办理")
    with pytest.raises(StaleVersion):
        article_update(article=article, by=people.admin, version=1, title="别人的标题")
    with pytest.raises(StaleVersion):
        article_publish(article=article, by=people.admin, version=1)
    with pytest.raises(StaleVersion):
        article_retire(article=article, by=people.admin, version=1)
    article.refresh_from_db()
    assert (article.title, article.version, article.status) == ("居住证怎么办理", 2, "draft")
    assert article.revisions.count() == 2


def test_only_the_district_office_writes(kb, people):
    article = kb.article("居住证办理", "到派出所办理。")
    for persona in ("operator", "officer", "worker", "liaison", "auditor", "nobody"):
        user = getattr(people, persona)
        with pytest.raises(PermissionDenied):
            article_create(by=user, title="标题", body="正文")
        with pytest.raises(PermissionDenied):
            article_update(article=article, by=user, version=article.version, title="改")
        with pytest.raises(PermissionDenied):
            article_retire(article=article, by=user, version=article.version)
        with pytest.raises(PermissionDenied):
            synonym_create(by=user, term="二代证", expands_to="居民身份证")
    assert Article.objects.count() == 1 and not Synonym.objects.filter(term="二代证").exists()


def test_every_problem_is_reported_at_once(kb, people):
    with pytest.raises(ValidationError) as exc:
        article_create(by=people.admin, title="  ", body="\n\n", body_en="English only", keywords="词" * 301)
    assert set(exc.value.message_dict) == {"title", "body", "title_en", "keywords"}
    assert not Article.objects.exists()


def test_text_is_kept_as_plain_text_without_control_characters(kb, people):
    article = article_create(by=people.admin, title="标\x00题\t一", body="第一段\r\n\r\n第二段\x00 \n",
                             title_en="<b>Title</b>")
    article.refresh_from_db()
    assert article.title == "标题 一"
    assert article.body == "第一段\n\n第二段"
    assert article.title_en == "<b>Title</b>"  # stored as typed; pages escape it


def test_an_edit_that_changes_nothing_writes_nothing(kb, people):
    article = kb.article("居住证办理", "到派出所办理。")
    same = article_update(article=article, by=people.admin, version=article.version, title=" 居住证办理 ")
    assert same.version == article.version
    assert not AuditEvent.objects.filter(action="knowledge.article.update").exists()


def test_publishing_twice_or_retiring_twice_is_refused(kb, people):
    article = kb.article("居住证办理", "到派出所办理。")
    with pytest.raises(ValidationError) as exc:
        article_publish(article=article, by=people.admin, version=article.version)
    assert "status" in exc.value.message_dict
    article = article_retire(article=article, by=people.admin, version=article.version)
    with pytest.raises(ValidationError):
        article_retire(article=article, by=people.admin, version=article.version)
    assert article_publish(article=article, by=people.admin, version=article.version).status == "published"


def test_revisions_are_append_only(kb, people):
    article = kb.article("居住证办理", "到派出所办理。")
    revision = ArticleRevision.objects.filter(article=article).first()
    revision.title = "改写历史"
    with pytest.raises(RuntimeError):
        revision.save()
    with pytest.raises(RuntimeError):
        revision.delete()


def test_synonyms_are_checked_and_audited(kb, people):
    with pytest.raises(ValidationError) as exc:
        synonym_create(by=people.admin, term="证", expands_to="居民 身份证")
    assert set(exc.value.message_dict) == {"term", "expands_to"}
    with pytest.raises(ValidationError) as exc:
        synonym_create(by=people.admin, term="社会保险", expands_to="社保")  # the seed has it the other way
    assert "term" in exc.value.message_dict
    with pytest.raises(ValidationError):
        synonym_create(by=people.admin, term="社保", expands_to="社保")
    synonym = synonym_create(by=people.admin, term="二代证", expands_to="居民身份证")
    synonym_delete(by=people.admin, synonym=synonym)
    assert actions() == ["knowledge.synonym.create", "knowledge.synonym.delete"]
    assert not Synonym.objects.filter(term="二代证").exists()
