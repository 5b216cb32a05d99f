"""The residents list page: scoped, searchable, masked, paginated, audited, never by ethnicity."""

import pytest
from people_helpers import ID_MASKED, ID_NUMBER, PAGE_BASE_QUERIES, PHONE, PHONE_MASKED, audit_queries

from shiliu.audit.models import AuditEvent
from shiliu.people.models import Resident


def names(response) -> set[str]:
    return {row["resident"].name for row in response.context["rows"]}


@pytest.mark.parametrize("persona, expected", [
    ("worker", {"阿依古丽"}),
    ("officer", {"阿依古丽", "马明"}),
    ("operator", {"阿依古丽", "马明"}),
    ("other_worker", {"扎西"}),
    ("admin", {"阿依古丽", "马明", "扎西"}),
])
def test_list_shows_only_residents_of_the_users_subtree(people, residents, login, client, persona, expected):
    login(getattr(people, persona))
    response = client.get("/residents/")
    assert response.status_code == 200
    assert names(response) == expected


@pytest.mark.parametrize("persona", ["auditor", "liaison", "nobody"])
def test_list_is_refused_to_roles_without_resident_view(people, residents, login, client, persona):
    login(getattr(people, persona))
    assert client.get("/residents/").status_code == 403
    assert not AuditEvent.objects.filter(action="resident.list").exists()


def test_list_needs_login(residents, client):
    response = client.get("/residents/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_list_shows_masked_phone_and_never_id_number_or_ethnicity(people, residents, login, client):
    login(people.worker)
    html = client.get("/residents/").content.decode()
    assert PHONE_MASKED in html
    assert PHONE not in html
    assert ID_NUMBER not in html and ID_MASKED not in html
    assert "维吾尔族" not in html
    headers = [h.split("</th>")[0] for h in html.split('<th scope="col" class="nowrap">')[1:]]
    assert headers == ["姓名", "电话", "地点", "登记原因", "登记日期"]


def test_list_refuses_an_ethnicity_filter(people, residents, login, client):
    login(people.worker)
    response = client.get("/residents/", {"ethnicity": "05"})
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action="resident.list").exists()


def test_list_refuses_sorting_by_ethnicity(people, residents, login, client):
    login(people.worker)
    assert client.get("/residents/", {"sort": "ethnicity"}).status_code == 400


def test_search_by_part_of_a_name(people, residents, login, client):
    login(people.officer)
    assert names(client.post("/residents/", {"q": "马"})) == {"马明"}


def test_search_by_exact_phone_finds_the_resident_within_scope(people, residents, login, client):
    login(people.worker)
    assert names(client.post("/residents/", {"q": "138 1234 5678"})) == {"阿依古丽"}
    assert names(client.post("/residents/", {"q": "1381234567"})) == set()  # not exact: no partial match


def test_search_by_exact_phone_finds_nothing_outside_scope(people, residents, login, client):
    login(people.other_worker)
    assert names(client.post("/residents/", {"q": PHONE})) == set()


def test_search_by_id_number_finds_the_resident_within_scope(people, residents, login, client):
    login(people.worker)
    assert names(client.post("/residents/", {"q": ID_NUMBER.lower()})) == {"阿依古丽"}


def test_search_by_id_number_finds_nothing_outside_scope(people, residents, login, client):
    login(people.other_worker)
    assert names(client.post("/residents/", {"q": ID_NUMBER})) == set()


def test_operator_cannot_find_a_resident_by_id_number(people, residents, login, client):
    login(people.operator)
    assert names(client.post("/residents/", {"q": ID_NUMBER})) == set()
    assert names(client.post("/residents/", {"q": PHONE})) == {"阿依古丽"}


def test_each_page_read_writes_one_audit_record_naming_the_residents_shown(people, residents, login, client):
    login(people.officer)
    before = AuditEvent.objects.count()
    client.get("/residents/")
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.get(action="resident.list")
    assert event.actor == people.officer
    assert event.kind == "read" and event.category == "contact"
    assert sorted(event.detail["ids"]) == sorted([residents.xieshu.pk, residents.jiufeng.pk])


def test_an_empty_result_writes_no_list_audit_record(people, residents, login, client):
    login(people.worker)
    client.post("/residents/", {"q": "没有这个人"})
    assert not AuditEvent.objects.filter(action="resident.list").exists()


def _bulk(tree, user, count):
    Resident.objects.bulk_create(
        Resident(name=f"居民{i:02d}", place=tree.xieshu, basis="asked", created_by=user) for i in range(count))


def test_list_is_paginated_by_25(tree, people, residents, login, client):
    _bulk(tree, people.worker, 30)
    login(people.worker)
    first = client.get("/residents/")
    assert len(first.context["rows"]) == 25
    assert 'href="?page=2"' in first.content.decode()
    second = client.get("/residents/", {"page": 2})
    assert len(second.context["rows"]) == 6
    events = list(AuditEvent.objects.filter(action="resident.list").order_by("id"))
    assert [e.detail["count"] for e in events] == [25, 6]


def test_pager_keeps_the_search_in_the_body_not_the_url(tree, people, residents, login, client):
    _bulk(tree, people.worker, 30)
    login(people.worker)
    html = client.post("/residents/", {"q": "居民"}).content.decode()
    assert '<input type="hidden" name="q" value="居民">' in html
    assert 'name="page" value="2"' in html
    assert "?q=" not in html
    second = client.post("/residents/", {"q": "居民", "page": "2"})
    assert len(second.context["rows"]) == 5


def test_search_terms_never_travel_in_the_url(people, residents, login, client):
    """Names and numbers are personal data: out of URLs, histories and access logs (B5)."""
    login(people.officer)
    html = client.get("/residents/").content.decode()
    assert '<form method="post" action="/residents/" class="toolbar" role="search">' in html
    assert names(client.post("/residents/", {"q": PHONE})) == {"阿依古丽"}
    # a q in the URL is ignored: the plain list, both residents of the subdistrict
    assert names(client.get("/residents/", {"q": PHONE})) == {"阿依古丽", "马明"}


@pytest.mark.parametrize("count", [1, 25])
def test_list_query_count_does_not_grow_with_rows(tree, people, login, client, django_assert_num_queries, count):
    _bulk(tree, people.worker, count)
    login(people.worker)
    client.get("/")  # settle the session
    # count + one page of rows with their places, whatever the number of rows
    with django_assert_num_queries(PAGE_BASE_QUERIES + 2 + audit_queries()):
        response = client.get("/residents/")
    assert len(response.context["rows"]) == count
