"""The resident page: fields shaped by role (D3), masked (B1), every opening audited (E1), scoped (D2)."""

import pytest
from people_helpers import ID_MASKED, ID_NUMBER, PHONE, PHONE_MASKED, make_id

from shiliu.audit.models import AuditEvent
from shiliu.people.services import resident_create


def url(resident) -> str:
    return f"/residents/{resident.pk}/"


def test_worker_sees_masked_phone_masked_id_and_ethnicity_with_its_consent(people, residents, login, client):
    login(people.worker)
    response = client.get(url(residents.xieshu))
    assert response.status_code == 200
    html = response.content.decode()
    assert PHONE_MASKED in html and ID_MASKED in html
    assert PHONE not in html and ID_NUMBER not in html
    assert "维吾尔族" in html
    consent = residents.xieshu.ethnicity_consent
    assert "本人" in html and "ethnicity-v1" in html
    assert f"/residents/{residents.xieshu.pk}/consents/{consent.pk}/withdraw/" in html
    assert f"/residents/{residents.xieshu.pk}/reveal/" in html


def test_operator_sees_masked_phone_but_no_id_number_and_no_ethnicity(people, residents, login, client):
    login(people.operator)
    response = client.get(url(residents.xieshu))
    assert response.status_code == 200
    view = response.context["view"]
    assert view["phone_masked"] == PHONE_MASKED
    assert not any(key.startswith("id_number") for key in view)
    assert not any("ethnicity" in key for key in view)
    html = html_of(response)
    assert ID_MASKED not in html and ID_NUMBER not in html and PHONE not in html
    assert "维吾尔族" not in html and "本人" not in html
    assert "/reveal/" not in html and "/withdraw/" not in html and "/edit/" not in html


def html_of(response) -> str:
    return response.content.decode()


def test_detail_in_english_shows_english_labels(people, residents, login, client, settings):
    login(people.worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(url(residents.xieshu)).content.decode()
    assert "Uyghur" in html and "Asked for a service" in html


@pytest.mark.parametrize("persona, categories", [
    ("worker", "contact,identity,sensitive"),
    ("officer", "contact,identity,sensitive"),
    ("operator", "contact"),
])
def test_each_opening_writes_one_read_record_with_the_categories_shown(people, residents, login, client, persona,
                                                                        categories):
    login(getattr(people, persona))
    before = AuditEvent.objects.count()
    client.get(url(residents.xieshu))
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.kind, event.action, event.subject_id, event.category) == (
        "read", "resident.view", residents.xieshu.pk, categories)
    assert event.actor == getattr(people, persona)


@pytest.mark.parametrize("persona, resident", [
    ("worker", "jiufeng"), ("worker", "dagang"), ("other_worker", "xieshu"), ("officer", "dagang"),
    ("operator", "dagang"),
])
def test_resident_outside_the_subtree_is_not_found(people, residents, login, client, persona, resident):
    login(getattr(people, persona))
    before = AuditEvent.objects.filter(kind="read").count()
    assert client.get(url(getattr(residents, resident))).status_code == 404
    assert AuditEvent.objects.filter(kind="read").count() == before


def test_missing_resident_is_not_found(people, residents, login, client):
    login(people.admin)
    assert client.get("/residents/999999/").status_code == 404


@pytest.mark.parametrize("persona", ["auditor", "liaison", "nobody"])
def test_roles_without_resident_view_are_refused(people, residents, login, client, persona):
    login(getattr(people, persona))
    assert client.get(url(residents.xieshu)).status_code == 403
    assert client.get("/residents/999999/").status_code == 403  # the rule comes before the lookup
    assert not AuditEvent.objects.filter(kind="read").exists()


def test_number_with_an_abolished_area_code_is_kept_and_marked_for_review(tree, people, login, client):
    resident = resident_create(by=people.worker, name="古丽", place=tree.xieshu, basis="asked",
                               id_number=make_id(area="330299"))
    assert resident.id_number_needs_review
    login(people.worker)
    html = client.get(url(resident)).content.decode()
    assert "330299********" in html
    assert 'class="badge"' in html
