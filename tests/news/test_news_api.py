"""/api/v1/news: staff CRUD and workflow, public reads of what is published."""

import pytest
from news_helpers import draft, jpeg_with_gps, published, submitted, xinqi_officer

from shiliu.news.models import Article

API = "/api/v1/news"


def post(client, url, data, headers):
    return client.post(url, data, content_type="application/json", **headers)


def test_write_submit_approve_through_the_api(people, tree, token_for, client):
    writer, reviewer = token_for(people.worker), token_for(people.officer)
    response = post(client, API, {"kind": "policy", "place": tree.xieshu.pk, "title": "入学政策",
                                  "body": "<p>材料</p><script>x()</script>"}, writer)
    assert response.status_code == 201, response.content
    article = response.json()
    assert article["status"] == "draft" and "script" not in article["body"]
    url = f"{API}/{article['id']}"
    assert post(client, f"{url}/submit", {"version": 1}, writer).json()["status"] == "submitted"
    assert post(client, f"{url}/approve", {"version": 2}, writer).status_code == 403
    approved = post(client, f"{url}/approve", {"version": 2}, reviewer)
    assert approved.status_code == 200 and approved.json()["status"] == "published"
    listed = client.get(f"{API}/public").json()
    assert [a["id"] for a in listed["items"]] == [article["id"]]
    assert "created_by_id" not in listed["items"][0]
    detail = client.get(f"{API}/public/{article['id']}").json()
    assert detail["body"] == "<p>材料</p>"


def test_html_in_the_title_is_a_422_with_the_field(people, tree, token_for, client):
    response = post(client, API, {"place": tree.xieshu.pk, "title": "<img src=x onerror=alert(1)>"},
                    token_for(people.worker))
    assert response.status_code == 422 and set(response.json()["errors"]) == {"title"}
    assert not Article.objects.exists()


def test_unknown_fields_are_rejected(people, tree, token_for, client):
    response = post(client, API, {"place": tree.xieshu.pk, "title": "标题", "status": "published"},
                    token_for(people.worker))
    assert response.status_code == 422 and not Article.objects.exists()


def test_the_author_cannot_approve_own(people, tree, token_for, client):
    article = submitted(people, tree, by=people.officer, place=tree.daqi)
    response = post(client, f"{API}/{article.pk}/approve", {"version": article.version}, token_for(people.officer))
    assert response.status_code == 422
    article.refresh_from_db()
    assert article.status == "submitted"


def test_stale_patch_is_409(people, tree, token_for, client):
    article = draft(people, tree)
    headers = token_for(people.worker)
    url = f"{API}/{article.pk}"
    assert client.patch(url, {"version": 1, "title": "甲"}, content_type="application/json",
                        **headers).status_code == 200
    assert client.patch(url, {"version": 1, "title": "乙"}, content_type="application/json",
                        **headers).status_code == 409
    article.refresh_from_db()
    assert article.title == "甲"


@pytest.mark.parametrize("step,payload", [("", None), ("/submit", {"version": 2}), ("/approve", {"version": 2}),
                                          ("/return", {"version": 2, "reason": "x"}), ("/withdraw", {"version": 2})])
def test_outsider_gets_404_and_nothing_changes(people, tree, token_for, client, step, payload):
    outsider = xinqi_officer(tree)
    article = submitted(people, tree)
    url = f"{API}/{article.pk}{step}"
    headers = token_for(outsider)
    if payload is None:
        response = client.patch(url, {"version": 2, "title": "改"}, content_type="application/json", **headers)
    else:
        response = post(client, url, payload, headers)
    assert response.status_code == 404
    article.refresh_from_db()
    assert article.status == "submitted" and article.version == 2 and article.title == "社区招聘会"


def test_scheduled_is_not_public_before_its_time(people, tree, client):
    scheduled = published(people, tree, days=1)
    assert client.get(f"{API}/public").json()["count"] == 0
    assert client.get(f"{API}/public/{scheduled.pk}").status_code == 404


def test_image_upload_through_the_api(people, tree, token_for, client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    article = draft(people, tree)
    response = client.post(f"{API}/{article.pk}/images",
                           {"image": SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")},
                           **token_for(people.worker))
    assert response.status_code == 201 and response.json()["url"].startswith("/news/images/")


def test_staff_list_query_count_is_fixed(people, tree, token_for, client, django_assert_num_queries):
    headers = token_for(people.officer)
    for i in range(3):
        draft(people, tree, title=f"稿{i}")
    client.get(API, **headers)
    with django_assert_num_queries(4):
        assert client.get(API, **headers).json()["count"] == 3
