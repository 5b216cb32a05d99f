"""A form larger than the server accepts (DATA_UPLOAD_MAX_MEMORY_SIZE: a pasted 10 MB text) gets
a page that says what happened and what to do, not Django's bare "Bad Request (400)"."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_10_mb_form_answers_413_with_a_clear_message_in_chinese(client, people, login):
    login(people.worker)
    response = client.post("/accounts/me/", "languages=" + "x" * 10_000_000,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    page = response.content.decode()
    assert "提交内容过大" in page and "没有保存任何内容" in page
    assert 'lang="zh-Hans"' in page


def test_the_same_in_english_for_a_multipart_form(client, people, login):
    login(people.worker)
    response = client.post("/accounts/me/", {"languages": "x" * 10_000_000}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 413
    assert "nothing was saved" in response.content.decode()


def test_signed_out_it_is_the_same_page(client, db):
    response = client.post("/accounts/login/", {"username": "x" * 10_000_000})
    assert response.status_code == 413
    assert "提交内容过大" in response.content.decode()
