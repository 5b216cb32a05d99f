"""News in a real browser, on a phone: a community worker writes a notice (an HTML title is refused
next to the field), submits it; the subdistrict officer approves it; a resident reads it signed out.
The news pages fit a phone and a desktop in both languages."""

import pytest
from browser_helpers import PHONE, submit
from django.urls import reverse

from shiliu.core.demo import load_demo
from shiliu.news.models import Article

pytestmark = pytest.mark.browser


def test_the_news_pages_fit_a_phone_and_a_desktop(people, page, sign_in, check_layout):
    load_demo(residents=0)
    article = Article.objects.filter(status="published", kind="policy").first()
    page.goto(reverse("news:public_list"))  # signed out
    check_layout(page, "news-public-list", reverse("news:public_list"))
    check_layout(page, "news-public-detail", reverse("news:public_detail", args=[article.pk]))
    sign_in(page, people.officer)
    check_layout(page, "news-home", reverse("news:home"))
    check_layout(page, "news-new", reverse("news:create"))
    check_layout(page, "news-detail", reverse("news:detail", args=[article.pk]))


def test_a_worker_writes_and_an_officer_approves_on_a_phone(people, tree, page, sign_in, browser, site):
    page.set_viewport_size(PHONE)
    sign_in(page, people.worker)
    page.goto(reverse("news:create"))
    page.select_option("select[name=kind]", "notice")
    page.fill("input[name=title]", "招聘会<b>通知</b>")
    page.fill("textarea[name=body]", "<p>周六上午九点，大港社区。</p><script>alert(1)</script>")
    submit(page)
    field = page.locator(".field.has-error")
    assert field.count() == 1 and field.locator("input[name=title]").count() == 1
    assert not Article.objects.exists()
    page.fill("input[name=title]", "谢墅社区招聘会通知")
    submit(page)
    article = Article.objects.get()
    assert "script" not in article.body
    submit(page, "form[action$='/submit/'] button[type=submit]")
    article.refresh_from_db()
    assert article.status == "submitted"

    officer = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=site).new_page()
    sign_in(officer, people.officer)
    officer.goto(reverse("news:home"))
    with officer.expect_navigation():
        officer.click(f"main a[href='{reverse('news:detail', args=[article.pk])}']")
    submit(officer, "form[action$='/approve/'] button[type=submit]")
    article.refresh_from_db()
    assert article.status == "published" and article.reviewed_by == people.officer
    officer.context.close()

    reader = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=site, java_script_enabled=False).new_page()
    reader.goto(reverse("news:public_list"))
    assert "谢墅社区招聘会通知" in reader.inner_text("main")
    with reader.expect_navigation():
        reader.click("main a:has-text('谢墅社区招聘会通知')")
    assert "周六上午九点" in reader.inner_text("main")
    assert reader.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 0
    reader.context.close()
