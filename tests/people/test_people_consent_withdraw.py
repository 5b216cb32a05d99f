"""Withdrawing consent on the page erases the ethnicity it covered (A3)."""

import pytest

from shiliu.audit.models import AuditEvent


def url(resident) -> str:
    return f"/residents/{resident.pk}/consents/{resident.ethnicity_consent_id}/withdraw/"


def test_withdrawal_erases_ethnicity_and_is_audited(people, residents, login, client):
    resident = residents.xieshu
    consent = resident.ethnicity_consent
    login(people.worker)
    response = client.post(url(resident))
    assert response.status_code == 302 and response["Location"] == f"/residents/{resident.pk}/"
    residents.refresh()
    assert residents.xieshu.ethnicity == "" and residents.xieshu.ethnicity_consent is None
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == people.worker
    event = AuditEvent.objects.get(action="consent.withdraw")
    assert event.subject_id == resident.pk and event.actor == people.worker
    html = client.get(f"/residents/{resident.pk}/").content.decode()
    assert "维吾尔族" not in html


def test_withdrawal_needs_post(people, residents, login, client):
    login(people.worker)
    assert client.get(url(residents.xieshu)).status_code == 405
    residents.refresh()
    assert residents.xieshu.ethnicity == "05"


def test_withdrawal_outside_the_subtree_is_not_found_and_changes_nothing(people, residents, login, client):
    login(people.other_worker)
    assert client.post(url(residents.xieshu)).status_code == 404
    residents.refresh()
    assert residents.xieshu.ethnicity == "05"
    assert not AuditEvent.objects.filter(action="consent.withdraw").exists()


def test_a_consent_of_another_resident_is_not_found(people, residents, login, client):
    login(people.officer)
    wrong = f"/residents/{residents.jiufeng.pk}/consents/{residents.xieshu.ethnicity_consent_id}/withdraw/"
    assert client.post(wrong).status_code == 404
    residents.refresh()
    assert residents.xieshu.ethnicity == "05"


@pytest.mark.parametrize("persona", ["operator", "auditor", "liaison", "nobody"])
def test_roles_without_resident_edit_are_refused(people, residents, login, client, persona):
    login(getattr(people, persona))
    assert client.post(url(residents.xieshu)).status_code == 403
    residents.refresh()
    assert residents.xieshu.ethnicity == "05"
