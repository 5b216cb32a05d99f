"""Recording a resident on the page: the form offers what the role may use; bad input saves nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from people_helpers import ID_NUMBER, make_id

from shiliu.audit.models import AuditEvent
from shiliu.people.choices import CONSENT_NOTICES
from shiliu.people.models import Consent, Resident

URL = "/residents/new/"


def valid(tree, **changes) -> dict:
    data = {"name": "热依拉", "phone": "139 0000 3333", "id_number": make_id(born="19920202"), "gender": "female",
            "birth_date": "1992-02-02", "languages": ["ug", "zh"], "place": tree.xieshu.pk, "basis": "asked",
            "ethnicity": "", "consent_given_by": ""}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_worker_form_offers_id_number_ethnicity_and_the_consent_notice(tree, people, login, client):
    login(people.worker)
    response = client.get(URL)
    form = response.context["form"]
    assert {"id_number", "ethnicity", "consent_given_by"} <= set(form.fields)
    assert list(form.fields["place"].queryset) == [tree.xieshu]
    assert form.fields["ethnicity"].initial is None and form.fields["ethnicity"].choices[0][0] == ""
    html = response.content.decode()
    assert CONSENT_NOTICES["ethnicity-v1"]["zh"] in html
    assert 'type="date"' in html and 'type="checkbox"' in html


def test_the_only_place_a_worker_may_use_is_preselected(tree, people, login, client):
    login(people.worker)
    assert client.get(URL).context["form"]["place"].value() == tree.xieshu.pk


def test_consent_notice_is_shown_in_the_users_language(people, login, client, settings, tree):
    login(people.worker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(URL).content.decode()
    assert CONSENT_NOTICES["ethnicity-v1"]["en"] in html


def test_operator_form_has_no_id_number_and_no_ethnicity(tree, people, login, client):
    login(people.operator)
    form = client.get(URL).context["form"]
    assert "id_number" not in form.fields and "ethnicity" not in form.fields
    assert "consent_given_by" not in form.fields
    assert set(form.fields["place"].queryset) == {tree.daqi, tree.xieshu, tree.jiufeng}


def test_worker_records_a_resident_with_consented_ethnicity(tree, people, login, client):
    login(people.worker)
    response = client.post(URL, valid(tree, ethnicity="05", consent_given_by="本人"))
    resident = Resident.objects.get(name="热依拉")
    assert response.status_code == 302 and response["Location"] == f"/residents/{resident.pk}/"
    assert resident.phone == "+8613900003333" and resident.languages == ["ug", "zh"]
    assert resident.ethnicity == "05"
    consent = resident.ethnicity_consent
    assert (consent.given_by, consent.notice_version, consent.recorded_by) == ("本人", "ethnicity-v1", people.worker)
    assert AuditEvent.objects.filter(action="resident.create", subject_id=resident.pk).count() == 1
    assert AuditEvent.objects.filter(action="consent.give", subject_id=resident.pk).count() == 1


def test_ethnicity_is_not_given_unless_chosen(tree, people, login, client):
    login(people.worker)
    client.post(URL, valid(tree))
    resident = Resident.objects.get(name="热依拉")
    assert resident.ethnicity == "" and resident.ethnicity_consent is None
    assert not Consent.objects.exists()


def test_ethnicity_without_consent_is_refused_next_to_the_consent_field(tree, people, login, client):
    login(people.worker)
    response = client.post(URL, valid(tree, ethnicity="05"))
    assert response.status_code == 200
    assert "consent_given_by" in response.context["form"].errors
    assert "只有在取得同意" in response.content.decode()
    assert not Resident.objects.exists() and not Consent.objects.exists()


@pytest.mark.parametrize("field, value, message", [
    ("id_number", "33020619880509123", "18"),
    ("id_number", ID_NUMBER[:-1] + "1", "校验码"),
    ("id_number", make_id(born="19900230"), "出生日期"),
    ("phone", "12345", "电话"),
    ("name", "张" * 61, "60"),
    ("name", "", "姓名"),
    ("basis", "", "登记"),
    ("birth_date", "not-a-date", "1990-05-17"),
    ("place", "", "地点"),
])
def test_bad_input_gets_a_message_next_to_its_field_and_nothing_is_saved(tree, people, login, client, field, value,
                                                                         message):
    login(people.worker)
    response = client.post(URL, valid(tree, **{field: value}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field], errors
    assert message in " ".join(errors[field])
    assert not Resident.objects.exists()
    assert not AuditEvent.objects.filter(action="resident.create").exists()


def test_future_birth_date_is_refused(tree, people, login, client):
    login(people.worker)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(URL, valid(tree, id_number="", birth_date=tomorrow))
    assert "birth_date" in response.context["form"].errors
    assert not Resident.objects.exists()


def test_birth_date_that_contradicts_the_id_number_is_refused(tree, people, login, client):
    login(people.worker)
    response = client.post(URL, valid(tree, birth_date="1992-02-03"))
    assert list(response.context["form"].errors) == ["birth_date"]
    assert not Resident.objects.exists()


def test_birth_date_is_taken_from_the_id_number_when_left_empty(tree, people, login, client):
    login(people.worker)
    client.post(URL, valid(tree, birth_date=""))
    assert Resident.objects.get().birth_date.isoformat() == "1992-02-02"


def test_duplicate_id_number_says_so(tree, people, residents, login, client):
    login(people.worker)
    response = client.post(URL, valid(tree, id_number=ID_NUMBER, birth_date=""))
    assert "已登记" in " ".join(response.context["form"].errors["id_number"])
    assert Resident.objects.count() == 3


def test_abolished_area_code_is_accepted_for_review(tree, people, login, client):
    login(people.worker)
    client.post(URL, valid(tree, id_number=make_id(area="330299", born="19920202")))
    assert Resident.objects.get().id_number_needs_review


def test_worker_cannot_record_at_a_place_outside_the_subtree(tree, people, login, client):
    login(people.worker)
    response = client.post(URL, valid(tree, place=tree.jiufeng.pk))
    assert "place" in response.context["form"].errors
    assert not Resident.objects.exists()


def test_operator_records_a_caller_and_an_id_number_sent_anyway_is_ignored(tree, people, login, client):
    login(people.operator)
    response = client.post(URL, valid(tree, ethnicity="05", consent_given_by="本人"))
    resident = Resident.objects.get()
    assert response.status_code == 302
    assert resident.id_number == "" and resident.ethnicity == ""


@pytest.mark.parametrize("persona", ["auditor", "liaison", "nobody"])
def test_roles_without_resident_create_are_refused(tree, people, login, client, persona):
    login(getattr(people, persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, valid(tree)).status_code == 403
    assert not Resident.objects.exists()
