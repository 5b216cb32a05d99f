"""Files on a work order (SECURITY.md B6).

A file is judged by its content, never by its name or the browser's content type: the first
bytes must be those of the kind its extension names (a PDF that starts ``%PDF-``, a Word file
that is a zip whose ``[Content_Types].xml`` declares a Word document, ...). Photos are
re-encoded from their pixels (shiliu.core.images), so EXIF and GPS never reach storage. A file
is stored under a random token outside the web root and served only through the scoped view
``workorders:attachment``, as a download.
"""

import hashlib
import io
import secrets
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shiliu.audit.services import audit_write
from shiliu.core.images import clean_image
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE
from shiliu.workorders import machine
from shiliu.workorders.choices import EventKind
from shiliu.workorders.models import Attachment, OrderEvent, WorkOrder

NAME_MAX = 120
# extension -> kind; the kind decides the check and the content type served
EXTENSIONS = {
    "pdf": "pdf", "png": "png", "jpg": "jpeg", "jpeg": "jpeg", "gif": "gif", "webp": "webp",
    "docx": "docx", "xlsx": "xlsx", "txt": "text",
}
CONTENT_TYPES = {
    "pdf": "application/pdf", "png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": XLSX_CONTENT_TYPE,
    "text": "text/plain; charset=utf-8",
}
KIND_NAMES = {"pdf": "PDF", "png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP", "docx": "Word (.docx)",
              "xlsx": "Excel (.xlsx)", "text": gettext_lazy("plain text")}
# What an Office file's [Content_Types].xml must declare for its main part.
OFFICE_MAIN_PART = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
CONTENT_TYPES_MAX = 1_000_000  # a real [Content_Types].xml is a few kB; refuse a "zip bomb" entry
ACCEPT = ",".join(f".{e}" for e in EXTENSIONS)  # for <input accept>


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content: bytes
    content_type: str


def _read(upload: Any, limit: int) -> bytes:
    """At most ``limit`` + 1 bytes, without reading more of a file announced as larger."""
    size = getattr(upload, "size", None)
    if isinstance(size, int) and size > limit:
        return b""
    if hasattr(upload, "seek"):
        upload.seek(0)
    chunks, read = [], 0
    while read <= limit:
        chunk = upload.read(min(65536, limit + 1 - read))
        if not chunk:
            break
        chunks.append(chunk)
        read += len(chunk)
    return b"".join(chunks)


def _size_message(limit: int) -> str:
    return _("The file is larger than %(size)s MB. Attach a smaller file.") % {"size": f"{limit / 1_000_000:g}"}


def _office_kind(data: bytes) -> str:
    """"docx", "xlsx" or "" for a zip that declares neither (or is no zip at all)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > CONTENT_TYPES_MAX:
                return ""
            declared = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError):
        return ""
    for kind, marker in OFFICE_MAIN_PART.items():
        if marker in declared:
            return kind
    return ""


def sniff(data: bytes) -> str:
    """The kind of file the bytes are, whatever the name says; "" when none we accept."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    if b"\x00" not in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return ""
        return "text"
    return ""


def check_upload(upload: Any, *, field: str = "file") -> CheckedFile:
    """The upload's content if it is what its name says and within the size limit; otherwise
    ValidationError({field: [message]}). Writes nothing: call it before any change."""
    limit = settings.SHILIU_UPLOAD_MAX_BYTES
    raw_name = str(getattr(upload, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(ch for ch in raw_name if ch.isprintable())[-NAME_MAX:]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = EXTENSIONS.get(extension)
    if expected is None:
        raise ValidationError({field: [_("Attach a PDF, a photo (JPEG, PNG, GIF, WebP), a Word or Excel file, or "
                                         "plain text; “%(name)s” is none of these.") % {"name": name or "?"}]})
    data = _read(upload, limit)
    size = getattr(upload, "size", None)
    if len(data) > limit or (not data and isinstance(size, int) and size > 0):
        raise ValidationError({field: [_size_message(limit)]})
    if not data:
        raise ValidationError({field: [_("The file “%(name)s” is empty.") % {"name": name}]})
    actual = sniff(data)
    if actual != expected:
        raise ValidationError({field: [
            _("“%(name)s” is not a %(kind)s file, whatever its name says. Attach the real document.")
            % {"name": name, "kind": KIND_NAMES[expected]}]})
    if actual in ("png", "jpeg", "webp"):
        # Re-encoded from the pixels: a photo's EXIF (GPS position, camera) is left behind.
        try:
            image = clean_image(data, max_bytes=limit)
        except ValidationError as e:
            raise ValidationError({field: e.messages}) from None
        data = image.content
    return CheckedFile(name=name, content=data, content_type=CONTENT_TYPES[actual])


@transaction.atomic
def attachment_add(*, by, order: WorkOrder, upload: Any, checked: CheckedFile | None = None) -> Attachment:
    """Attach a file to the order: whoever may write a note may attach (machine.may_note).

    Refuses (ValidationError on ``file``) a file over ``SHILIU_UPLOAD_MAX_BYTES``, of a kind not
    accepted, or whose content is not what its extension names. Appends an internal ``file``
    event to the timeline and writes a ``workorder.attach`` audit record, in one transaction.
    ``checked`` is the result of an earlier ``check_upload`` of the same upload.
    """
    order = WorkOrder.objects.select_related("place", "unit").get(pk=order.pk)
    if not machine.may_note(order, by):
        raise PermissionDenied()
    checked = checked or check_upload(upload)
    token = secrets.token_hex(16)
    event = OrderEvent.objects.create(order=order, at=timezone.now(), kind=EventKind.FILE, actor=by, unit=order.unit,
                                      note=checked.name, internal=True,
                                      data={"size": len(checked.content), "content_type": checked.content_type})
    attachment = Attachment(order=order, event=event, token=token, name=checked.name,
                            content_type=checked.content_type, size=len(checked.content),
                            sha256=hashlib.sha256(checked.content).hexdigest(), uploaded_by=by)
    # The stored name is the order's folder and the token (models.attachment_path), never the uploader's.
    attachment.file.save(token, ContentFile(checked.content), save=False)
    attachment.save()
    audit_write(by=by, action="workorder.attach", target=order, subject_id=order.requester_id,
                detail={"attachment": attachment.pk, "size": attachment.size, "type": checked.content_type})
    return attachment
