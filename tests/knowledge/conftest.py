"""Fixtures for the knowledge tests: three hotline categories and a few articles written by the admin."""

import pytest

from shiliu.knowledge.services import article_create, article_publish
from shiliu.workorders.models import Category


class Kb:
    def __init__(self, people):
        self.people = people
        self.social = Category.objects.create(code="social-insurance", name="社会保险", name_en="Social insurance")
        self.education = Category.objects.create(code="education", name="子女入学", name_en="School enrolment")
        self.hardship = Category.objects.create(code="hardship", name="困难救助", name_en="Hardship assistance")

    def article(self, title, body, *, publish=True, **fields):
        article = article_create(by=self.people.admin, title=title, body=body, **fields)
        if publish:
            article = article_publish(article=article, by=self.people.admin, version=article.version)
        return article


@pytest.fixture
def kb(people):
    return Kb(people)


@pytest.fixture
def articles(kb):
    """A small knowledge base: social insurance, school enrolment, hardship, one draft."""
    return {
        "flexible": kb.article("灵活就业人员如何参加社会保险",
                               "无雇工的个体工商户可以个人身份参加职工基本养老保险。\n\n到社保窗口办理。",
                               category=kb.social, title_en="How flexible workers join social insurance",
                               body_en="Self-employed people may join the basic pension as individuals."),
        "school": kb.article("外来务工人员子女入学需要哪些材料", "户口簿、居住证、社会保险缴纳证明、租房合同。",
                             category=kb.education, title_en="Documents for school enrolment"),
        "hardship": kb.article("临时救助如何申请", "因突发重大疾病导致基本生活困难的家庭，可向街道申请临时救助。",
                               category=kb.hardship),
        "dibao": kb.article("低保申请条件", "家庭人均收入低于当地标准的，可以申请。", category=kb.hardship),
        "draft": kb.article("住房公积金提取（草稿）", "租房提取可在线办理。", publish=False),
    }
