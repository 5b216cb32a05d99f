"""/api/v1/knowledge: search, detail, create, update (409 when stale), publish, retire, synonyms."""

from shiliu.audit.models import AuditEvent
from shiliu.knowledge.models import Article, Synonym

URL = "/api/v1/knowledge"


def titles(response):
    return [item["title"] for item in response.json()["items"]]


def test_search_finds_by_abbreviation_ranked_and_paged(people, token_for, client, kb, articles):
    headers = token_for(people.operator)
    response = client.get(URL, {"q": "社保"}, **headers)
    assert response.status_code == 200
    assert set(titles(response)) == {"灵活就业人员如何参加社会保险", "外来务工人员子女入学需要哪些材料"}
    assert titles(client.get(URL, {"q": "社保", "category": kb.education.pk}, **headers)) == [
        "外来务工人员子女入学需要哪些材料"]
    item = client.get(URL, {"q": "临时救助"}, **headers).json()["items"][0]
    assert item["category"]["code"] == "hardship" and item["status"] == "published"
    assert item["excerpt"].startswith("因突发重大疾病")
    assert client.get(URL, {"q": "公积金"}, **headers).json()["count"] == 0  # a draft
    assert client.get(URL, **headers).json()["count"] == 4
    assert client.get(URL, {"q": "社保", "status": "draft"}, **headers).json()["count"] == 0
    assert client.get(URL, {"q": "x" * 1001}, **headers).status_code == 422
    assert client.get(URL, {"q": "临时救助" + " 救助" * 300}, **headers).json()["count"] == 1


def test_search_costs_a_fixed_number_of_queries(people, token_for, client, kb, articles,
                                               django_assert_max_num_queries):
    headers = token_for(people.operator)
    client.get(URL, {"q": "社保"}, **headers)
    with django_assert_max_num_queries(8) as first:
        client.get(URL, {"q": "社保"}, **headers)
    for i in range(20):
        kb.article(f"社保问答{i}", "社会保险缴费")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(URL, {"q": "社保"}, **headers).json()["count"] == 22


def test_detail_hides_drafts_from_readers(people, token_for, client, articles):
    operator, admin = token_for(people.operator), token_for(people.admin)
    published, draft = articles["flexible"], articles["draft"]
    body = client.get(f"{URL}/{published.pk}", **operator).json()
    assert body["title_en"] == "How flexible workers join social insurance" and body["version"] == 2
    response = client.get(f"{URL}/{draft.pk}", **operator)
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert client.get(f"{URL}/{draft.pk}", **admin).status_code == 200


def test_auditor_and_nobody_are_refused(people, token_for, client, articles):
    for persona in ("auditor", "nobody"):
        headers = token_for(getattr(people, persona))
        assert client.get(URL, {"q": "社保"}, **headers).status_code == 403
        assert client.get(f"{URL}/{articles['flexible'].pk}", **headers).status_code == 403


def test_admin_creates_updates_publishes_and_retires(people, token_for, client, kb):
    headers = token_for(people.admin)
    response = client.post(URL, {"title": "居住证怎么办理", "body": "到派出所办理。", "category": kb.social.pk,
                                 "title_en": "Residence permit"}, content_type="application/json", **headers)
    assert response.status_code == 201
    article = response.json()
    assert (article["status"], article["version"], article["category"]["code"]) == ("draft", 1, "social-insurance")
    url = f"{URL}/{article['id']}"
    response = client.patch(url, {"version": 1, "body": "到派出所或社区警务室办理。", "category": None},
                            content_type="application/json", **headers)
    assert response.status_code == 200 and response.json()["category"] is None and response.json()["version"] == 2
    response = client.post(f"{url}/publish", {"version": 2}, content_type="application/json", **headers)
    assert response.json()["status"] == "published"
    response = client.post(f"{url}/publish", {"version": 3}, content_type="application/json", **headers)
    assert response.status_code == 422 and "status" in response.json()["errors"]
    response = client.post(f"{url}/retire", {"version": 3}, content_type="application/json", **headers)
    assert response.json()["status"] == "retired"
    assert AuditEvent.objects.filter(action__startswith="knowledge.article.").count() == 4


