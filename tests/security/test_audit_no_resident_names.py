"""D3/D4 on the audit trail: it must not become a list, by name, of residents who declared an
ethnicity. A record's target label is never a person's name, and a view's data categories
depend on the viewer's role only, not on whether the resident declared an ethnicity."""

import io
import json

import pytest
from openpyxl import load_workbook

from shiliu.audit.models import AuditEvent
from shiliu.audit.services import audit_write
from shiliu.people.models import Consent
from shiliu.people.services import consent_withdraw, resident_create

PASSWORD = "Correct-Horse-42"  # the personas' password (tests/conftest.py)
DECLARED, UNDECLARED = "古丽娜尔", "王晓燕"


@pytest.fixture
def two(tree, people):
    """Two residents of 谢墅社区: one declared an ethnicity, one did not."""
    declared = resident_create(by=people.worker, name=DECLARED, place=tree.xieshu, basis="asked",
                               ethnicity="05", consent_given_by="本人")
    undeclared = resident_create(by=people.worker, name=UNDECLARED, place=tree.xieshu, basis="asked")
    return declared, undeclared


def categories_of_views(resident_ids) -> list[str]:
    return [AuditEvent.objects.filter(action="resident.view", subject_id=pk).latest("id").category
            for pk in resident_ids]


@pytest.mark.parametrize("persona, expected", [("worker", "contact,identity,sensitive"), ("officer",
                                                 "contact,identity,sensitive"), ("operator", "contact")])
def test_a_page_view_records_the_same_categories_with_or_without_an_ethnicity(two, people, login, client,
                                                                                persona, expected):
    login(getattr(people, persona))
    for resident in two:
        assert client.get(f"/residents/{resident.pk}/").status_code == 200
    assert categories_of_views([r.pk for r in two]) == [expected, expected]


@pytest.mark.parametrize("persona, expected", [("worker", "contact,identity,sensitive"), ("operator", "contact")])
def test_an_api_view_records_the_same_categories_with_or_without_an_ethnicity(two, people, token_for, client,
                                                                               persona, expected):
    headers = token_for(getattr(people, persona))
    for resident in two:
        assert client.get(f"/api/v1/residents/{resident.pk}", **headers).status_code == 200
    assert categories_of_views([r.pk for r in two]) == [expected, expected]


def test_resident_and_consent_records_carry_a_neutral_label(two, people):
    declared, undeclared = two
    consent = Consent.objects.get(resident=declared)
    consent_withdraw(consent=consent, by=people.worker)
    labels = dict(AuditEvent.objects.filter(action__in=["resident.create", "consent.give", "consent.withdraw"],
                                            subject_id=declared.pk).values_list("action", "target_label"))
    assert labels == {"resident.create": f"resident #{declared.pk}", "consent.give": f"consent #{consent.pk}",
                      "consent.withdraw": f"consent #{consent.pk}"}
    assert AuditEvent.objects.get(action="resident.create", subject_id=undeclared.pk).target_label == (
        f"resident #{undeclared.pk}")


def test_a_staff_account_is_labelled_by_its_username_not_its_display_name(people):
    people.worker.display_name = "李秀英"
    people.worker.save(update_fields=["display_name"])
    event = audit_write(by=people.admin, action="test.user", target=people.worker)
    assert event.target_label == "xieshu_worker"


def test_a_place_keeps_its_name_as_label(tree, people):
    assert audit_write(by=people.admin, action="test.place", target=tree.xieshu).target_label == "谢墅社区"


def test_the_auditors_pages_api_and_export_name_no_resident(two, people, login, token_for, client):
    # the residents were created with a consent, then are read on their pages and edit forms
    login(people.worker)
    for resident in two:
        client.get(f"/residents/{resident.pk}/")
        client.get(f"/residents/{resident.pk}/edit/")
    client.post("/accounts/logout/")
    names = (DECLARED, UNDECLARED)

    login(people.auditor)
    pages = [client.get("/audit/").content.decode()]
    for event in AuditEvent.objects.filter(subject_id__in=[r.pk for r in two]):
        pages.append(client.get(f"/audit/{event.pk}/").content.decode())
    assert len(pages) > 5 and "resident #" in pages[0]
    assert not [name for page in pages for name in names if name in page]

    assert client.post("/accounts/reauth/", {"password": PASSWORD}).status_code == 302
    response = client.get("/audit/export.xlsx")
    assert response.status_code == 200
    cells = [str(c) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
             for c in row if c is not None]
    assert f"resident #{two[0].pk}" in cells
    assert not [name for cell in cells for name in names if name in cell]

    body = client.get("/api/v1/audit/events?page_size=50", **token_for(people.auditor)).content.decode()
    text = json.dumps(json.loads(body), ensure_ascii=False)
    assert "resident #" in text
    assert not [name for name in names if name in text]


def test_the_trail_never_holds_a_resident_name_anywhere(two, people, login, client):
    login(people.worker)
    for resident in two:
        client.get(f"/residents/{resident.pk}/")
    for event in AuditEvent.objects.all():
        stored = json.dumps([event.target_label, event.detail, event.reason, event.actor_name], ensure_ascii=False)
        assert DECLARED not in stored and UNDECLARED not in stored, event.action
