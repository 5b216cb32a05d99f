"""/api/v1/residents: same scope, same field sets per role (D3), same services as the pages."""

import json

import pytest
from people_helpers import ID_MASKED, ID_NUMBER, PASSWORD, PHONE, PHONE_MASKED, audit_queries, make_id

from shiliu.audit.models import AuditEvent
from shiliu.people.models import Consent, Resident

BASE = "/api/v1/residents"


def post(client, path, body, headers):
    return client.post(path, json.dumps(body), content_type="application/json", **headers)


def patch(client, path, body, headers):
    return client.patch(path, json.dumps(body), content_type="application/json", **headers)


def new_body(tree, **changes) -> dict:
    body = {"name": "热依拉", "place": tree.xieshu.pk, "basis": "asked", "phone": "13900003333",
            "id_number": make_id(born="19920202"), "gender": "female", "birth_date": "1992-02-02",
            "languages": ["ug"]}
    body.update(changes)
    return body


# --- list -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("persona, expected", [
    ("worker", {"阿依古丽"}), ("officer", {"阿依古丽", "马明"}), ("operator", {"阿依古丽", "马明"}),
    ("other_worker", {"扎西"}), ("admin", {"阿依古丽", "马明", "扎西"}),
])
def test_list_shows_only_the_users_subtree(people, residents, client, token_for, persona, expected):
    response = client.get(BASE, **token_for(getattr(people, persona)))
    assert response.status_code == 200
    assert {row["name"] for row in response.json()["items"]} == expected


def test_list_rows_carry_a_masked_phone_and_never_id_number_or_ethnicity(people, residents, client, token_for):
    body = client.get(BASE, **token_for(people.worker)).json()
    row = body["items"][0]
    assert set(row) == {"id", "name", "phone_masked", "place", "basis", "created_at"}
    assert row["phone_masked"] == PHONE_MASKED
    text = json.dumps(body, ensure_ascii=False)
    assert PHONE not in text and ID_NUMBER not in text and ID_MASKED not in text


def test_list_search_by_exact_phone_and_id_number_within_scope_only(people, residents, client, token_for):
    worker, other = token_for(people.worker), token_for(people.other_worker)
    for q in (PHONE, ID_NUMBER):
        found = client.post(f"{BASE}/search", {"q": q}, content_type="application/json", **worker)
        assert [r["name"] for r in found.json()["items"]] == ["阿依古丽"]
        assert client.post(f"{BASE}/search", {"q": q}, content_type="application/json", **other).json()["items"] == []


def test_search_needs_a_term_and_takes_no_unknown_field(people, residents, client, token_for):
    headers = token_for(people.worker)
    empty = client.post(f"{BASE}/search", {"q": ""}, content_type="application/json", **headers)
    assert empty.status_code == 422 and "q" in empty.json()["errors"]
    extra = client.post(f"{BASE}/search", {"q": "马", "ethnic": "05"}, content_type="application/json", **headers)
    assert extra.status_code == 422


def test_list_refuses_an_ethnicity_filter(people, residents, client, token_for):
    response = client.get(BASE, {"ethnicity": "05"}, **token_for(people.worker))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


def test_each_list_page_writes_one_audit_record(people, residents, client, token_for):
    client.get(BASE, {"page_size": 1}, **token_for(people.officer))
    event = AuditEvent.objects.get(action="resident.list")
    assert event.detail["count"] == 1 and event.actor == people.officer


@pytest.mark.parametrize("count", [1, 30])
def test_list_query_count_does_not_grow_with_rows(tree, people, client, token_for, django_assert_num_queries, count):
    Resident.objects.bulk_create(
        Resident(name=f"居民{i}", place=tree.xieshu, basis="asked", created_by=people.worker) for i in range(count))
    headers = token_for(people.worker)
    client.get(BASE, **headers)  # the token's first use records last_used_at
    # token, roles, count, rows with their places, then the audit record
    with django_assert_num_queries(4 + audit_queries()):
        response = client.get(BASE, **headers)
    assert response.json()["count"] == count


@pytest.mark.parametrize("persona", ["auditor", "liaison", "nobody"])
def test_list_is_refused_to_roles_without_resident_view(people, residents, client, token_for, persona):
    assert client.get(BASE, **token_for(getattr(people, persona))).status_code == 403


def test_list_needs_authentication(residents, client):
    assert client.get(BASE).status_code == 401


