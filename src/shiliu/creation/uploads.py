"""Uploaded documents: PDF, Word (.docx) or Excel (.xlsx), judged by their content (B6).

The name and the browser's content type are ignored: a file is a PDF when it starts with
``%PDF-``, and a .docx or .xlsx when it is a zip holding the Office parts of that kind.
Anything else (an executable renamed ``report.pdf``, a macro-enabled workbook, an old
binary .doc) is refused with a message for the person who uploaded it. Photos go through
``shiliu.core.images.clean_image`` instead.
"""

import io
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE

PDF = "pdf"
DOCX = "docx"
XLSX = "xlsx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: XLSX_CONTENT_TYPE,
}
# The part each Office kind must hold, and parts that carry macros (refused: they can run code).
_MAIN_PART = {DOCX: "word/document.xml", XLSX: "xl/workbook.xml"}
_MACROS = ("vbaProject.bin", "vbaData.xml")


@dataclass(frozen=True)
class CleanDocument:
    content: bytes
    kind: str  # PDF, DOCX or XLSX

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.kind]

    @property
    def extension(self) -> str:
        return self.kind


def _read_bounded(upload: Any, max_bytes: int) -> bytes:
    """At most ``max_bytes`` + 1 bytes of an UploadedFile, a file object or bytes."""
    if isinstance(upload, bytes | bytearray | memoryview):
        return bytes(upload[: max_bytes + 1])
    size = getattr(upload, "size", None)
    if isinstance(size, int) and size > max_bytes:
        return b"\0" * (max_bytes + 1)  # refused without reading it
    if hasattr(upload, "seek"):
        upload.seek(0)
    stream: IO[bytes] = upload
    chunks, read = [], 0
    while read <= max_bytes:
        chunk = stream.read(min(65536, max_bytes + 1 - read))
        if not chunk:
            break
        chunks.append(chunk)
        read += len(chunk)
    return b"".join(chunks)


def _not_a_document() -> ValidationError:
    return ValidationError(_("This file is not a PDF, Word (.docx) or Excel (.xlsx) document."),
                           code="not_a_document")


def _office_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise _not_a_document() from None
    if "[Content_Types].xml" not in names:
        raise _not_a_document()
    if any(name.rsplit("/", 1)[-1] in _MACROS for name in names):
        raise ValidationError(_("Documents with macros are not accepted. Save it as a plain .docx or .xlsx."),
                              code="macros")
    for kind, part in _MAIN_PART.items():
        if part in names:
            return kind
    raise _not_a_document()


def clean_document(upload: Any, *, max_bytes: int) -> CleanDocument:
    """Check an uploaded document by its content. Refused (ValidationError, code ``too_large``,
    ``empty``, ``not_a_document`` or ``macros``): more than ``max_bytes`` bytes, or anything
    but a PDF, a .docx or a .xlsx without macros."""
    data = _read_bounded(upload, max_bytes)
    if len(data) > max_bytes:
        raise ValidationError(_("The file is larger than %(size)s MB. Choose a smaller file.")
                              % {"size": f"{max_bytes / 1_000_000:g}"}, code="too_large")
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    if data.startswith(b"%PDF-"):
        return CleanDocument(content=data, kind=PDF)
    if data.startswith(b"PK\x03\x04"):
        return CleanDocument(content=data, kind=_office_kind(data))
    raise _not_a_document()
