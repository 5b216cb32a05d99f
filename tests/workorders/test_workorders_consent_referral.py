"""Referral with consent: without a recorded consent a department sees only the summary (no name,
no phone, no ID, not the resident's words); with it, it sees them. Recorded once, audited."""

import pytest
from django.urls import reverse
from workorders_steps_helpers import make_item

from shiliu.audit.models import AuditEvent
from shiliu.workorders import services
from shiliu.workorders.models import ReferralConsent, WorkOrder
from shiliu.workorders.steps import CONSENT_VERSION, step_complete

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
API = "/api/v1/orders"
PERSONAL = ("马女士", "138****5678", "灵活就业怎么交社保")


def at_department(wo, *, consent: bool, client=None, login=None):
    """An item order whose department step is running; consent recorded on the page first."""
    _item, version = make_item(wo)
    order = wo.open(category=None, item_version=version)
    order = services.order_acknowledge(by=wo.people.worker, order=order, version=order.version)
    if consent:
        login(wo.people.worker)
        r = client.post(reverse("workorders:consent", args=[order.pk]),
                        {"consent-agreed": "on", "consent-text_version": CONSENT_VERSION}, **EN)
        assert r.status_code == 302, r.content.decode()[:2000]
        client.logout()
    step_complete(by=wo.people.worker, order=order, position=1)
    step_complete(by=wo.people.officer, order=order, position=2)
    return WorkOrder.objects.get(pk=order.pk)


def test_without_consent_the_liaison_sees_no_personal_data(wo, login, client, token_for):
    order = at_department(wo, consent=False)
    login(wo.people.liaison)
    page = client.get(reverse("workorders:detail", args=[order.pk]), **EN).content.decode()
    assert "Step 3" in page and "This step is done" in page
    for text in PERSONAL:
        assert text not in page
    assert "Only the summary reaches your unit" in page
    assert "Record the consent" not in page  # the department cannot record it for itself
    data = client.get(f"{API}/{order.pk}", **token_for(wo.people.liaison)).json()
    assert data["contact_name"] == "" and data["contact_phone_masked"] == "" and data["requester_id"] is None
    assert data["description"] == ""
    assert not AuditEvent.objects.filter(action="workorder.view", actor_id=wo.people.liaison.pk).exists()


def test_with_consent_the_liaison_sees_the_contact_and_the_read_is_audited(wo, login, client, token_for):
    order = at_department(wo, consent=True, client=client, login=login)
    login(wo.people.liaison)
    page = client.get(reverse("workorders:detail", args=[order.pk]), **EN).content.decode()
    for text in PERSONAL:
        assert text in page
    data = client.get(f"{API}/{order.pk}", **token_for(wo.people.liaison)).json()
    assert data["contact_name"] == "马女士" and data["description"]
    assert AuditEvent.objects.filter(action="workorder.view", actor_id=wo.people.liaison.pk).count() == 2


def test_consent_is_recorded_once_with_its_text_and_audited(wo, client, token_for):
    order = wo.open()
    worker = token_for(wo.people.worker)
    r = client.post(f"{API}/{order.pk}/consent", {"text_version": CONSENT_VERSION}, content_type="application/json",
                    **worker)
    assert r.status_code == 201, r.content
    assert r.json()["recorded_by"] == "xieshu_worker" and r.json()["text"]
    r = client.post(f"{API}/{order.pk}/consent", {"text_version": CONSENT_VERSION}, content_type="application/json",
                    **worker)
    assert r.status_code == 422
    r = client.post(f"{API}/{order.pk}/consent", {"text_version": "nope"}, content_type="application/json", **worker)
    assert r.status_code == 422
    consent = ReferralConsent.objects.get(order=order)
    assert consent.text_version == CONSENT_VERSION and consent.recorded_at
    assert AuditEvent.objects.filter(action="workorder.consent").count() == 1


def test_an_outsider_recording_consent_gets_404_and_nothing_changes(wo, login, client, token_for):
    order = wo.open()
    r = client.post(f"{API}/{order.pk}/consent", {"text_version": CONSENT_VERSION}, content_type="application/json",
                    **token_for(wo.people.other_worker))
    assert r.status_code == 404
    login(wo.people.other_worker)
    r = client.post(reverse("workorders:consent", args=[order.pk]),
                    {"consent-agreed": "on", "consent-text_version": CONSENT_VERSION}, **EN)
    assert r.status_code == 404
    assert not ReferralConsent.objects.exists()


def test_the_page_refuses_consent_not_ticked(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    r = client.post(reverse("workorders:consent", args=[order.pk]), {"consent-text_version": CONSENT_VERSION}, **EN)
    assert r.status_code == 400
    assert "only when the resident agrees" in r.content.decode()
    assert not ReferralConsent.objects.exists()


def test_a_referral_with_contact_needs_the_consent_and_records_it(wo, client, token_for):
    order = wo.open()
    order = services.order_acknowledge(by=wo.people.worker, order=order, version=order.version)
    worker = token_for(wo.people.worker)
    body = {"version": order.version, "department": wo.tree.education.pk, "note": "请协助", "share_contact": True}
    r = client.post(f"{API}/{order.pk}/refer", body, content_type="application/json", **worker)
    assert r.status_code == 422 and not ReferralConsent.objects.exists()
    r = client.post(f"{API}/{order.pk}/refer", {**body, "consent_confirmed": True}, content_type="application/json",
                    **worker)
    assert r.status_code == 200, r.content
    consent = ReferralConsent.objects.get(order=order)
    assert consent.recorded_by == wo.people.worker
    assert client.get(f"{API}/{order.pk}", **token_for(wo.people.liaison)).json()["contact_name"] == "马女士"
