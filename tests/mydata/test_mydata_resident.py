"""The resident's data page: only their phone's data, downloads, correction and deletion requests."""

import io
import json

from django.urls import reverse
from mydata_helpers import ME, OTHER, verify
from openpyxl import load_workbook

from shiliu.audit.models import AuditEvent
from shiliu.mydata.models import DataRequest
from shiliu.notify.models import Outbox


def test_without_a_verified_phone_the_page_asks_for_a_code(client, db):
    response = client.get(reverse("mydata:mine"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("portal:code"))
    assert client.get(reverse("mydata:download_json")).status_code == 302


def test_a_resident_sees_only_their_phones_data(client, held):
    verify(client)
    response = client.get(reverse("mydata:mine"))
    text = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert held.order.tracking_code in text and "灵活就业怎么交社保" in text and "石榴籽亲子运动会" in text
    assert held.other_order.tracking_code not in text and "别人的问题" not in text and "赵先生" not in text
    assert "13812345678" not in text  # masked even for its owner
    assert AuditEvent.objects.filter(action="mydata.own.view").count() == 1


def test_the_downloads_hold_only_that_phones_data(client, held):
    verify(client)
    response = client.get(reverse("mydata:download_json"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    text = json.dumps(data, ensure_ascii=False)
    assert {s["app"] for s in data["sections"]} == {"workorders", "activities"}
    assert held.order.tracking_code in text and "马女士" in text
    assert held.other_order.tracking_code not in text and "赵先生" not in text and "别人的问题" not in text
    response = client.get(reverse("mydata:download_xlsx"))
    workbook = load_workbook(io.BytesIO(response.content))
    cells = " ".join(str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row)
    assert held.order.tracking_code in cells and "赵先生" not in cells and "别人的问题" not in cells


def test_another_phone_sees_its_own_not_mine(client, held):
    verify(client, OTHER)
    text = client.get(reverse("mydata:mine")).content.decode()
    assert "别人的问题" in text and "灵活就业怎么交社保" not in text and "马女士" not in text


def test_asking_for_deletion_records_it_once_and_confirms_by_sms(client, held):
    verify(client)
    page = client.get(reverse("mydata:mine"))
    key = page.context["deletion_form"].initial["form_key"]
    for _ in range(2):  # the same form sent twice is one request
        response = client.post(reverse("mydata:ask", args=["delete"]), {"text": "不再需要", "form_key": key})
        assert response.status_code == 302
    request = DataRequest.objects.get()
    assert request.kind == "delete" and request.status == "received" and request.phone == ME
    sms = Outbox.objects.filter(template="mydata.received")
    assert sms.count() == 1 and sms.get().params["reference"] == request.reference
    assert request.reference in client.get(reverse("mydata:mine")).content.decode()


def test_a_correction_needs_its_text_next_to_the_field(client, held):
    verify(client)
    response = client.post(reverse("mydata:ask", args=["correct"]), {"section": "workorders", "text": " ",
                                                                     "form_key": "k1"})
    assert response.status_code == 422 and "text" in response.context["correction_form"].errors
    assert not DataRequest.objects.exists()
    response = client.post(reverse("mydata:ask", args=["correct"]), {"section": "workorders",
                                                                     "text": "名字应为马晓梅", "form_key": "k2"})
    assert response.status_code == 302
    assert DataRequest.objects.get().section == "workorders"


def test_the_resident_sees_only_their_own_requests(client, held):
    from shiliu.mydata.services import request_create
    request_create(phone=OTHER, kind="delete", text="别人的请求")
    verify(client)
    text = client.get(reverse("mydata:mine")).content.decode()
    assert "别人的请求" not in text