def test_stale_version_answers_409_and_changes_nothing(people, token_for, client, kb):
    article = kb.article("居住证办理", "到派出所办理。")
    headers = token_for(people.admin)
    url = f"{URL}/{article.pk}"
    response = client.patch(url, {"version": article.version - 1, "title": "别人的标题"},
                            content_type="application/json", **headers)
    assert response.status_code == 409 and response["Content-Type"] == "application/problem+json"
    response = client.post(f"{url}/retire", {"version": 1}, content_type="application/json", **headers)
    assert response.status_code == 409
    article.refresh_from_db()
    assert (article.title, article.status) == ("居住证办理", "published")


def test_bad_input_is_refused_field_by_field(people, token_for, client, kb):
    headers = token_for(people.admin)
    response = client.post(URL, {"title": " ", "body": "", "category": 999999}, content_type="application/json",
                           **headers)
    assert response.status_code == 422
    assert set(response.json()["errors"]) == {"category"}
    response = client.post(URL, {"title": " ", "body": ""}, content_type="application/json", **headers)
    assert set(response.json()["errors"]) == {"title", "body"}
    response = client.post(URL, {"title": "t", "body": "b", "status": "published"}, content_type="application/json",
                           **headers)
    assert response.status_code == 422 and "status" in response.json()["errors"]
    assert not Article.objects.exists()


def test_only_the_district_office_writes(people, token_for, client, articles):
    article = articles["flexible"]
    for persona in ("operator", "officer", "worker", "liaison"):
        headers = token_for(getattr(people, persona))
        assert client.post(URL, {"title": "t", "body": "b"}, content_type="application/json",
                           **headers).status_code == 403
        assert client.patch(f"{URL}/{article.pk}", {"version": article.version, "title": "改"},
                            content_type="application/json", **headers).status_code == 403
        assert client.post(f"{URL}/{article.pk}/retire", {"version": article.version},
                           content_type="application/json", **headers).status_code == 403
    article.refresh_from_db()
    assert (article.title, article.status, Article.objects.count()) == ("灵活就业人员如何参加社会保险", "published", 5)


def test_synonyms_through_the_api(people, token_for, client, kb):
    kb.article("居民身份证补办", "丢失后到派出所补办。")
    admin, operator = token_for(people.admin), token_for(people.operator)
    assert client.get(f"{URL}/synonyms", {"page_size": 200}, **operator).json()["count"] >= 30
    response = client.post(f"{URL}/synonyms", {"term": "二代证", "expands_to": "居民身份证"},
                           content_type="application/json", **admin)
    assert response.status_code == 201
    assert titles(client.get(URL, {"q": "二代证"}, **operator)) == ["居民身份证补办"]
    assert client.post(f"{URL}/synonyms", {"term": "x", "expands_to": "y"}, content_type="application/json",
                       **operator).status_code == 403
    synonym_id = response.json()["id"]
    assert client.delete(f"{URL}/synonyms/{synonym_id}", **operator).status_code == 403
    assert client.delete(f"{URL}/synonyms/{synonym_id}", **admin).status_code == 204
    assert client.delete(f"{URL}/synonyms/{synonym_id}", **admin).status_code == 404
    assert not Synonym.objects.filter(term="二代证").exists()
    assert client.get(URL, {"q": "二代证"}, **operator).json()["count"] == 0


def test_problem_titles_follow_the_language(people, token_for, client):
    headers = token_for(people.operator)
    zh = client.get(f"{URL}/999999", HTTP_ACCEPT_LANGUAGE="zh-hans", **headers).json()
    en = client.get(f"{URL}/999999", HTTP_ACCEPT_LANGUAGE="en", **headers).json()
    assert en["title"] == "Not found" and zh["title"] != en["title"]


def test_out_of_range_ids_answer_404_or_nothing_not_500(people, token_for, login, client, articles):
    headers = token_for(people.admin)
    huge = 10**20
    assert client.get(f"{URL}/{huge}", **headers).status_code == 404
    assert client.get(URL, {"q": "社保", "category": huge}, **headers).json()["count"] == 0
    response = client.post(URL, {"title": "t", "body": "b", "category": huge}, content_type="application/json",
                           **headers)
    assert response.status_code == 422
    login(people.admin)
    assert client.get("/knowledge/search/", {"q": "社保", "category": str(huge)}).status_code == 200
    assert client.get("/knowledge/", {"q": "社保", "category": str(huge)}).status_code == 200
    assert client.get(f"/knowledge/{huge}/").status_code == 404
