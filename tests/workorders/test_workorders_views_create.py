"""Opening an order from a page: scope of places, each bad input with its message next to its
field and nothing half-saved, the requester found by phone (POSTed), files checked by content
before anything is saved, a double submit opening one order, and the printable receipt."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from shiliu.audit.models import AuditEvent
from shiliu.people.services import resident_create
from shiliu.workorders.models import Attachment, OrderEvent, WorkOrder

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = reverse("workorders:create")


def form(wo, **overrides):
    data = {"channel": "hotline", "category": wo.insurance.pk, "description": "灵活就业怎么交社保",
            "place": wo.tree.xieshu.pk, "urgency": "normal", "language": "zh", "contact_name": "马女士",
            "contact_phone": "13812345678", "contact_consent": "on", "idempotency_key": "k1", "open": "1"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def errors(response) -> dict:
    return response.context["form"].errors


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def nothing_saved():
    return not WorkOrder.objects.exists() and not OrderEvent.objects.exists() and not Attachment.objects.exists()


def test_the_page_offers_only_places_in_the_users_area(wo, login, client):
    login(wo.people.worker)
    response = client.get(URL)
    assert response.status_code == 200
    places = list(response.context["form"].fields["place"].queryset)
    assert wo.tree.xieshu in places and wo.tree.dagang not in places and wo.tree.daqi not in places


def test_roles_that_do_not_open_orders_get_403(wo, login, client):
    for persona in ("liaison", "auditor", "nobody"):
        client.logout()
        login(getattr(wo.people, persona))
        assert client.get(URL).status_code == 403, persona
        assert client.post(URL, form(wo)).status_code == 403, persona
    assert nothing_saved()


def test_opening_redirects_to_the_order_with_its_tracking_code(wo, login, client):
    login(wo.people.operator)
    response = client.post(URL, form(wo), follow=True, **EN)
    order = WorkOrder.objects.get()
    assert response.redirect_chain[-1][0] == reverse("workorders:detail", args=[order.pk])
    page = response.content.decode()
    assert order.tracking_code in page and f"Work order {order.number} was opened" in page
    assert order.channel == "hotline" and order.unit == wo.tree.xieshu and order.contact_phone == "+8613812345678"
    assert order.created_by == wo.people.operator


def test_a_double_submit_opens_one_order(wo, login, client):
    login(wo.people.operator)
    first = client.post(URL, form(wo))
    second = client.post(URL, form(wo), **EN)
    assert WorkOrder.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_missing_category_and_empty_description_are_both_reported(wo, login, client):
    login(wo.people.operator)
    response = client.post(URL, form(wo, category="", description="  "), **EN)
    assert response.status_code == 200
    assert set(errors(response)) >= {"category", "description"}
    assert "Describe what the resident needs." in response.content.decode()
    assert nothing_saved()


def test_an_unknown_place_id_or_one_outside_the_area_is_not_listed(wo, login, client):
    login(wo.people.worker)
    for place in ("99999", str(wo.tree.dagang.pk), "x"):
        response = client.post(URL, form(wo, place=place), **EN)
        assert errors(response)["place"] == ["Choose a place from the list."], place
    assert nothing_saved()


def test_a_phone_that_is_not_one_is_refused_next_to_the_field(wo, login, client):
    login(wo.people.operator)
    response = client.post(URL, form(wo, contact_phone="12345"), **EN)
    assert "contact_phone" in errors(response)
    assert nothing_saved()


def test_a_name_without_consent_is_refused(wo, login, client):
    login(wo.people.operator)
    response = client.post(URL, form(wo, contact_consent=None), **EN)
    assert "contact_consent" in errors(response)
    assert nothing_saved()


def test_a_description_over_the_limit_gives_the_count(wo, login, client):
    login(wo.people.operator)
    response = client.post(URL, form(wo, description="很" * 5001), **EN)
    assert "At most 5000 characters; this has 5001." in " ".join(errors(response)["description"])
    assert nothing_saved()


def test_a_10_mb_description_gets_a_clear_page_and_nothing_is_saved(wo, login, client):
    login(wo.people.operator)
    response = client.post(URL, form(wo, description="x" * 10_000_000))
    assert response.status_code == 413
    assert "提交内容过大" in response.content.decode()
    assert nothing_saved()


def test_files_are_checked_before_anything_is_saved(wo, login, client):
    login(wo.people.operator)
    fake = SimpleUploadedFile("证明.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    response = client.post(URL, form(wo) | {"attachments": [fake]}, **EN)
    assert "is not a PDF file, whatever its name says" in " ".join(errors(response)["attachments"])
    assert nothing_saved()


def test_a_file_over_the_limit_is_refused(wo, login, client, settings):
    settings.SHILIU_UPLOAD_MAX_BYTES = 1000
    login(wo.people.operator)
    big = SimpleUploadedFile("说明.txt", "很".encode() * 400, content_type="text/plain")
    response = client.post(URL, form(wo) | {"attachments": [big]}, **EN)
    assert "larger than 0.001 MB" in " ".join(errors(response)["attachments"])
    assert nothing_saved()


def test_good_files_are_attached_with_the_order(wo, login, client):
    login(wo.people.operator)
    files = [SimpleUploadedFile("照片.png", png_bytes(), content_type="image/png"),
             SimpleUploadedFile("说明.txt", "居民说明".encode(), content_type="text/plain")]
    response = client.post(URL, form(wo) | {"attachments": files})
    assert response.status_code == 302
    order = WorkOrder.objects.get()
    assert sorted(order.attachments.values_list("name", flat=True)) == ["照片.png", "说明.txt"]
    assert order.events.filter(kind="file", internal=True).count() == 2


def test_the_requester_is_found_by_a_posted_phone_and_linked(wo, login, client):
    resident = resident_create(by=wo.people.worker, name="热依拉", place=wo.tree.xieshu, basis="asked",
                               phone="13900001111")
    login(wo.people.operator)
    response = client.post(URL, form(wo, requester_phone="139 0000 1111", find="1"), **EN)
    assert response.status_code == 200 and not WorkOrder.objects.exists()
    assert "热依拉 · 139****1111" in response.content.decode()
    search = AuditEvent.objects.get(action="workorder.requester_search")
    assert search.detail["ids"] == [resident.pk]
    response = client.post(URL, form(wo, requester=resident.pk))
    assert response.status_code == 302
    assert WorkOrder.objects.get().requester == resident


def test_a_requester_outside_the_area_is_refused(wo, login, client):
    elsewhere = resident_create(by=wo.people.other_worker, name="外区居民", place=wo.tree.dagang, basis="asked")
    login(wo.people.worker)
    response = client.post(URL, form(wo, requester=elsewhere.pk), **EN)
    assert "requester" in errors(response)
    assert nothing_saved()


def test_an_anonymous_request_needs_no_contact(wo, login, client):
    login(wo.people.operator)
    response = client.post(URL, form(wo, contact_name="", contact_phone="", contact_consent=None))
    assert response.status_code == 302
    order = WorkOrder.objects.get()
    assert order.contact_phone == "" and order.requester is None


def test_the_receipt_shows_the_code_and_a_masked_phone_and_is_audited(wo, login, client):
    login(wo.people.operator)
    client.post(URL, form(wo))
    order = WorkOrder.objects.get()
    page = client.get(reverse("workorders:receipt", args=[order.pk])).content.decode()
    assert order.tracking_code in page and "受理回执" in page and "138****5678" in page
    assert "13812345678" not in page
    assert f"/orders/track/{order.tracking_code}/" in page
    assert AuditEvent.objects.filter(action="workorder.receipt", target_id=str(order.pk)).exists()


def test_the_form_speaks_chinese_by_default(wo, login, client):
    login(wo.people.operator)
    page = client.get(URL).content.decode()
    assert "新建工单" in page and "服务类别" in page
    page = client.get(URL, **EN).content.decode()
    assert "Open a work order" in page
