"""Public pages that shared caches may keep (F3, B5): a visitor without a CSRF cookie gets a new
token in the page and in Set-Cookie, so that answer must be private (a proxy would hand the
token to everyone); a visitor who already holds the cookie may get a shared copy, varying on the
cookie and the language; a signed-in member of staff never gets a cacheable answer."""

import pytest
from django.conf import settings

PUBLIC_PAGES = ["/windows/public/", "/jobs/public/", "/guide/public/", "/news/public/"]


def _directives(response) -> set[str]:
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_first_visit_that_hands_a_csrf_token_is_never_shared(url, client, tree):
    response = client.get(url)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()  # the language switch's form
    directives = _directives(response)
    assert "public" not in directives and "private" in directives


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_visitor_with_a_csrf_cookie_may_get_a_shared_copy_varying_on_cookie(url, client, tree):
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
    response = client.get(url)
    assert response.status_code == 200
    assert "public" in _directives(response)
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    assert {"cookie", "accept-language"} <= vary


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_a_signed_in_member_of_staff_gets_no_cacheable_answer(url, client, tree, people, login):
    login(people.worker)
    client.cookies[settings.CSRF_COOKIE_NAME] = "a" * 32
    response = client.get(url)
    assert response.status_code == 200
    directives = _directives(response)
    assert "public" not in directives and "no-store" in directives
