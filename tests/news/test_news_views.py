"""The staff pages of news: writing, review, pictures, scope."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from news_helpers import draft, jpeg_with_gps, published, submitted, xinqi_officer
from PIL import Image

from shiliu.audit.models import AuditEvent
from shiliu.news.models import Article, ArticleImage


def test_worker_writes_a_draft_and_submits_it(people, tree, login, client):
    login(people.worker)
    response = client.post(reverse("news:create"), {"kind": "news", "place": tree.xieshu.pk, "title": "邻里节",
                                                    "summary": "", "body": "<p>三百多人参加</p>"})
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("news:detail", args=[article.pk])
    response = client.post(reverse("news:submit", args=[article.pk]), {"version": article.version})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "submitted"


def test_html_title_shows_its_message_next_to_the_field(people, tree, login, client):
    login(people.worker)
    response = client.post(reverse("news:create"), {"kind": "news", "place": tree.xieshu.pk,
                                                    "title": "<b>邻里节</b>", "body": ""})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"title"}
    assert not Article.objects.exists()


def test_the_author_sees_no_approve_button_and_a_post_is_refused(people, tree, login, client):
    article = submitted(people, tree, by=people.officer, place=tree.daqi)
    login(people.officer)
    page = client.get(reverse("news:detail", args=[article.pk]))
    assert reverse("news:approve", args=[article.pk]) not in page.content.decode()
    response = client.post(reverse("news:approve", args=[article.pk]), {"version": article.version})
    assert response.status_code == 422
    article.refresh_from_db()
    assert article.status == "submitted"


def test_reviewer_approves_from_the_page(people, tree, login, client):
    article = submitted(people, tree)
    login(people.officer)
    assert article.title in client.get(reverse("news:home")).content.decode()
    response = client.post(reverse("news:approve", args=[article.pk]), {"version": article.version,
                                                                        "publish_at": ""})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_live


def test_worker_cannot_approve_403(people, tree, login, client):
    article = submitted(people, tree, by=people.officer, place=tree.xieshu)
    login(people.worker)
    response = client.post(reverse("news:approve", args=[article.pk]), {"version": article.version})
    assert response.status_code == 403


@pytest.mark.parametrize("name", ["detail", "edit", "submit", "approve", "return", "withdraw", "image_upload"])
def test_outsider_gets_404_and_nothing_changes(people, tree, login, client, name):
    article = submitted(people, tree)
    login(people.other_worker)
    method = client.get if name in ("detail",) else client.post
    response = method(reverse(f"news:{name}", args=[article.pk]), {"version": article.version, "reason": "x",
                                                                   "title": "改"})
    # A worker holds no review capability anywhere: the rule answers 403 before any lookup.
    assert response.status_code == (403 if name in ("approve", "return", "withdraw") else 404)
    article.refresh_from_db()
    assert article.status == "submitted" and article.version == 2 and not article.images.exists()


def test_an_officer_of_another_subdistrict_gets_404_on_review(people, tree, login, client):
    xinqi = xinqi_officer(tree)
    article = submitted(people, tree)
    login(xinqi)
    for name in ("approve", "return", "withdraw"):
        assert client.post(reverse(f"news:{name}", args=[article.pk]), {"version": 2,
                                                                        "reason": "x"}).status_code == 404
    article.refresh_from_db()
    assert article.status == "submitted"


def test_a_picture_loses_its_exif_and_is_served_only_once_live(people, tree, login, client):
    article = draft(people, tree)
    login(people.worker)
    upload = SimpleUploadedFile("家里.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(reverse("news:image_upload", args=[article.pk]), {"image": upload})
    assert response.status_code == 302
    image = ArticleImage.objects.get()
    with image.file.open("rb") as f:
        assert not Image.open(f).getexif()
    assert "家里" not in image.file.name
    url = reverse("news:image", args=[image.token])
    assert client.get(url).status_code == 200  # staff of the place, before publishing
    client.logout()
    assert client.get(url).status_code == 404  # not live: nobody else
    article.refresh_from_db()
    published_article = submitted(people, tree, title="另一篇")
    assert published_article.pk != article.pk
    from shiliu.news.services import article_approve, article_submit
    article = article_submit(article=article, by=people.worker, version=article.version)
    article_approve(article=article, by=people.officer, version=article.version)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_that_is_not_a_picture_is_refused(people, tree, login, client):
    article = draft(people, tree)
    login(people.worker)
    upload = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00not a photo", content_type="image/jpeg")
    response = client.post(reverse("news:image_upload", args=[article.pk]), {"image": upload})
    assert response.status_code == 422 and "image" in response.context["image_form"].errors
    assert not ArticleImage.objects.exists()


def test_the_list_page_has_a_fixed_query_count(people, tree, login, client, django_assert_num_queries):
    login(people.officer)
    for i in range(3):
        published(people, tree, title=f"通知{i}")
    client.get(reverse("news:home"))
    with django_assert_num_queries(6):
        client.get(reverse("news:home"))
    for i in range(3):
        submitted(people, tree, title=f"草稿{i}")
    with django_assert_num_queries(6):
        client.get(reverse("news:home"))


def test_writes_are_audited(people, tree, login, client):
    login(people.worker)
    client.post(reverse("news:create"), {"kind": "news", "place": tree.xieshu.pk, "title": "标题", "body": "x"})
    assert AuditEvent.objects.filter(action="news.create", actor=people.worker).count() == 1
