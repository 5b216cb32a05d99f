"""Shared data for the creation tests: files of every kind, and sites in and out of 大碶."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from shiliu.creation.choices import Level, SiteStatus
from shiliu.creation.services import site_create

PAGE_BASE_QUERIES = 3  # session, user, roles


def audit_queries() -> int:
    """Queries one audit append costs inside a test's transaction: the last hash and the insert
    (PostgreSQL: one statement that moves the chain's head and inserts). No savepoint of its own."""
    return 1 if connection.vendor == "postgresql" else 2


def pdf_bytes() -> bytes:
    from shiliu.creation.demo import demo_pdf

    return demo_pdf("test evidence")


def office_bytes(kind: str, *, macros: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
        if macros:
            archive.writestr(("word/" if kind == "docx" else "xl/") + "vbaProject.bin", b"\0macro")
    return buffer.getvalue()


def png_bytes(*, gps: bool = False) -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 40))
    buffer = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"  # camera maker
        exif[0x8825] = {1: "N", 2: (29.0, 52.0, 30.0)}  # GPS: latitude
        image.save(buffer, "JPEG", exif=exif)
    else:
        image.save(buffer, "PNG")
    return buffer.getvalue()


# The start of a Windows executable (an "MZ" header and its DOS stub message).
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 200 + b"This program cannot be run"


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


class Sites:
    """谢墅 (大碶, the officer's and the worker's), 大港 (新碶) public and 大港 private."""

    def __init__(self, tree, people):
        self.xieshu = site_create(by=people.admin, name="谢墅社区示范点", level=Level.CITY, place=tree.xieshu,
                                  status=SiteStatus.NAMED, named_year=2021)
        self.jiufeng = site_create(by=people.admin, name="九峰社区示范点", level=Level.DISTRICT, place=tree.jiufeng)
        self.dagang = site_create(by=people.admin, name="大港社区示范社区", level=Level.PROVINCIAL, place=tree.dagang,
                                  status=SiteStatus.NAMED, named_year=2019)
        self.dagang_private = site_create(by=people.admin, name="大港候选点", level=Level.DISTRICT, place=tree.dagang,
                                          public=False)
