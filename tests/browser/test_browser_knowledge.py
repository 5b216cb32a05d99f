"""The knowledge base in a real browser: live search as the operator types, pages at phone and desktop width."""

import pytest

from shiliu.knowledge.services import article_create, article_publish
from shiliu.workorders.models import Category

pytestmark = pytest.mark.browser


def _article(admin, title, body, **fields):
    article = article_create(by=admin, title=title, body=body, **fields)
    return article_publish(article=article, by=admin, version=article.version)


@pytest.fixture
def base(people):
    social = Category.objects.create(code="social-insurance", name="社会保险", name_en="Social insurance")
    hardship = Category.objects.create(code="hardship", name="困难救助", name_en="Hardship assistance")
    return {
        "social": _article(people.admin, "灵活就业人员如何参加社会保险",
                           "无雇工的个体工商户可以个人身份参加职工基本养老保险。\n\n"
                           + "到区人力社保局社保窗口或街道便民服务中心办理，也可在浙里办App自助办理。" * 4,
                           category=social, title_en="How flexible workers join social insurance",
                           body_en="Self-employed people may join the basic pension as individuals. " * 6),
        "hardship": _article(people.admin, "临时救助如何申请",
                             "因突发重大疾病导致基本生活困难的家庭，可向街道申请临时救助。", category=hardship),
    }


def test_operator_finds_guidance_as_they_type(people, base, page, sign_in):
    sign_in(page, people.operator)
    page.goto("/knowledge/")
    results = page.locator("#kb-results")
    assert "临时救助如何申请" in results.inner_text()
    page.fill("#id_q", "社保")  # the article says 社会保险
    results.locator("a", has_text="临时救助").wait_for(state="detached")  # (the CSP forbids evaluated JS)
    assert "灵活就业人员如何参加社会保险" in results.inner_text()
    assert "q=" in page.url  # the search is in the address, so back and reload keep it
    page.fill("#id_q", "")
    page.select_option("#id_category", label="困难救助")
    results.locator("a", has_text="灵活就业").wait_for(state="detached")
    assert "临时救助如何申请" in results.inner_text()
    with page.expect_navigation():
        page.click("#kb-results a:has-text('临时救助如何申请')")
    assert "向街道申请临时救助" in page.inner_text("main")


def test_knowledge_pages_fit_a_phone_and_a_desktop(people, base, page, sign_in, check_layout):
    sign_in(page, people.admin)
    article = base["social"]
    check_layout(page, "knowledge-list", "/knowledge/?q=社保")
    check_layout(page, "knowledge-detail", f"/knowledge/{article.pk}/")
    check_layout(page, "knowledge-edit", f"/knowledge/{article.pk}/edit/")
    check_layout(page, "knowledge-revisions", f"/knowledge/{article.pk}/revisions/")
    check_layout(page, "knowledge-synonyms", "/knowledge/synonyms/")
    check_layout(page, "knowledge-partial", "/knowledge/search/?q=社保")
