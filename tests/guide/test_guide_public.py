"""The public guide: no account, no personal data, cacheable, usable without JavaScript."""

import pytest

from shiliu.guide import services

pytestmark = pytest.mark.django_db


def test_public_pages_need_no_login(guide, client):
    for url in ("/guide/public/", "/guide/public/domains/education/", "/guide/public/life-events/child-school/",
                "/guide/public/items/ED-01/", "/guide/public/items/ED-01/what-to-bring/",
                "/guide/public/search/?q=入学"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "随迁子女义务教育入学申请" in response.text, url


def test_item_page_has_what_a_resident_needs_and_names_no_one(guide, people, client):
    services.item_publish(by=people.admin, item=guide.item, version=1, content=guide.content(), note="由admin修改")
    first = client.get("/guide/public/items/ED-01/")
    assert "private" in first["Cache-Control"]  # it hands out the CSRF cookie: no shared cache may keep it
    page = client.get("/guide/public/items/ED-01/")
    text = page.text
    for expected in ("居住证", "户口簿", "窗口受理", "区教育局", "免费", "义务教育法", "持居住证的家长"):
        assert expected in text
    assert "admin" not in text and "由admin修改" not in text
    assert "<script>" not in text.replace('<script src=', '')  # no inline script
    assert "public" in page["Cache-Control"] and "max-age=300" in page["Cache-Control"]


def test_checklist_is_printable(guide, client):
    text = client.get("/guide/public/items/ED-01/what-to-bring/").text
    assert "居住证" in text and "no-print" in text and "×2" in text


def test_withdrawn_items_are_not_public(guide, people, client):
    services.item_set_active(by=people.admin, item=guide.item, version=1, active=False)
    assert client.get("/guide/public/items/ED-01/").status_code == 404
    assert "ED-01" not in client.get("/guide/public/").text


def test_public_search_finds_by_synonym_and_word(guide, client):
    from shiliu.knowledge.models import Synonym

    Synonym.objects.create(term="上学", expands_to="入学")
    assert "ED-01" in client.get("/guide/public/search/", {"q": "上学"}).text
    assert "ED-01" not in client.get("/guide/public/search/", {"q": "养老"}).text


def test_public_index_query_count_is_fixed(guide, people, client, django_assert_num_queries):
    client.get("/guide/public/")
    for n in range(3):
        services.item_create(by=people.admin, code=f"X-{n}", domain=guide.housing, category=guide.category,
                             content=guide.content())
    with django_assert_num_queries(5):
        assert client.get("/guide/public/").status_code == 200


def test_english_page_uses_english_text(guide, client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    text = client.get("/guide/public/items/ED-01/").text
    assert "School enrolment for migrant children" in text and "Residence permit" in text


def test_a_synonym_added_after_publishing_reindexes_the_current_versions(guide, people):
    from shiliu.guide.models import ServiceItem
    from shiliu.knowledge.services import synonym_create

    version = ServiceItem.objects.get(code="ED-01").current
    assert " 上学 " not in version.search_words and " 入学 " in version.search_words
    synonym_create(by=people.admin, term="上学", expands_to="入学")
    version.refresh_from_db()
    assert " 上学 " in version.search_words  # the item's 入学 now also stands for 上学
    assert version.number == 1  # an index, not a new version