# --- detail ---------------------------------------------------------------------------------------------------

def test_operator_detail_has_masked_phone_and_no_id_number_or_ethnicity_keys(people, residents, client, token_for):
    body = client.get(f"{BASE}/{residents.xieshu.pk}", **token_for(people.operator)).json()
    assert body["phone_masked"] == PHONE_MASKED
    assert not [key for key in body if key.startswith("id_number") or "ethnicity" in key]
    assert "维吾尔" not in json.dumps(body, ensure_ascii=False)


def test_worker_detail_has_masked_id_number_and_ethnicity_with_consent(people, residents, client, token_for):
    body = client.get(f"{BASE}/{residents.xieshu.pk}", **token_for(people.worker)).json()
    assert body["id_number_masked"] == ID_MASKED and body["id_number_needs_review"] is False
    assert body["ethnicity"] == "05"
    assert body["ethnicity_consent"]["given_by"] == "本人"
    assert body["ethnicity_consent"]["notice_version"] == "ethnicity-v1"
    text = json.dumps(body, ensure_ascii=False)
    assert PHONE not in text and ID_NUMBER not in text


@pytest.mark.parametrize("persona, categories", [("worker", "contact,identity,sensitive"), ("operator", "contact")])
def test_detail_read_writes_one_audit_record(people, residents, client, token_for, persona, categories):
    headers = token_for(getattr(people, persona))
    before = AuditEvent.objects.count()
    client.get(f"{BASE}/{residents.xieshu.pk}", **headers)
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.action, event.subject_id, event.category) == ("resident.view", residents.xieshu.pk, categories)


@pytest.mark.parametrize("persona, resident", [("other_worker", "xieshu"), ("worker", "jiufeng")])
def test_detail_outside_the_subtree_is_not_found(people, residents, client, token_for, persona, resident):
    response = client.get(f"{BASE}/{getattr(residents, resident).pk}", **token_for(getattr(people, persona)))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("persona", ["auditor", "liaison", "nobody"])
def test_detail_is_refused_to_roles_without_resident_view(people, residents, client, token_for, persona):
    assert client.get(f"{BASE}/{residents.xieshu.pk}", **token_for(getattr(people, persona))).status_code == 403


# --- create ---------------------------------------------------------------------------------------------------

def test_create_answers_201_with_the_shaped_resident(tree, people, client, token_for):
    response = post(client, BASE, new_body(tree, ethnicity="05", consent_given_by="本人"), token_for(people.worker))
    assert response.status_code == 201
    body = response.json()
    assert body["phone_masked"] == "139****3333" and body["ethnicity"] == "05"
    resident = Resident.objects.get(pk=body["id"])
    assert resident.ethnicity_consent.given_by == "本人"


@pytest.mark.parametrize("changes, field", [
    ({"phone": "12345"}, "phone"),
    ({"id_number": ID_NUMBER[:-1] + "1"}, "id_number"),
    ({"name": "张" * 61}, "name"),
    ({"birth_date": "2999-01-01", "id_number": ""}, "birth_date"),
    ({"birth_date": "1992-02-03"}, "birth_date"),
    ({"basis": "curious"}, "basis"),
    ({"ethnicity": "05"}, "consent_given_by"),
    ({"place": 999999}, "place"),
    ({"unexpected": 1}, "unexpected"),
    ({"birth_date": "soon"}, "birth_date"),
])
def test_create_bad_input_is_422_with_field_errors_and_nothing_saved(tree, people, client, token_for, changes, field):
    response = post(client, BASE, new_body(tree, **changes), token_for(people.worker))
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert field in response.json()["errors"]
    assert not Resident.objects.exists() and not Consent.objects.exists()


def test_create_with_a_duplicate_id_number_is_422(tree, people, residents, client, token_for):
    response = post(client, BASE, new_body(tree, id_number=ID_NUMBER, birth_date=None), token_for(people.worker))
    assert response.status_code == 422 and "id_number" in response.json()["errors"]
    assert Resident.objects.count() == 3


def test_create_at_a_place_outside_the_subtree_is_refused(tree, people, client, token_for):
    response = post(client, BASE, new_body(tree, place=tree.xieshu.pk), token_for(people.other_worker))
    assert response.status_code == 422 and "place" in response.json()["errors"]
    assert not Resident.objects.exists()


