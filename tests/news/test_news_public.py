"""The public pages: no account, no personal data, cacheable, scheduled items hidden until their time."""

from django.urls import reverse
from news_helpers import draft, published

from shiliu.news.selectors import published as published_selector


def test_public_list_shows_published_only_with_kind_filter(people, tree, client):
    live = published(people, tree, title="招聘会通知")
    draft(people, tree, title="还没写完")
    scheduled = published(people, tree, title="节日开放时间", days=3)
    response = client.get(reverse("news:public_list"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "招聘会通知" in text and "还没写完" not in text and "节日开放时间" not in text
    assert people.worker.username not in text and people.officer.username not in text
    # a first visit hands out a CSRF cookie (the language switch): only the browser may keep it
    assert "private" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    again = client.get(reverse("news:public_list"))  # the cookie is now sent back
    assert "public" in again["Cache-Control"] and "max-age=300" in again["Cache-Control"]
    assert "Cookie" in again["Vary"] and "Accept-Language" in again["Vary"]
    assert "<script" not in text.split("<main", 1)[-1]
    assert client.get(reverse("news:public_list"), {"kind": "policy"}).content.decode().count("招聘会通知") == 0
    assert client.get(reverse("news:public_detail", args=[live.pk])).status_code == 200
    assert client.get(reverse("news:public_detail", args=[scheduled.pk])).status_code == 404


def test_public_article_page_never_runs_a_script(people, tree, client):
    article = published(people, tree, body="<p>好</p><script>alert(1)</script><img src=x onerror=alert(2)>")
    text = client.get(reverse("news:public_detail", args=[article.pk])).content.decode()
    assert "alert" not in text and "onerror" not in text


def test_a_signed_in_visitor_gets_no_store(people, tree, client, login):
    published(people, tree)
    login(people.worker)
    response = client.get(reverse("news:public_list"))
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_the_portal_selector_gives_the_newest_of_a_kind(people, tree):
    first = published(people, tree, title="一")
    second = published(people, tree, title="二")
    assert [a.pk for a in published_selector()] == [second.pk, first.pk]
    # the portal links each item by get_absolute_url: the public page, never the staff one
    assert published_selector()[0].get_absolute_url() == reverse("news:public_detail", args=[second.pk])
    assert published_selector(kind="policy") == []
    assert len(published_selector(limit=1)) == 1


def test_public_list_query_count_is_fixed(people, tree, client, django_assert_num_queries):
    for i in range(4):
        published(people, tree, title=f"新闻{i}")
    with django_assert_num_queries(2):
        client.get(reverse("news:public_list"))
