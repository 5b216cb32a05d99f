"""Chinese full-text search: jieba words, synonyms both ways, AND, ranking, who sees what."""

import logging

import pytest

from shiliu.knowledge import search
from shiliu.knowledge.models import Article, Synonym
from shiliu.knowledge.selectors import knowledge_search
from shiliu.knowledge.services import article_update, synonym_create, synonym_delete


def titles(found):
    return [a.title for a in found]


def test_the_seeded_table_holds_the_common_abbreviations(db):
    pairs = set(Synonym.objects.values_list("term", "expands_to"))
    assert len(pairs) >= 30
    assert {("社保", "社会保险"), ("医保", "医疗保险"), ("公积金", "住房公积金"), ("低保", "最低生活保障"),
            ("农民工", "外来务工人员")} <= pairs


def test_searching_the_abbreviation_finds_the_article_that_spells_it_out(kb, people):
    kb.article("参加社会保险的办法", "灵活就业人员可以个人身份参保。")
    assert titles(knowledge_search(people.operator, "社保")) == ["参加社会保险的办法"]


def test_searching_the_full_term_finds_the_article_that_abbreviates_it(kb, people):
    kb.article("社保断缴怎么办", "断缴后可以补缴。")
    assert titles(knowledge_search(people.operator, "社会保险")) == ["社保断缴怎么办"]
    kb.article("低保申请", "收入低于标准可申请。")
    assert titles(knowledge_search(people.operator, "最低生活保障")) == ["低保申请"]
    assert titles(knowledge_search(people.operator, "公积金")) == []
    kb.article("住房公积金提取", "租房可以提取。")
    assert titles(knowledge_search(people.operator, "公积金")) == ["住房公积金提取"]


def test_an_abbreviation_inside_another_word_does_not_count(kb, people):
    """降低保费 holds the characters 低保, but not the word."""
    kb.article("降低保费的政策", "小微企业可以降低保费。")
    assert knowledge_search(people.operator, "低保") == []
    assert knowledge_search(people.operator, "最低生活保障") == []


def test_every_word_of_the_query_must_appear(kb, people, articles):
    assert titles(knowledge_search(people.operator, "临时救助")) == ["临时救助如何申请"]
    assert titles(knowledge_search(people.operator, "临时救助 疾病")) == ["临时救助如何申请"]
    assert knowledge_search(people.operator, "临时救助 入学") == []
    assert titles(knowledge_search(people.operator, "入学 居住证")) == ["外来务工人员子女入学需要哪些材料"]


def test_question_words_do_not_have_to_appear(kb, people, articles):
    assert titles(knowledge_search(people.operator, "请问临时救助怎么申请？")) == ["临时救助如何申请"]


def test_more_words_in_the_title_rank_first(kb, people):
    kb.article("居住证办理", "带上身份证到派出所。")
    kb.article("子女入学材料", "需要居住证和户口簿，居住证要在有效期内。")
    assert titles(knowledge_search(people.operator, "居住证")) == ["居住证办理", "子女入学材料"]


def test_category_filter(kb, people, articles):
    everywhere = titles(knowledge_search(people.operator, "社会保险"))
    assert set(everywhere) == {"灵活就业人员如何参加社会保险", "外来务工人员子女入学需要哪些材料"}
    assert titles(knowledge_search(people.operator, "社会保险", category=kb.education)) == [
        "外来务工人员子女入学需要哪些材料"]
    assert titles(knowledge_search(people.operator, "社会保险", category=kb.education.pk)) == [
        "外来务工人员子女入学需要哪些材料"]
    assert titles(knowledge_search(people.operator, "", category=kb.hardship)) == ["低保申请条件", "临时救助如何申请"]
    assert knowledge_search(people.operator, "社会保险", category="nonsense") == []


def test_drafts_and_retired_articles_are_hidden_from_readers_not_from_editors(kb, people, articles):
    from shiliu.knowledge.services import article_retire

    assert knowledge_search(people.operator, "公积金") == []
    assert knowledge_search(people.worker, "公积金", status="draft") == []
    assert titles(knowledge_search(people.admin, "公积金")) == ["住房公积金提取（草稿）"]
    hardship = articles["hardship"]
    article_retire(article=hardship, by=people.admin, version=hardship.version)
    assert knowledge_search(people.operator, "临时救助") == []
    assert knowledge_search(people.admin, "临时救助") == []
    assert titles(knowledge_search(people.admin, "临时救助", status="retired")) == ["临时救助如何申请"]


