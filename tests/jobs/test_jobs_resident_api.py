"""The resident's own job-seeker profile through the portal API (X-Resident-Token)."""

import pytest
from jobs_helpers import make_seeker
from resident_helpers import API, E164, OTHER, OTHER_E164, token

from shiliu.jobs.models import JobSeeker

URL = f"{API}/jobs/profile"


def body(tree, **overrides) -> dict:
    data = {"name": "古丽米拉", "place": tree.xieshu.pk, "languages": ["mandarin"], "skills": ["assembly"],
            "wished_pay_min": 5000, "wished_pay_max": 8000, "availability": "now", "consent": True}
    data.update(overrides)
    return data


@pytest.fixture
def headers(client, tree):
    return token(client)


def _post(client, headers, data):
    return client.post(URL, data, content_type="application/json", **headers)


def _patch(client, headers, data):
    return client.patch(URL, data, content_type="application/json", **headers)


def test_a_resident_makes_reads_and_changes_the_profile(client, tree, headers):
    created = _post(client, headers, body(tree))
    assert created.status_code == 201, created.content
    out = created.json()
    assert out["made_by_resident"] and out["consent"] and out["consent_at"] and out["place"]["id"] == tree.xieshu.pk
    assert "phone" not in out and E164 not in created.content.decode()
    got = client.get(URL, **headers)
    assert got.status_code == 200 and got.json()["id"] == out["id"]
    changed = _patch(client, headers, {"version": out["version"], "skills": ["cooking"], "status": "paused"})
    assert changed.status_code == 200, changed.content
    assert changed.json()["skills"] == ["cooking"] and changed.json()["status"] == "paused"
    seeker = JobSeeker.objects.get()
    assert seeker.created_by is None and seeker.consent_by is None and seeker.phone == E164


def test_posting_twice_makes_one_profile(client, tree, headers):
    assert _post(client, headers, body(tree)).status_code == 201
    again = _post(client, headers, body(tree, name="别名"))
    assert again.status_code == 200 and again.json()["name"] == "古丽米拉"
    assert JobSeeker.objects.count() == 1


def test_bad_input_is_422_with_each_field_and_nothing_is_saved(client, tree, headers):
    response = _post(client, headers, body(tree, name=" ", place=tree.education.pk, skills=["juggling"],
                                           wished_pay_min=9000, wished_pay_max=100))
    assert response.status_code == 422 and response["Content-Type"].startswith("application/problem+json")
    assert {"name", "place", "skills", "wished_pay_max"} <= set(response.json()["errors"])
    assert not JobSeeker.objects.exists()


def test_unknown_fields_such_as_ethnicity_are_refused(client, tree, headers):
    response = _post(client, headers, body(tree, ethnicity="x"))
    assert response.status_code == 422 and not JobSeeker.objects.exists()


def test_a_stale_version_is_409(client, tree, headers):
    out = _post(client, headers, body(tree)).json()
    assert _patch(client, headers, {"version": out["version"], "name": "乙"}).status_code == 200
    stale = _patch(client, headers, {"version": out["version"], "name": "丙"})
    assert stale.status_code == 409 and stale["Content-Type"].startswith("application/problem+json")
    assert JobSeeker.objects.get().name == "乙"


def test_a_resident_cannot_set_in_work(client, tree, headers):
    out = _post(client, headers, body(tree)).json()
    response = _patch(client, headers, {"version": out["version"], "status": "placed"})
    assert response.status_code == 422 and "status" in response.json()["errors"]


def test_without_a_profile_get_patch_and_matches_are_404(client, tree, headers):
    assert client.get(URL, **headers).status_code == 404
    assert _patch(client, headers, {"version": 1, "name": "x"}).status_code == 404
    assert client.get(f"{URL}/matches", **headers).status_code == 404


def test_without_a_valid_token_everything_is_401(client, tree):
    forged = {"HTTP_X_RESIDENT_TOKEN": "forged"}
    assert client.get(URL, **forged).status_code == 401
    assert _post(client, forged, body(tree)).status_code == 401
    assert _patch(client, forged, {"version": 1}).status_code == 401
    assert client.get(f"{URL}/matches", **forged).status_code == 401
    assert not JobSeeker.objects.exists()


def test_another_phones_profile_is_never_read_or_changed(client, tree, people, headers):
    theirs = make_seeker(people.worker, tree.xieshu, name="别人", phone=OTHER)
    assert client.get(URL, **headers).status_code == 404
    assert _patch(client, headers, {"version": theirs.version, "name": "改掉"}).status_code == 404
    other = token(client, OTHER, OTHER_E164)
    assert client.get(URL, **other).json()["name"] == "别人"
    assert JobSeeker.objects.get(pk=theirs.pk).name == "别人"


def test_matches_are_open_postings_with_reasons_and_need_consent(client, tree, headers, posting):
    out = _post(client, headers, body(tree, consent=False)).json()
    assert client.get(f"{URL}/matches", **headers).json() == []
    _patch(client, headers, {"version": out["version"], "consent": True})
    matches = client.get(f"{URL}/matches", **headers).json()
    assert [m["posting"] for m in matches] == [posting.pk]
    assert matches[0]["reasons"] and matches[0]["score"] >= 20 and set(matches[0]) >= {"title", "employer"}


def test_a_revoked_token_no_longer_opens_the_profile(client, tree, headers):
    _post(client, headers, body(tree))
    client.post(f"{API}/sign-out", **headers)
    assert client.get(URL, **headers).status_code == 401


def test_the_matches_read_a_fixed_number_of_queries_however_many_postings(client, tree, headers, people,
                                                                            employer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from jobs_helpers import make_posting

    _post(client, headers, body(tree))
    make_posting(employer, people.worker, tree.xieshu, approver=people.officer)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(f"{URL}/matches", **headers).json()) == 1
    for n in range(3):
        make_posting(employer, people.worker, tree.xieshu, approver=people.officer, title=f"岗位{n}")
    with CaptureQueriesContext(connection) as four:
        assert len(client.get(f"{URL}/matches", **headers).json()) == 4
    assert len(four.captured_queries) == len(one.captured_queries)
