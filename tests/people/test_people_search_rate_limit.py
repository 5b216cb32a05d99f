"""Searching residents is rate limited per user, pages and API together (SECURITY.md F6)."""

from shiliu.core import ratelimit


def test_the_31st_search_in_a_minute_is_refused_with_retry_after(people, residents, login, client):
    login(people.worker)
    for _ in range(ratelimit.SEARCH.count):
        assert client.post("/residents/", {"q": "马"}).status_code == 200
    refused = client.post("/residents/", {"q": "马"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert client.get("/residents/").status_code == 200  # listing without a search is not counted


def test_pages_and_api_share_one_count(people, residents, login, client, token_for):
    headers = token_for(people.worker)
    for _ in range(ratelimit.SEARCH.count):
        ok = client.post("/api/v1/residents/search", {"q": "马"}, content_type="application/json", **headers)
        assert ok.status_code == 200
    login(people.worker)
    assert client.post("/residents/", {"q": "马"}).status_code == 429
    api = client.post("/api/v1/residents/search", {"q": "马"}, content_type="application/json", **headers)
    assert api.status_code == 429 and api["Content-Type"] == "application/problem+json"


def test_another_user_is_not_slowed_by_the_first(people, residents, login, client, token_for):
    headers = token_for(people.worker)
    for _ in range(ratelimit.SEARCH.count + 1):
        client.post("/api/v1/residents/search", {"q": "马"}, content_type="application/json", **headers)
    login(people.officer)
    assert client.post("/residents/", {"q": "马"}).status_code == 200