def test_operator_cannot_send_an_id_number_or_ethnicity(tree, people, client, token_for):
    headers = token_for(people.operator)
    assert post(client, BASE, new_body(tree), headers).status_code == 403
    response = post(client, BASE, new_body(tree, id_number="", ethnicity="05", consent_given_by="本人"), headers)
    assert response.status_code == 403
    assert not Resident.objects.exists() and not Consent.objects.exists()
    response = post(client, BASE, new_body(tree, id_number=""), headers)
    assert response.status_code == 201
    assert not [key for key in response.json() if key.startswith("id_number") or "ethnicity" in key]


@pytest.mark.parametrize("persona", ["auditor", "liaison", "nobody"])
def test_create_is_refused_to_roles_without_resident_create(tree, people, client, token_for, persona):
    assert post(client, BASE, new_body(tree), token_for(getattr(people, persona))).status_code == 403
    assert not Resident.objects.exists()


# --- update ---------------------------------------------------------------------------------------------------

def test_patch_with_the_current_version_changes_the_resident(people, residents, client, token_for):
    resident = residents.xieshu
    response = patch(client, f"{BASE}/{resident.pk}", {"version": resident.version, "name": "古丽"},
                     token_for(people.worker))
    assert response.status_code == 200
    assert response.json()["name"] == "古丽" and response.json()["version"] == resident.version + 1
    residents.refresh()
    assert residents.xieshu.ethnicity == "05" and residents.xieshu.phone == resident.phone


def test_patch_with_a_stale_version_is_409_and_saves_nothing(people, residents, client, token_for):
    resident = residents.xieshu
    response = patch(client, f"{BASE}/{resident.pk}", {"version": resident.version + 5, "name": "古丽"},
                     token_for(people.worker))
    assert response.status_code == 409
    residents.refresh()
    assert residents.xieshu.name == "阿依古丽"


def test_patch_new_ethnicity_without_consent_is_422(people, residents, client, token_for):
    resident = residents.jiufeng
    response = patch(client, f"{BASE}/{resident.pk}", {"version": resident.version, "ethnicity": "03"},
                     token_for(people.officer))
    assert response.status_code == 422 and "consent_given_by" in response.json()["errors"]
    residents.refresh()
    assert residents.jiufeng.ethnicity == ""


def test_patch_clearing_ethnicity_withdraws_its_consent(people, residents, client, token_for):
    resident = residents.xieshu
    response = patch(client, f"{BASE}/{resident.pk}", {"version": resident.version, "ethnicity": ""},
                     token_for(people.worker))
    assert response.status_code == 200 and response.json()["ethnicity"] == ""
    assert Consent.objects.get(resident=resident).withdrawn_at is not None


def test_patch_birth_date_against_the_kept_id_number_is_422(people, residents, client, token_for):
    resident = residents.xieshu
    response = patch(client, f"{BASE}/{resident.pk}", {"version": resident.version, "birth_date": "2000-01-01"},
                     token_for(people.worker))
    assert response.status_code == 422 and "birth_date" in response.json()["errors"]


@pytest.mark.parametrize("persona, resident", [("other_worker", "xieshu"), ("worker", "jiufeng")])
def test_patch_outside_the_subtree_is_not_found_and_changes_nothing(people, residents, client, token_for, persona,
                                                                    resident):
    target = getattr(residents, resident)
    response = patch(client, f"{BASE}/{target.pk}", {"version": target.version, "name": "改名"},
                     token_for(getattr(people, persona)))
    assert response.status_code == 404
    residents.refresh()
    assert getattr(residents, resident).name == target.name


@pytest.mark.parametrize("persona", ["operator", "auditor", "liaison", "nobody"])
def test_patch_is_refused_to_roles_without_resident_edit(people, residents, client, token_for, persona):
    resident = residents.xieshu
    response = patch(client, f"{BASE}/{resident.pk}", {"version": resident.version, "name": "改名"},
                     token_for(getattr(people, persona)))
    assert response.status_code == 403
    residents.refresh()
    assert residents.xieshu.name == "阿依古丽"


# --- reveal ---------------------------------------------------------------------------------------------------

def reveal_body(**changes) -> dict:
    return {"field": "phone", "reason": "回访核实联系方式", "password": PASSWORD, **changes}


