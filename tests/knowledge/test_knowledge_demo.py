"""The demo knowledge base: loads with the demo district, twice adds nothing, searchable."""

from shiliu.knowledge.demo import ARTICLES, CATEGORIES, load
from shiliu.knowledge.models import Article, ArticleRevision
from shiliu.knowledge.selectors import knowledge_search
from shiliu.workorders.models import Category


def test_demo_articles_load_once_and_answer_common_questions(people, tree):
    Category.objects.create(code="legal-aid", name="法律援助", name_en="Legal aid")  # made by the work-order demo
    users = {"admin": people.admin, "operator": people.operator}
    load(places={}, users=users, admin=people.admin)
    count, revisions = Article.objects.count(), ArticleRevision.objects.count()
    assert count == len(ARTICLES) >= 15
    load(places={}, users=users, admin=people.admin)
    assert (Article.objects.count(), ArticleRevision.objects.count()) == (count, revisions)
    assert set(Category.objects.values_list("code", flat=True)) >= {code for code, _n, _e in CATEGORIES}
    assert Article.objects.filter(status="published").count() == len([a for a in ARTICLES if a[-1]])
    assert not Article.objects.filter(title_en="").exists()
    assert Category.objects.filter(code="legal-aid").count() == 1
    operator = people.operator
    for query, expected in [("社保", "灵活就业人员如何参加社会保险"), ("暂住证", "居住证怎么办理"),
                            ("农民工 欠薪", "被拖欠工资怎么办"), ("随迁子女 入学", "外来务工人员子女入学需要哪些材料"),
                            ("法援", "法律援助申请条件和办理流程"), ("临时救助", "临时救助如何申请")]:
        assert expected in [a.title for a in knowledge_search(operator, query)], query
    assert knowledge_search(operator, "公积金 提取") == []  # the demo's draft
