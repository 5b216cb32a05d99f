"""Editing a resident: optimistic locking (H2), consent on ethnicity changes (A3), never a full number in the form."""

import pytest
from people_helpers import ID_MASKED, ID_NUMBER, PHONE, PHONE_MASKED

from shiliu.audit.models import AuditEvent
from shiliu.people.models import Consent


def url(resident) -> str:
    return f"/residents/{resident.pk}/edit/"


def form_data(resident, **changes) -> dict:
    data = {"name": resident.name, "phone": "", "id_number": "", "gender": resident.gender,
            "birth_date": resident.birth_date.isoformat() if resident.birth_date else "",
            "languages": resident.languages, "place": resident.place_id, "basis": resident.basis,
            "ethnicity": resident.ethnicity, "consent_given_by": "", "version": resident.version}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_edit_form_never_holds_the_full_phone_or_id_number(people, residents, login, client):
    login(people.worker)
    response = client.get(url(residents.xieshu))
    html = response.content.decode()
    assert response.status_code == 200
    assert PHONE not in html and ID_NUMBER not in html
    assert PHONE_MASKED in html and ID_MASKED in html
    assert f'name="version" value="{residents.xieshu.version}"' in html


def test_worker_changes_the_name_and_ethnicity_keeps_its_consent(people, residents, login, client):
    resident = residents.xieshu
    consent = resident.ethnicity_consent
    login(people.worker)
    response = client.post(url(resident), form_data(resident, name="阿依古丽·买买提"))
    assert response.status_code == 302
    residents.refresh()
    assert residents.xieshu.name == "阿依古丽·买买提"
    assert residents.xieshu.version == resident.version + 1
    assert residents.xieshu.phone == resident.phone and residents.xieshu.id_number == resident.id_number
    assert residents.xieshu.ethnicity_consent == consent
    assert AuditEvent.objects.filter(action="resident.update", subject_id=resident.pk).count() == 1


def test_stale_version_gets_a_clear_message_and_nothing_is_saved(people, residents, login, client):
    resident = residents.xieshu
    login(people.worker)
    response = client.post(url(resident), form_data(resident, name="新名字", version=resident.version - 1 or 99))
    assert response.status_code == 200
    assert "其他人" in response.content.decode()
    residents.refresh()
    assert residents.xieshu.name == "阿依古丽" and residents.xieshu.version == resident.version


def test_clearing_ethnicity_withdraws_its_consent(people, residents, login, client):
    resident = residents.xieshu
    login(people.worker)
    client.post(url(resident), form_data(resident, ethnicity=""))
    residents.refresh()
    assert residents.xieshu.ethnicity == "" and residents.xieshu.ethnicity_consent is None
    assert Consent.objects.get(resident=resident).withdrawn_at is not None


def test_new_ethnicity_needs_consent_given_by(people, residents, login, client):
    resident = residents.jiufeng
    login(people.officer)
    response = client.post(url(resident), form_data(resident, ethnicity="03"))
    assert "consent_given_by" in response.context["form"].errors
    residents.refresh()
    assert residents.jiufeng.ethnicity == "" and not Consent.objects.filter(resident=resident).exists()
    client.post(url(resident), form_data(resident, ethnicity="03", consent_given_by="监护人 马芳"))
    residents.refresh()
    assert residents.jiufeng.ethnicity == "03"
    assert residents.jiufeng.ethnicity_consent.given_by == "监护人 马芳"


def test_empty_phone_keeps_it_and_the_checkbox_removes_it(people, residents, login, client):
    resident = residents.xieshu
    login(people.worker)
    client.post(url(resident), form_data(resident, gender="male"))
    residents.refresh()
    assert residents.xieshu.phone == "+8613812345678"
    client.post(url(resident), form_data(residents.xieshu, clear_phone="on"))
    residents.refresh()
    assert residents.xieshu.phone == "" and residents.xieshu.phone_index == ""


def test_birth_date_that_contradicts_the_kept_id_number_is_refused(people, residents, login, client):
    resident = residents.xieshu
    login(people.worker)
    response = client.post(url(resident), form_data(resident, birth_date="1988-05-10"))
    assert list(response.context["form"].errors) == ["birth_date"]
    residents.refresh()
    assert residents.xieshu.birth_date == resident.birth_date


@pytest.mark.parametrize("persona, resident", [("other_worker", "xieshu"), ("worker", "jiufeng")])
def test_editing_outside_the_subtree_is_not_found_and_changes_nothing(people, residents, login, client, persona,
                                                                     resident):
    target = getattr(residents, resident)
    login(getattr(people, persona))
    assert client.get(url(target)).status_code == 404
    assert client.post(url(target), form_data(target, name="改名")).status_code == 404
    residents.refresh()
    assert getattr(residents, resident).name == target.name


@pytest.mark.parametrize("persona", ["operator", "auditor", "liaison", "nobody"])
def test_roles_without_resident_edit_are_refused(people, residents, login, client, persona):
    login(getattr(people, persona))
    resident = residents.xieshu
    assert client.get(url(resident)).status_code == 403
    assert client.post(url(resident), form_data(resident, name="改名")).status_code == 403
    residents.refresh()
    assert residents.xieshu.name == "阿依古丽"


def test_opening_the_edit_form_is_one_audited_read(people, residents, login, client):
    login(people.worker)
    before = AuditEvent.objects.count()
    client.get(url(residents.xieshu))
    assert AuditEvent.objects.count() == before + 1
    event = AuditEvent.objects.latest("id")
    assert (event.kind, event.action, event.subject_id, event.category) == (
        "read", "resident.edit_view", residents.xieshu.pk, "contact,identity,sensitive")
