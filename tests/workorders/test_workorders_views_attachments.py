"""Files on an order (B6): judged by content against the name, size capped, photos re-encoded
without EXIF, stored under a random token, served only in scope, as a download, audited."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from shiliu.audit.models import AuditEvent
from shiliu.workorders.attachments import attachment_add, sniff
from shiliu.workorders.models import Attachment, OrderEvent

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def office(main_part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", f'<Types><Override ContentType="{main_part}"/></Types>')
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


DOCX = office("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
XLSX = office("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")


def image(fmt: str, exif: bool = False) -> bytes:
    buffer = io.BytesIO()
    picture = Image.new("RGB", (8, 8), (10, 120, 40))
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        picture.save(buffer, fmt, exif=data.tobytes())
    else:
        picture.save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "kind"), [
    (b"%PDF-1.7\n...", "pdf"), (image("PNG"), "png"), (image("JPEG"), "jpeg"), (image("GIF"), "gif"),
    (image("WEBP"), "webp"), (DOCX, "docx"), (XLSX, "xlsx"), ("居民说明\n".encode(), "text"),
    (b"MZ\x90\x00\x03\x00\x00\x00", ""), (b"PK\x03\x04not really a zip", ""), (b"\xff\xfe\x00t\x00e", ""),
])
def test_the_kind_is_read_from_the_content(data, kind):
    assert sniff(data) == kind


@pytest.mark.parametrize(("name", "data"), [
    ("证明.pdf", image("PNG")), ("照片.jpg", b"%PDF-1.4"), ("表格.xlsx", DOCX), ("合同.docx", XLSX),
    ("说明.txt", b"MZ\x90\x00\x00program"), ("程序.exe", b"MZ\x90\x00"), ("无扩展名", b"hello"),
])
def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_saved(wo, name, data):
    order = wo.open()
    with pytest.raises(ValidationError) as e:
        attachment_add(by=wo.people.worker, order=order, upload=SimpleUploadedFile(name, data))
    assert "file" in e.value.message_dict
    assert not Attachment.objects.exists() and not OrderEvent.objects.filter(kind="file").exists()


def test_a_file_over_the_limit_is_refused(wo, settings):
    settings.SHILIU_UPLOAD_MAX_BYTES = 100
    order = wo.open()
    with pytest.raises(ValidationError) as e:
        attachment_add(by=wo.people.worker, order=order, upload=SimpleUploadedFile("a.txt", b"a" * 101))
    assert "文件大于 0.0001 MB" in " ".join(e.value.message_dict["file"])


def test_a_photo_loses_its_exif_and_is_stored_under_a_random_name(wo):
    order = wo.open()
    raw = image("JPEG", exif=True)
    assert b"SecretCam" in raw
    attachment = attachment_add(by=wo.people.worker, order=order, upload=SimpleUploadedFile("现场.jpg", raw))
    stored = attachment.file.read()
    assert b"SecretCam" not in stored and stored.startswith(b"\xff\xd8\xff")
    assert "现场" not in attachment.file.name and attachment.token in attachment.file.name
    assert attachment.event.kind == "file" and attachment.event.internal
    assert AuditEvent.objects.filter(action="workorder.attach", target_id=str(order.pk)).exists()


def test_only_who_may_write_a_note_may_attach(wo):
    order = wo.open()
    with pytest.raises(PermissionDenied):
        attachment_add(by=wo.people.other_worker, order=order, upload=SimpleUploadedFile("a.txt", b"hi"))


def test_the_page_attaches_and_the_download_is_scoped_forced_and_audited(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    url = reverse("workorders:act", args=[order.pk, "attach"])
    response = client.post(url, {"attach-file": SimpleUploadedFile("说明.txt", "居民说明".encode())})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    download = reverse("workorders:attachment", args=[order.pk, attachment.token])
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == "居民说明".encode()
    assert AuditEvent.objects.filter(action="workorder.attachment").count() == 1
    assert client.get(reverse("workorders:attachment", args=[order.pk, "0" * 32])).status_code == 404
    client.logout()
    login(wo.people.other_worker)
    assert client.get(download).status_code == 404


def test_the_page_shows_a_refused_file_next_to_the_field(wo, login, client):
    order = wo.open()
    login(wo.people.worker)
    url = reverse("workorders:act", args=[order.pk, "attach"])
    response = client.post(url, {"attach-file": SimpleUploadedFile("证明.pdf", b"<html>not a pdf")}, **EN)
    assert response.status_code == 200
    assert "is not a PDF file, whatever its name says" in response.content.decode()
    response = client.post(url, {}, **EN)
    assert "Choose a file to attach." in response.content.decode()
    assert not Attachment.objects.exists()
