"""Attaching files to one's own request through the portal API: the ask page's checks, problem+json."""

import io

import pytest
from portal_helpers import E164, OTHER, PHONE, categories, last_code

from shiliu.workorders.models import Attachment, WorkOrder

pytestmark = pytest.mark.django_db
BASE = "/api/v1/portal"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _token(client, phone=PHONE, e164=E164) -> dict:
    assert client.post(f"{BASE}/code", {"phone": phone}, content_type="application/json").status_code == 202
    response = client.post(f"{BASE}/code/verify", {"phone": phone, "code": last_code(e164)},
                           content_type="application/json")
    return {"HTTP_X_RESIDENT_TOKEN": response.json()["token"]}


def _file(name="proof.pdf", content=PDF):
    f = io.BytesIO(content)
    f.name = name
    return f


@pytest.fixture
def asked(client, tree):
    categories()
    headers = _token(client)
    body = {"description": "孩子转学需要什么材料？", "place": tree.xieshu.pk, "consent": True, "form_key": "api-f"}
    response = client.post(f"{BASE}/requests", body, content_type="application/json", **headers)
    assert response.status_code == 201
    return headers, response.json()["tracking_code"]


def _send(client, tracking, headers, files, **extra):
    return client.post(f"{BASE}/requests/{tracking}/files", {"attachments": files}, **headers, **extra)


def test_a_resident_attaches_a_pdf_to_their_request(client, asked):
    headers, tracking = asked
    response = _send(client, tracking, headers, [_file()])
    assert response.status_code == 201, response.content
    assert response.json()["files"][0]["name"] == "proof.pdf"
    attachment = Attachment.objects.get()
    assert attachment.order == WorkOrder.objects.get() and attachment.content_type == "application/pdf"


def test_several_files_are_attached_at_once(client, asked):
    headers, tracking = asked
    response = _send(client, tracking, headers, [_file("a.pdf"), _file("b.txt", "你好".encode())])
    assert response.status_code == 201 and len(response.json()["files"]) == 2
    assert Attachment.objects.count() == 2


def test_without_a_token_it_is_401_and_nothing_is_attached(client, asked):
    _headers, tracking = asked
    response = _send(client, tracking, {"HTTP_X_RESIDENT_TOKEN": "forged"}, [_file()])
    assert response.status_code == 401 and response["Content-Type"].startswith("application/problem+json")
    assert not Attachment.objects.exists()


def test_another_phones_request_is_404_and_nothing_is_attached(client, asked):
    _headers, tracking = asked
    stranger = _token(client, OTHER, "+86" + OTHER)
    response = _send(client, tracking, stranger, [_file()])
    assert response.status_code == 404 and response["Content-Type"].startswith("application/problem+json")
    assert not Attachment.objects.exists()


def test_an_unknown_tracking_code_is_404(client, asked):
    headers, _tracking = asked
    assert _send(client, "NOPE1234", headers, [_file()]).status_code == 404


def test_a_body_declared_as_100_mb_is_refused_413_before_it_is_read(client, asked):
    headers, tracking = asked
    response = _send(client, tracking, headers, [_file()], CONTENT_LENGTH=str(100 * 1024 * 1024))
    assert response.status_code == 413 and response["Content-Type"].startswith("application/problem+json")
    assert response.json()["detail"]  # "larger than the server accepts. Nothing was saved ..."
    assert not Attachment.objects.exists()


def test_a_file_over_the_limit_is_413_with_the_pages_message(client, asked, settings):
    headers, tracking = asked
    settings.SHILIU_UPLOAD_MAX_BYTES = 1000  # the same check as 100 MB against 10 MB, without 100 MB in memory
    response = _send(client, tracking, headers, [_file(content=PDF + b"0" * 2000)])
    assert response.status_code == 413
    body = response.json()
    assert "MB" in body["detail"] and body["errors"]["attachments"]
    assert not Attachment.objects.exists()


def test_a_file_that_is_not_what_its_name_says_is_422_on_the_field(client, asked):
    headers, tracking = asked
    response = _send(client, tracking, headers, [_file("scan.pdf", b"MZ\x90\x00 not a pdf")])
    assert response.status_code == 422 and response["Content-Type"].startswith("application/problem+json")
    message = response.json()["errors"]["attachments"][0]
    assert "scan.pdf" in message and "PDF" in message
    assert not Attachment.objects.exists()


def test_one_bad_file_attaches_none_of_them(client, asked):
    headers, tracking = asked
    response = _send(client, tracking, headers, [_file("good.pdf"), _file("bad.exe", b"MZ")])
    assert response.status_code == 422
    assert not Attachment.objects.exists()


def test_no_file_is_422(client, asked):
    headers, tracking = asked
    response = client.post(f"{BASE}/requests/{tracking}/files", {}, **headers)
    assert response.status_code == 422 and "attachments" in response.json()["errors"]


def test_at_most_five_files_a_request_counting_those_already_attached(client, asked):
    headers, tracking = asked
    assert _send(client, tracking, headers, [_file(f"{n}.pdf") for n in range(3)]).status_code == 201
    response = _send(client, tracking, headers, [_file(f"x{n}.pdf") for n in range(3)])
    assert response.status_code == 422 and "attachments" in response.json()["errors"]
    assert Attachment.objects.count() == 3


def test_a_closed_request_takes_no_files(client, asked):
    headers, tracking = asked
    WorkOrder.objects.update(is_open=False)
    response = _send(client, tracking, headers, [_file()])
    assert response.status_code == 409 and not Attachment.objects.exists()


def test_attaching_is_rate_limited(client, asked):
    from shiliu.portal import limits

    headers, tracking = asked
    for _n in range(limits.FILES_PER_PHONE.count):
        _send(client, tracking, headers, [])
    response = _send(client, tracking, headers, [_file()])
    assert response.status_code == 429 and response["Retry-After"]
