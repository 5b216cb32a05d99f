"""Knowledge pages: readers search and read, the district office writes; both languages; phone-safe text."""

import pytest

from shiliu.audit.models import AuditEvent
from shiliu.knowledge.models import Article, Synonym

LIST = "/knowledge/"
PARTIAL = "/knowledge/search/"
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_operator_searches_and_sees_published_articles_only(people, login, client, articles):
    login(people.operator)
    response = client.get(LIST, {"q": "社保"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "灵活就业人员如何参加社会保险" in body and "外来务工人员子女入学需要哪些材料" in body
    assert "临时救助如何申请" not in body
    assert "住房公积金提取" not in client.get(LIST).content.decode()
    assert "New article" not in client.get(LIST, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_live_search_returns_only_the_results(people, login, client, articles):
    login(people.worker)
    response = client.get(LIST, {"q": "临时救助"}, **HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "临时救助如何申请" in body
    assert 'id="kb-results"' in client.get(LIST).content.decode()
    restore = client.get(LIST, {"q": "临时救助"}, HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assert "<html" in restore.content.decode()  # htmx restoring history needs the whole page


def test_category_filter_on_the_list(people, login, client, kb, articles):
    login(people.operator)
    body = client.get(LIST, {"category": kb.hardship.pk}).content.decode()
    assert "临时救助如何申请" in body and "低保申请条件" in body and "灵活就业" not in body
    assert client.get(LIST, {"category": "999999"}).status_code == 200  # an unknown one is ignored


def test_a_query_with_markup_is_escaped_everywhere(people, login, client, articles):
    login(people.operator)
    attack = '<script>alert("x")</script>'
    for url in (LIST, PARTIAL):
        body = client.get(url, {"q": attack}).content.decode()
        assert "<script>alert" not in body
    body = client.get(LIST, {"q": attack}).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_article_text_with_markup_is_escaped_and_paragraphs_kept(people, login, client, kb):
    article = kb.article("标题<img src=x onerror=alert(1)>", "第一段<script>x</script>\n\n第二段")
    login(people.operator)
    body = client.get(f"/knowledge/{article.pk}/").content.decode()
    assert "<img src=x" not in body and "<script>x" not in body
    assert "<p>第一段&lt;script&gt;x&lt;/script&gt;</p>" in body and "<p>第二段</p>" in body


def test_empty_and_very_long_queries(people, login, client, articles):
    login(people.operator)
    assert client.get(LIST, {"q": ""}).status_code == 200
    long_query = "临时救助" + " 救助" * 2000
    response = client.get(LIST, {"q": long_query})
    assert response.status_code == 200
    assert "临时救助如何申请" in response.content.decode()
    assert response.context["query"] == long_query[:100]
    empty = client.get(PARTIAL)
    assert empty.status_code == 200 and "Type words" in client.get(PARTIAL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert not empty.context["articles"]


def test_the_hotline_partial_is_compact_and_published_only(people, login, client, kb, articles):
    login(people.admin)  # an editor too: the partial shows what is in force
    response = client.get(PARTIAL, {"q": "公积金"})
    assert response.status_code == 200 and "住房公积金提取" not in response.content.decode()
    response = client.get(PARTIAL, {"q": "社会保险", "category": kb.education.pk})
    body = response.content.decode()
    assert "<html" not in body
    assert [a.title for a in response.context["articles"]] == ["外来务工人员子女入学需要哪些材料"]
    assert f'href="/knowledge/{articles["school"].pk}/"' in body and "户口簿" in body and "子女入学" in body


def test_roles_and_rules(people, login, client, articles):
    draft = articles["draft"]
    published = articles["school"]
    login(people.auditor)
    for url in (LIST, PARTIAL, f"/knowledge/{published.pk}/"):
        assert client.get(url).status_code == 403
    client.post("/accounts/logout/")
    login(people.operator)
    assert client.get(f"/knowledge/{published.pk}/").status_code == 200
    assert client.get(f"/knowledge/{draft.pk}/").status_code == 404  # a draft is not there for readers
    assert client.get("/knowledge/999999/").status_code == 404
    for url in ("/knowledge/new/", f"/knowledge/{published.pk}/edit/", f"/knowledge/{published.pk}/revisions/",
                "/knowledge/synonyms/"):
        assert client.get(url).status_code == 403
    assert client.post(f"/knowledge/{published.pk}/retire/", {"version": published.version}).status_code == 403
    assert Article.objects.get(pk=published.pk).status == "published"
    client.post("/accounts/logout/")
    login(people.admin)
    assert client.get(f"/knowledge/{draft.pk}/").status_code == 200
    assert client.get("/knowledge/new/").status_code == 200


def test_admin_writes_publishes_and_sees_the_history(people, login, client, kb):
    login(people.admin)
    response = client.post("/knowledge/new/", {"category": kb.social.pk, "title": "社保卡补办",
                                               "body": "到社保窗口补办。", "keywords": "挂失"})
    article = Article.objects.get(title="社保卡补办")
    assert response.status_code == 302 and response["Location"] == f"/knowledge/{article.pk}/"
    client.post(f"/knowledge/{article.pk}/publish/", {"version": 1})
    assert Article.objects.get(pk=article.pk).status == "published"
    response = client.get(f"/knowledge/{article.pk}/revisions/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert [r.version for r in response.context["revisions"]] == [2, 1]
    assert "Published" in response.content.decode() and "Created" in response.content.decode()


def test_create_shows_every_error_next_to_its_field(people, login, client):
    login(people.admin)
    response = client.post("/knowledge/new/", {"title": "", "body": "", "body_en": "text"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "body", "title_en"}
    assert not Article.objects.exists()


def test_stale_edit_shows_a_message_and_keeps_the_other_change(people, login, client, kb):
    article = kb.article("居住证办理", "到派出所办理。")
    login(people.admin)
    form = {"title": "居住证怎么办理", "body": "到派出所办理。", "version": article.version}
    assert client.post(f"/knowledge/{article.pk}/edit/", form).status_code == 302
    stale = dict(form, title="别人的标题")
    response = client.post(f"/knowledge/{article.pk}/edit/", stale, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    assert Article.objects.get(pk=article.pk).title == "居住证怎么办理"
    response = client.post(f"/knowledge/{article.pk}/retire/", {"version": 1}, HTTP_ACCEPT_LANGUAGE="en",
                           follow=True)
    assert "Someone else changed this record" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == "published"


def test_synonym_page_links_and_unlinks_terms(people, login, client, kb):
    article = kb.article("居民身份证补办", "到派出所补办。")
    login(people.admin)
    assert client.get("/knowledge/synonyms/").status_code == 200
    response = client.post("/knowledge/synonyms/", {"term": "二代证", "expands_to": "居民身份证"})
    assert response.status_code == 302
    partial = client.get(PARTIAL, {"q": "二代证"})
    assert [a.pk for a in partial.context["articles"]] == [article.pk]
    synonym = Synonym.objects.get(term="二代证")
    client.post(f"/knowledge/synonyms/{synonym.pk}/delete/")
    assert not client.get(PARTIAL, {"q": "二代证"}).context["articles"]
    response = client.post("/knowledge/synonyms/", {"term": "证", "expands_to": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert set(response.context["form"].errors) == {"term", "expands_to"}
    assert AuditEvent.objects.filter(action="knowledge.synonym.create").count() == 1


@pytest.mark.parametrize(("language", "title", "other"), [
    ("en", "How flexible workers join social insurance", "Self-employed people may join"),
    ("zh-hans", "灵活就业人员如何参加社会保险", "无雇工的个体工商户"),
])
def test_both_languages(people, login, client, articles, language, title, other):
    login(people.operator)
    article = articles["flexible"]
    body = client.get(f"/knowledge/{article.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert title in body and other in body
    listing = client.get(LIST, {"category": article.category_id}, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert title in listing
    assert ("Social insurance" if language == "en" else "社会保险") in listing


def test_english_falls_back_to_chinese_with_a_note(people, login, client, articles):
    login(people.operator)
    article = articles["hardship"]
    body = client.get(f"/knowledge/{article.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "临时救助如何申请" in body and "no English version yet" in body
    zh = client.get(f"/knowledge/{article.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "知识库" in zh


def test_list_and_partial_cost_a_fixed_number_of_queries(people, login, client, kb, articles,
                                                         django_assert_max_num_queries):
    login(people.operator)
    client.get(LIST, {"q": "社保"})
    with django_assert_max_num_queries(9) as first:
        client.get(LIST, {"q": "社保"})
    with django_assert_max_num_queries(8) as first_partial:
        client.get(PARTIAL, {"q": "社保"})
    for i in range(25):
        kb.article(f"社保问答{i}", "社会保险缴费")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(LIST, {"q": "社保"}).context["page"].paginator.count == 27
    with django_assert_max_num_queries(len(first_partial.captured_queries)):
        assert len(client.get(PARTIAL, {"q": "社保"}).context["articles"]) == 8


def test_searching_too_often_answers_429(people, login, client, articles, monkeypatch):
    from shiliu.knowledge.forms import SEARCH_LIMIT

    login(people.operator)
    for _ in range(SEARCH_LIMIT.count):
        assert client.get(PARTIAL, {"q": "社保"}).status_code == 200
    response = client.get(PARTIAL, {"q": "社保"})
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert client.get(LIST, {"q": "社保"}).status_code == 429  # the list page counts with the partial
    assert client.get(PARTIAL).status_code == 200  # an empty box searches nothing and is not counted


def test_the_knowledge_base_is_in_the_menu_of_every_role_that_handles_orders(people, login, client):
    for persona, shown in [("operator", True), ("worker", True), ("liaison", True), ("officer", True),
                           ("admin", True), ("auditor", False), ("nobody", False)]:
        login(getattr(people, persona))
        urls = [item["url"] for item in client.get("/").context["nav_items"]]
        assert ("/knowledge/" in urls) is shown, persona
        client.post("/accounts/logout/")
