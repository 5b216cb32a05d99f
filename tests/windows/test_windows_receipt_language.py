"""The visit page and its PDF receipt name the items and the district in the reader's language."""

import io

from django.conf import settings
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
