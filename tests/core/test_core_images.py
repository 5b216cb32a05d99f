"""shiliu.core.images: uploads are judged by their content, bounded, and stored without metadata (B6)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from PIL.ExifTags import GPS, IFD

from shiliu.core.images import clean_image, make_thumbnail

MB = 1_000_000


def jpeg_with_gps(size=(64, 48), orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[IFD.GPSInfo] = {GPS.GPSLatitudeRef: "N", GPS.GPSLatitude: (29.0, 53.0, 12.0),
                         GPS.GPSLongitudeRef: "E", GPS.GPSLongitude: (121.0, 50.0, 3.0)}
    if orientation:
        exif[0x0112] = orientation
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def test_gps_and_every_exif_tag_are_gone_after_cleaning():
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(IFD.GPSInfo)  # the test photo has a position
    cleaned = clean_image(SimpleUploadedFile("p.jpg", original), max_bytes=MB)
    stored = Image.open(io.BytesIO(cleaned.content))
    assert stored.format == "JPEG" and cleaned.format == "JPEG" and cleaned.content_type == "image/jpeg"
    assert not stored.getexif()
    assert "exif" not in stored.info
    assert b"PhoneMaker" not in cleaned.content


def test_a_rotated_phone_photo_is_stored_upright():
    cleaned = clean_image(jpeg_with_gps(size=(64, 48), orientation=6), max_bytes=MB)
    assert (cleaned.width, cleaned.height) == (48, 64)


def test_an_executable_named_jpg_is_refused():
    exe = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200 + b"This program",
                             content_type="image/jpeg")
    with pytest.raises(ValidationError) as e:
        clean_image(exe, max_bytes=MB)
    assert e.value.code == "not_an_image"


def test_a_truncated_jpeg_is_refused():
    with pytest.raises(ValidationError):
        clean_image(jpeg_with_gps()[:300], max_bytes=MB)


def test_a_gif_is_not_among_the_accepted_formats():
    buffer = io.BytesIO()
    Image.new("P", (4, 4)).save(buffer, "GIF")
    with pytest.raises(ValidationError):
        clean_image(buffer.getvalue(), max_bytes=MB)


def test_size_is_capped_before_decoding():
    with pytest.raises(ValidationError) as e:
        clean_image(SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * 2000), max_bytes=1000)
    assert e.value.code == "too_large"
    with pytest.raises(ValidationError) as e:
        clean_image(b"", max_bytes=1000)
    assert e.value.code == "empty"


def test_a_decompression_bomb_is_refused_by_its_declared_size():
    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")  # 144 megapixels in a few kilobytes
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(ValidationError) as e:
        clean_image(buffer.getvalue(), max_bytes=MB)
    assert e.value.code == "too_many_pixels"
    with pytest.raises(ValidationError) as e:
        clean_image(jpeg_with_gps(size=(200, 200)), max_bytes=MB, max_pixels=10_000)
    assert e.value.code == "too_many_pixels"


def test_png_keeps_its_transparency_and_webp_stays_webp():
    buffer = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 0, 0, 0)).save(buffer, "PNG")
    png = clean_image(buffer.getvalue(), max_bytes=MB)
    assert png.format == "PNG" and Image.open(io.BytesIO(png.content)).mode == "RGBA"
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "WEBP")
    assert clean_image(buffer.getvalue(), max_bytes=MB).format == "WEBP"


def test_max_side_shrinks_a_large_photo():
    cleaned = clean_image(jpeg_with_gps(size=(400, 200)), max_bytes=MB, max_side=100)
    assert (cleaned.width, cleaned.height) == (100, 50)


def test_thumbnail_is_a_small_jpeg_keeping_proportions():
    buffer = io.BytesIO()
    Image.new("RGBA", (300, 150), (0, 0, 0, 0)).save(buffer, "PNG")
    thumb = Image.open(io.BytesIO(make_thumbnail(buffer.getvalue(), 120)))
    assert thumb.format == "JPEG" and thumb.size == (120, 60)


def test_refusal_is_in_the_users_language():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as e:
        clean_image(b"not an image at all", max_bytes=MB)
    assert "JPEG" in e.value.messages[0] and "照片" in e.value.messages[0]