def test_roles_without_order_view_find_nothing(kb, people, articles):
    assert knowledge_search(people.auditor, "社会保险") == []
    assert knowledge_search(people.nobody, "社会保险") == []
    assert titles(knowledge_search(people.liaison, "临时救助")) == ["临时救助如何申请"]


def test_empty_query_lists_the_newest_and_punctuation_alone_finds_nothing(kb, people, articles):
    newest = titles(knowledge_search(people.operator, "  ", limit=50))
    assert newest == ["低保申请条件", "临时救助如何申请", "外来务工人员子女入学需要哪些材料",
                      "灵活就业人员如何参加社会保险"]
    assert knowledge_search(people.operator, "？！…") == []


def test_only_the_first_100_characters_of_a_query_are_read(kb, people, articles):
    long_query = "临时救助" + "。" * 96 + "入学"  # 入学 starts at character 101
    assert len(long_query) == 102
    assert titles(knowledge_search(people.operator, long_query)) == ["临时救助如何申请"]
    assert titles(knowledge_search(people.operator, "救助" * 5000)) == ["临时救助如何申请"]
    assert len(search.query_groups("的地得" * 1000, {})) <= search.MAX_GROUPS


def test_english_titles_and_texts_are_searched(kb, people, articles):
    assert titles(knowledge_search(people.operator, "social insurance")) == ["灵活就业人员如何参加社会保险"]
    assert titles(knowledge_search(people.operator, "PENSION")) == ["灵活就业人员如何参加社会保险"]
    assert titles(knowledge_search(people.operator, "ｐｅｎｓｉｏｎ")) == ["灵活就业人员如何参加社会保险"]  # full-width


def test_a_new_synonym_reindexes_every_article_and_removing_it_undoes_that(kb, people):
    kb.article("居民身份证补办", "丢失后到派出所补办。")
    assert knowledge_search(people.operator, "二代证") == []
    synonym = synonym_create(by=people.admin, term="二代证", expands_to="居民身份证")
    assert titles(knowledge_search(people.operator, "二代证")) == ["居民身份证补办"]
    synonym_delete(by=people.admin, synonym=synonym)
    assert knowledge_search(people.operator, "二代证") == []


def test_an_edit_reindexes_the_article(kb, people):
    article = kb.article("居住证办理", "到派出所办理。")
    assert knowledge_search(people.operator, "签注") == []
    article_update(article=article, by=people.admin, version=article.version, body="居住证每年签注一次。")
    assert titles(knowledge_search(people.operator, "签注")) == ["居住证办理"]


def test_the_index_stores_words_with_a_space_on_each_side(kb, people):
    article = kb.article("社保卡挂失", "拨打热线挂失。")
    article = Article.objects.get(pk=article.pk)
    assert article.search_text.startswith(" ") and article.search_text.endswith(" ")
    assert " 社会保障卡 " in article.search_text and " 挂失 " in article.search_title


def test_search_costs_two_queries_whatever_the_number_of_articles(kb, people, articles,
                                                                  django_assert_num_queries):
    operator = people.operator
    knowledge_search(operator, "社会保险")  # roles cached on the user
    with django_assert_num_queries(2):  # synonyms, articles with their categories
        found = knowledge_search(operator, "社保 缴费 办理 入学")
        [a.category for a in found]
    for i in range(20):
        kb.article(f"社会保险问答{i}", "社保缴费")
    with django_assert_num_queries(2):
        found = knowledge_search(operator, "社保", limit=30)
        assert len(found) == 22
        [a.category for a in found]


def test_jieba_is_loaded_once_and_quietly(capfd, caplog, db):
    search._tokenizer = None
    with caplog.at_level(logging.DEBUG):
        search.words("灵活就业人员如何参加社会保险")
        first = search._tokenizer
        search.words("居住证")
    assert search._tokenizer is first
    out, err = capfd.readouterr()
    assert out == "" and err == ""
    assert not [r for r in caplog.records if r.name.startswith("jieba") and r.levelno < logging.WARNING]


@pytest.mark.parametrize(("query", "expected"), [
    ("社保 缴费", [("社保",), ("保险", "社会", "社会保险")]),
    ("缴费", [("缴费",)]),
])
def test_query_groups_offer_each_synonym_as_its_words(query, expected):
    classes = search.synonym_classes([("社保", "社会保险")])
    first = search.query_groups(query, classes)[0]
    assert sorted(tuple(sorted(alt)) for alt in first) == sorted(expected)
