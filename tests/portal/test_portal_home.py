"""The portal's home: public, cacheable, nothing personal in what is cached."""

import pytest
from django.core.cache import cache
from portal_helpers import verify

from shiliu.portal.views import home_content

pytestmark = pytest.mark.django_db


def test_the_home_shows_the_hotlines_and_the_services(client, tree):
    response = client.get("/portal/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "12345" in page and "/portal/ask/" in page and "/activities/public/" in page
    assert "Accept-Language" in response["Vary"] and "max-age=60" in response["Cache-Control"]


def test_the_home_is_english_on_switch(client, tree):
    client.cookies["django_language"] = "en"
    assert "Ask online" in client.get("/portal/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_no_phone_in_the_cached_home_even_for_a_verified_resident(client, tree):
    verify(client)
    page = client.get("/portal/").content.decode()
    assert "13812345678" not in page and "8613812345678" not in page and "138****5678" not in page
    cached = repr(cache.get("portal:home:zh-hans"))
    assert cached != "None" and "138" not in cached


def test_the_cached_content_is_per_language(tree):
    assert home_content("en")["hotlines"][0]["name"] != home_content("zh-hans")["hotlines"][0]["name"]


def test_the_code_page_is_never_cached(client, tree):
    assert "no-store" in client.get("/portal/code/")["Cache-Control"]


def test_the_home_from_the_cache_makes_no_query(client, tree, django_assert_num_queries):
    client.get("/portal/")
    with django_assert_num_queries(0):
        assert client.get("/portal/").status_code == 200
