"""Asking online: a verified resident's request becomes one ONLINE work order."""

import io

import pytest
from portal_helpers import E164, OTHER, ask_data, categories, verify

from shiliu.portal.models import OnlineRequest
from shiliu.workorders.choices import Channel
from shiliu.workorders.models import Attachment, WorkOrder

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(client, tree):
    categories()
    verify(client)
    return client


def test_asking_without_a_verified_phone_goes_to_the_code_page(client, tree):
    response = client.post("/portal/ask/", ask_data(tree))
    assert response.status_code == 302 and response["Location"].startswith("/portal/code/")
    assert not WorkOrder.objects.exists()


def test_a_request_becomes_an_online_order_and_the_tracking_code_is_shown(resident, tree):
    response = resident.post("/portal/ask/", ask_data(tree))
    assert response.status_code == 302 and response["Location"] == "/portal/ask/done/"
    order = WorkOrder.objects.get()
    assert order.channel == Channel.ONLINE and order.place == tree.xieshu and order.contact_phone == E164
    assert order.category.code == "other" and order.contact_consent
    link = OnlineRequest.objects.get()
    assert link.order == order and link.consent_version and E164 not in link.phone_index
    page = resident.get("/portal/ask/done/")
    assert order.tracking_code in page.content.decode()


def test_a_chosen_category_is_used(resident, tree):
    _other, insurance = categories()
    resident.post("/portal/ask/", ask_data(tree, service=f"c{insurance.pk}"))
    assert WorkOrder.objects.get().category == insurance


def test_a_double_submit_creates_one_order(resident, tree):
    first = resident.post("/portal/ask/", ask_data(tree))
    second = resident.post("/portal/ask/", ask_data(tree))
    assert first.status_code == second.status_code == 302
    assert WorkOrder.objects.count() == 1 and OnlineRequest.objects.count() == 1


def test_an_empty_description_is_refused_next_to_the_field(resident, tree):
    response = resident.post("/portal/ask/", ask_data(tree, description="   "))
    assert response.status_code == 200
    assert "Describe your problem" in response.content.decode() or "描述" in response.content.decode()
    assert "description" in response.context["form"].errors
    assert not WorkOrder.objects.exists()


def test_without_consent_nothing_is_saved(resident, tree):
    data = ask_data(tree)
    del data["consent"]
    response = resident.post("/portal/ask/", data)
    assert "consent" in response.context["form"].errors
    assert not WorkOrder.objects.exists()


def test_a_place_outside_the_list_is_refused(resident, tree):
    response = resident.post("/portal/ask/", ask_data(tree, place=str(tree.education.pk)))
    assert "place" in response.context["form"].errors
    assert not WorkOrder.objects.exists()


def test_the_honeypot_filled_saves_nothing(resident, tree):
    response = resident.post("/portal/ask/", ask_data(tree, website="http://spam.example"))
    assert response.status_code == 400
    assert not WorkOrder.objects.exists() and not OnlineRequest.objects.exists()


def test_an_upload_of_100_mb_is_refused_with_a_message_and_nothing_is_saved(resident, tree):
    big = io.BytesIO(b"%PDF-1.4\n" + b"0" * (100 * 1024 * 1024))
    big.name = "scan.pdf"
    response = resident.post("/portal/ask/", {**ask_data(tree), "attachments": big})
    assert response.status_code == 200
    errors = response.context["form"].errors["attachments"]
    assert errors and "MB" in errors[0]
    assert not WorkOrder.objects.exists() and not Attachment.objects.exists()


def test_a_file_that_is_not_what_its_name_says_is_refused(resident, tree):
    fake = io.BytesIO(b"MZ\x90\x00 not a pdf")
    fake.name = "scan.pdf"
    response = resident.post("/portal/ask/", {**ask_data(tree), "attachments": fake})
    assert response.context["form"].errors["attachments"]
    assert not WorkOrder.objects.exists()


def test_a_real_pdf_is_attached(resident, tree):
    pdf = io.BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    pdf.name = "proof.pdf"
    resident.post("/portal/ask/", {**ask_data(tree), "attachments": pdf})
    assert Attachment.objects.get().order == WorkOrder.objects.get()


def test_the_same_form_key_from_another_phone_opens_nothing(resident, tree, client):
    resident.post("/portal/ask/", ask_data(tree))
    client.post("/portal/sign-out/")
    verify(client, OTHER, "+86" + OTHER)
    response = client.post("/portal/ask/", ask_data(tree))
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert WorkOrder.objects.count() == 1


def test_asking_is_rate_limited_per_phone(resident, tree, settings):
    from shiliu.portal import limits

    for n in range(limits.ASK_PER_PHONE.count):
        resident.post("/portal/ask/", ask_data(tree, form_key=f"k{n}"))
    response = resident.post("/portal/ask/", ask_data(tree, form_key="one-more"))
    assert response.status_code == 429 and response["Retry-After"]
    assert WorkOrder.objects.count() == limits.ASK_PER_PHONE.count


def test_no_phone_in_any_url(resident, tree):
    response = resident.post("/portal/ask/", ask_data(tree), follow=True)
    for url, _status in response.redirect_chain:
        assert "138" not in url and "8613" not in url
    assert "13812345678" not in response.content.decode()


def test_a_service_item_of_the_guide_opens_its_current_version(resident, tree, people):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "guide"))
    from guide_helpers import Guide

    guide = Guide(tree, people)
    page = resident.get("/portal/ask/").content.decode()
    assert f'value="i{guide.item.pk}"' in page
    resident.post("/portal/ask/", ask_data(tree, service=f"i{guide.item.pk}"))
    order = WorkOrder.objects.get()
    guide.item.refresh_from_db()
    assert order.item_version == guide.item.current and order.category == guide.category


def test_a_rate_limited_htmx_submit_gets_the_form_back_with_the_reason(resident, tree):
    from shiliu.portal import limits

    for n in range(limits.ASK_PER_PHONE.count):
        resident.post("/portal/ask/", ask_data(tree, form_key=f"k{n}"))
    response = resident.post("/portal/ask/", ask_data(tree, form_key="more"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and int(response["Retry-After"]) > 0
    assert response.context["form"].non_field_errors()
    assert WorkOrder.objects.count() == limits.ASK_PER_PHONE.count