def test_reveal_with_password_and_reason_returns_the_value_and_is_audited(people, residents, client, token_for):
    response = post(client, f"{BASE}/{residents.xieshu.pk}/reveal", reveal_body(field="id_number"),
                    token_for(people.worker))
    assert response.status_code == 200
    assert response.json() == {"field": "id_number", "value": ID_NUMBER}
    event = AuditEvent.objects.get(kind="reveal")
    assert (event.subject_id, event.category, event.reason) == (residents.xieshu.pk, "identity", "回访核实联系方式")


def test_reveal_with_a_wrong_password_is_403_and_recorded(people, residents, client, token_for):
    response = post(client, f"{BASE}/{residents.xieshu.pk}/reveal", reveal_body(password="wrong-password-1"),
                    token_for(people.worker))
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert PHONE not in response.content.decode()
    assert AuditEvent.objects.filter(action="reauth.failed", actor=people.worker).count() == 1
    assert not AuditEvent.objects.filter(kind="reveal").exists()


def test_reveal_without_a_reason_is_422(people, residents, client, token_for):
    response = post(client, f"{BASE}/{residents.xieshu.pk}/reveal", reveal_body(reason=""), token_for(people.worker))
    assert response.status_code == 422 and "reason" in response.json()["errors"]
    assert not AuditEvent.objects.filter(kind="reveal").exists()


def test_reveal_without_a_password_is_422(people, residents, client, token_for):
    body = reveal_body()
    del body["password"]
    response = post(client, f"{BASE}/{residents.xieshu.pk}/reveal", body, token_for(people.worker))
    assert response.status_code == 422
    assert not AuditEvent.objects.filter(kind="reveal").exists()


def test_reveal_outside_the_subtree_is_not_found(people, residents, client, token_for):
    response = post(client, f"{BASE}/{residents.xieshu.pk}/reveal", reveal_body(), token_for(people.other_worker))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(kind="reveal").exists()


@pytest.mark.parametrize("persona", ["operator", "auditor", "liaison", "nobody"])
def test_reveal_is_refused_to_roles_without_reveal(people, residents, client, token_for, persona):
    response = post(client, f"{BASE}/{residents.xieshu.pk}/reveal", reveal_body(), token_for(getattr(people, persona)))
    assert response.status_code == 403
    assert PHONE not in response.content.decode()
    assert not AuditEvent.objects.filter(kind="reveal").exists()


# --- consents -------------------------------------------------------------------------------------------------

def test_consent_list_is_shown_to_the_worker_and_audited(people, residents, client, token_for):
    response = client.get(f"{BASE}/{residents.xieshu.pk}/consents", **token_for(people.worker))
    assert response.status_code == 200
    items = response.json()["items"]
    assert [(c["given_by"], c["notice_version"], c["withdrawn_at"]) for c in items] == [("本人", "ethnicity-v1", None)]
    event = AuditEvent.objects.get(action="resident.consents.view")
    assert event.subject_id == residents.xieshu.pk and event.category == "sensitive"


def test_consent_list_is_refused_to_the_operator(people, residents, client, token_for):
    assert client.get(f"{BASE}/{residents.xieshu.pk}/consents", **token_for(people.operator)).status_code == 403


def test_consent_list_outside_the_subtree_is_not_found(people, residents, client, token_for):
    response = client.get(f"{BASE}/{residents.xieshu.pk}/consents", **token_for(people.other_worker))
    assert response.status_code == 404


def test_withdrawing_a_consent_erases_the_ethnicity(people, residents, client, token_for):
    consent = residents.xieshu.ethnicity_consent
    response = post(client, f"{BASE}/{residents.xieshu.pk}/consents/{consent.pk}/withdraw", {},
                    token_for(people.worker))
    assert response.status_code == 200 and response.json()["withdrawn_at"]
    residents.refresh()
    assert residents.xieshu.ethnicity == "" and residents.xieshu.ethnicity_consent is None
    assert AuditEvent.objects.filter(action="consent.withdraw", subject_id=residents.xieshu.pk).count() == 1


@pytest.mark.parametrize("persona, status", [("other_worker", 404), ("operator", 403), ("auditor", 403)])
def test_withdrawing_by_others_changes_nothing(people, residents, client, token_for, persona, status):
    consent = residents.xieshu.ethnicity_consent
    response = post(client, f"{BASE}/{residents.xieshu.pk}/consents/{consent.pk}/withdraw", {},
                    token_for(getattr(people, persona)))
    assert response.status_code == status
    residents.refresh()
    assert residents.xieshu.ethnicity == "05"
