"""The visit page and its PDF receipt name the items and the district in the reader's language."""

import io

from django.conf import settings
from django.utils import translation
from pypdf import PdfReader

from shiliu.windows.services import visit_take


def _visit(win, people):
    visit, _ = visit_take(by=people.worker, window=win.xieshu, items=[win.school, win.pension],
                          brought={win.school.pk: win.materials(win.school)[:1]})
    return visit


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_english_receipt_names_the_items_and_the_district_in_english(win, people, login, client):
    visit = _visit(win, people)
    login(people.worker)
    _english(client)
    pdf = client.get(f"/windows/visits/{visit.pk}/receipt.pdf").content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "School enrolment" in text and "Pension enrolment" in text
    assert "Beilun District" in text
    assert "随迁子女义务教育入学申请" not in text


def test_the_chinese_receipt_keeps_the_chinese_names(win, people, login, client):
    visit = _visit(win, people)
    login(people.worker)
    pdf = client.get(f"/windows/visits/{visit.pk}/receipt.pdf").content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "随迁子女义务教育入学申请" in text and "北仑区" in text
    assert "School enrolment" not in text


def test_the_english_visit_page_names_the_items_in_english(win, people, login, client):
    visit = _visit(win, people)
    login(people.worker)
    _english(client)
    page = client.get(f"/windows/visits/{visit.pk}/").content.decode()
    assert "School enrolment" in page and "Pension enrolment" in page
    assert "随迁子女义务教育入学申请" not in page


def test_an_order_taken_on_an_english_screen_is_written_in_chinese(win, people):
    # the order's text is read by the resident on the (Chinese) portal and by other staff
    with translation.override("en"):
        visit = _visit(win, people)
    texts = [line.order.description for line in visit.lines.all()]
    assert any("由谢墅社区民族服务中心受理" in t for t in texts), texts
    assert any("尚需补交" in t for t in texts), texts
    assert not any("taken at" in t or "Still to bring" in t for t in texts), texts


def test_english_windows_pages_name_the_place_in_english(win, people, login, client):
    login(people.officer)
    _english(client)
    for url in ("/windows/", f"/windows/{win.daqi.pk}/", "/windows/public/", "/windows/figures/"):
        page = client.get(url).content.decode()
        assert "Daqi Subdistrict" in page, url
        assert "大碶街道</td>" not in page and "<dd>大碶街道</dd>" not in page, url


def test_chinese_windows_pages_keep_the_chinese_place_name(win, people, login, client):
    login(people.officer)
    page = client.get(f"/windows/{win.daqi.pk}/").content.decode()
    assert "<dd>大碶街道</dd>" in page and "Daqi Subdistrict" not in page
