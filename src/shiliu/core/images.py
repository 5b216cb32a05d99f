"""Uploaded images: checked by content, bounded, and re-encoded before anything is stored (B6).

``clean_image`` decides what an upload is by decoding it with Pillow, never by its name or
the browser's content type, so an executable named ``photo.jpg`` is refused. It bounds the
bytes read and the pixel count declared in the header before decoding the pixels (a
"decompression bomb" is a small file that unpacks to gigabytes), turns the picture upright
from its EXIF orientation, and writes a fresh file from the pixels alone: EXIF (GPS position,
camera serial numbers, time taken), XMP, ICC profiles and text chunks are all left behind.

``make_thumbnail`` makes a small JPEG from an image ``clean_image`` produced.

Both raise ``django.core.exceptions.ValidationError`` with a message for the person who
uploaded; a service puts it under its own field name::

    try:
        image = clean_image(upload, max_bytes=settings.SHILIU_UPLOAD_MAX_BYTES)
    except ValidationError as e:
        raise ValidationError({"photo": e.messages}) from None
"""

import io
import struct
import warnings
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# What Shiliu accepts and writes: the three formats every phone browser shows.
FORMATS = ("JPEG", "PNG", "WEBP")
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}

# 50 megapixels: above any phone camera's normal mode (a 48 MP sensor is 8000 x 6000),
# far below what would exhaust a worker's memory (about 200 MB decoded as RGBA).
MAX_PIXELS = 50_000_000
JPEG_QUALITY = 85
THUMBNAIL_QUALITY = 80


@dataclass(frozen=True)
class CleanImage:
    """An image re-encoded from its pixels only: safe to store and to serve."""

    content: bytes
    width: int
    height: int
    format: str  # one of FORMATS

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.format]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


def _read_bounded(upload: Any, max_bytes: int) -> bytes:
    """At most ``max_bytes`` + 1 bytes of an UploadedFile, a file object or bytes."""
    if isinstance(upload, bytes | bytearray | memoryview):
        return bytes(upload[: max_bytes + 1])
    size = getattr(upload, "size", None)
    if isinstance(size, int) and size > max_bytes:
        return b"\0" * (max_bytes + 1)  # refused below without reading a byte of it
    if hasattr(upload, "seek"):
        upload.seek(0)
    chunks, read = [], 0
    stream: IO[bytes] = upload
    while read <= max_bytes:
        chunk = stream.read(min(65536, max_bytes + 1 - read))
        if not chunk:
            break
        chunks.append(chunk)
        read += len(chunk)
    return b"".join(chunks)


def _too_large_message(max_bytes: int) -> str:
    return _("The image is larger than %(size)s MB. Choose a smaller photo.") % {
        "size": f"{max_bytes / 1_000_000:g}"}


def _not_an_image() -> ValidationError:
    return ValidationError(_("This file is not a photo in JPEG, PNG or WebP format."), code="not_an_image")


def _too_many_pixels(max_pixels: int) -> ValidationError:
    return ValidationError(_("The picture has too many pixels. Choose a photo of at most %(mp)s megapixels.")
                           % {"mp": max_pixels // 1_000_000}, code="too_many_pixels")


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """Decode ``data`` fully, refusing anything but the accepted formats and oversized pictures."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data), formats=FORMATS)
            width, height = probe.size
            if width * height > max_pixels or width < 1 or height < 1:
                raise _too_many_pixels(max_pixels)
            probe.verify()  # structure and checksums, before the costly decode
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            image.load()
            return image
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise _too_many_pixels(max_pixels) from None
    except UnidentifiedImageError:
        raise _not_an_image() from None
    except (OSError, SyntaxError, ValueError, EOFError, struct.error):
        # A truncated or damaged file fails in many ways; all mean "not a usable photo".
        raise _not_an_image() from None


def _pixels_only(image: Image.Image, output: str) -> Image.Image:
    """The picture turned upright, in a mode ``output`` can store, without any metadata."""
    upright = ImageOps.exif_transpose(image) or image
    if upright.mode == "P" or (upright.mode not in ("RGB", "RGBA", "L", "LA")):
        has_alpha = upright.mode in ("PA", "RGBa", "La") or "transparency" in upright.info
        upright = upright.convert("RGBA" if has_alpha else "RGB")
    if output == "JPEG" and upright.mode in ("RGBA", "LA"):
        background = Image.new("RGB", upright.size, (255, 255, 255))
        background.paste(upright, mask=upright.getchannel("A"))
        upright = background
    # A new image from the raw pixels: nothing of the original's info, EXIF or profile remains.
    return Image.frombytes(upright.mode, upright.size, upright.tobytes())


def _encode(image: Image.Image, output: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    if output == "JPEG":
        image.save(buffer, "JPEG", quality=quality, optimize=True)
    elif output == "PNG":
        image.save(buffer, "PNG", optimize=True)
    else:
        image.save(buffer, "WEBP", quality=quality)
    return buffer.getvalue()


def clean_image(upload: Any, *, max_bytes: int, max_pixels: int = MAX_PIXELS, max_side: int | None = None,
                output: str | None = None) -> CleanImage:
    """Check an uploaded image by its content and return it re-encoded without metadata.

    ``upload`` is a Django UploadedFile, a binary file object or bytes. Refused (ValidationError,
    code ``too_large``, ``empty``, ``not_an_image`` or ``too_many_pixels``): more than
    ``max_bytes`` bytes, anything Pillow does not decode as JPEG, PNG or WebP (whatever its
    name), more than ``max_pixels`` pixels. ``max_side`` shrinks a larger picture to that
    many pixels on its long side. ``output`` is the format written (JPEG, PNG or WEBP), by
    default the format received.
    """
    data = _read_bounded(upload, max_bytes)
    if len(data) > max_bytes:
        raise ValidationError(_too_large_message(max_bytes), code="too_large")
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    image = _open(data, max_pixels)
    fmt = output or image.format or "JPEG"
    if fmt not in FORMATS:
        raise ValueError(f"clean_image writes {FORMATS}, not {fmt!r}")
    clean = _pixels_only(image, fmt)
    if max_side and max(clean.size) > max_side:
        clean.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return CleanImage(content=_encode(clean, fmt, JPEG_QUALITY), width=clean.width, height=clean.height,
                      format=fmt)


def make_thumbnail(content: bytes, size: int | tuple[int, int]) -> bytes:
    """A JPEG at most ``size`` pixels wide and high (an int for a square box), proportions kept.

    ``content`` is an image clean_image wrote; anything else is decoded with the same checks.
    """
    box = (size, size) if isinstance(size, int) else size
    image = _open(content, MAX_PIXELS)
    thumb = _pixels_only(image, "JPEG")
    thumb.thumbnail(box, Image.Resampling.LANCZOS)
    return _encode(thumb, "JPEG", THUMBNAIL_QUALITY)
