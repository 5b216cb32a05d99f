"""The news workflow: drafts, review by someone else, scheduling, withdrawal, sanitising."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from news_helpers import draft, published, submitted

from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion
from shiliu.news import selectors, services
from shiliu.news.models import Article
from shiliu.news.richtext import clean_html


def test_html_in_the_title_is_refused_next_to_the_field(people, tree):
    with pytest.raises(ValidationError) as exc:
        draft(people, tree, title="招聘会<script>alert(1)</script>")
    assert set(exc.value.message_dict) == {"title"}
    assert not Article.objects.exists()


def test_script_and_event_handlers_in_the_body_are_stripped(people, tree):
    article = draft(people, tree, body='<p onclick="x()">好</p><script>alert(1)</script>'
                                       '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">链接</a>'
                                       '<img src="https://tracker.example/p.gif"><iframe src="/"></iframe>')
    assert "script" not in article.body and "alert" not in article.body
    assert "onerror" not in article.body and "onclick" not in article.body and "iframe" not in article.body
    assert "tracker.example" not in article.body and "javascript:" not in article.body
    assert "<p>好</p>" in article.body


def test_own_images_and_links_survive_cleaning():
    html = '<p><a href="https://www.beilun.gov.cn/">区政府</a><img src="/news/images/abcdefgh12345678/" alt="图"></p>'
    cleaned = clean_html(html)
    assert 'href="https://www.beilun.gov.cn/"' in cleaned and 'rel="noopener noreferrer"' in cleaned
    assert 'src="/news/images/abcdefgh12345678/"' in cleaned


def test_the_author_cannot_approve_their_own_article(people, tree):
    article = submitted(people, tree, by=people.officer, place=tree.daqi)
    with pytest.raises(ValidationError) as exc:
        services.article_approve(article=article, by=people.officer, version=article.version)
    assert "__all__" in exc.value.message_dict
    article.refresh_from_db()
    assert article.status == "submitted"


def test_a_writer_without_review_cannot_approve(people, tree):
    article = submitted(people, tree, by=people.officer, place=tree.xieshu)
    with pytest.raises(PermissionDenied):
        services.article_approve(article=article, by=people.worker, version=article.version)


def test_a_reviewer_of_another_subdistrict_cannot_touch_it(people, tree):
    article = submitted(people, tree)
    with pytest.raises(PermissionDenied):
        services.article_approve(article=article, by=people.other_worker, version=article.version)


def test_approval_publishes_and_is_audited(people, tree):
    article = published(people, tree)
    assert article.status == "published" and article.is_live and article.reviewed_by == people.officer
    assert [a.pk for a in selectors.published()] == [article.pk]
    actions = list(AuditEvent.objects.filter(target_type="news.article").order_by("id")
                   .values_list("action", flat=True))
    assert actions == ["news.create", "news.submit", "news.approve"]


def test_a_scheduled_article_is_not_shown_before_its_time(people, tree):
    article = published(people, tree, days=2)
    assert article.is_scheduled and not article.is_live
    assert selectors.published() == []
    assert not selectors.public_list().exists()
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    assert [a.pk for a in selectors.published()] == [article.pk]


def test_send_back_needs_a_reason_and_makes_a_draft(people, tree):
    article = submitted(people, tree)
    with pytest.raises(ValidationError) as exc:
        services.article_return(article=article, by=people.officer, version=article.version, reason=" ")
    assert set(exc.value.message_dict) == {"reason"}
    article = services.article_return(article=article, by=people.officer, version=article.version,
                                      reason="请补充报名方式")
    assert article.status == "draft" and article.return_reason == "请补充报名方式"
    article = services.article_submit(article=article, by=people.worker, version=article.version)
    assert article.status == "submitted" and article.return_reason == ""


def test_withdraw_and_edit_again(people, tree):
    article = published(people, tree)
    with pytest.raises(ValidationError):
        services.article_update(article=article, by=people.worker, version=article.version, title="新标题")
    article = services.article_withdraw(article=article, by=people.officer, version=article.version)
    assert article.status == "withdrawn" and selectors.published() == []
    article = services.article_update(article=article, by=people.worker, version=article.version, title="新标题")
    assert article.status == "draft" and article.title == "新标题"


def test_a_stale_version_is_refused_and_nothing_changes(people, tree):
    article = draft(people, tree)
    services.article_update(article=article, by=people.worker, version=article.version, title="第一次")
    with pytest.raises(StaleVersion):
        services.article_update(article=article, by=people.officer, version=article.version, title="第二次")
    article.refresh_from_db()
    assert article.title == "第一次" and article.version == 2


def test_writing_for_a_place_out_of_scope_is_refused(people, tree):
    with pytest.raises(PermissionDenied):
        draft(people, tree, place=tree.dagang)
    article = draft(people, tree)
    with pytest.raises(ValidationError) as exc:
        services.article_update(article=article, by=people.worker, version=article.version, place=tree.dagang)
    assert set(exc.value.message_dict) == {"place"}
