"""The news demo: published articles, and one notice awaiting the subdistrict officer's review."""

from django.contrib.auth import get_user_model

from shiliu.core.demo import load_demo
from shiliu.news.choices import ArticleStatus
from shiliu.news.models import Article


def test_demo_news_leaves_one_article_for_the_officer_to_review_and_loads_once(db, client):
    load_demo(residents=0)
    waiting = Article.objects.get(status=ArticleStatus.SUBMITTED)
    assert waiting.place.name == "谢墅社区"
    assert Article.objects.filter(status=ArticleStatus.PUBLISHED).count() >= 4
    count = Article.objects.count()
    load_demo(residents=0)
    assert Article.objects.count() == count
    client.force_login(get_user_model().objects.get(username="daqi_officer"))
    page = client.get(f"/news/{waiting.pk}/").content.decode()
    assert f'action="/news/{waiting.pk}/approve/"' in page
