"""Rebuild the receipt fonts: subsets of two open-licensed fonts, shipped in the package.

    apt-get install -y fonts-droid-fallback fonts-dejavu-core
    PYTHONPATH=src .venv/bin/python -m shiliu.windows.fonts.build

``receipt-cjk.ttf`` is Droid Sans Fallback (Apache-2.0) cut to the general and CJK punctuation,
the full-width forms, the 6,763 hanzi and the symbols of GB 2312, and every CJK character
written anywhere in Shiliu's sources and catalogs (item names of the sample guide, demo places).
Droid Sans Fallback has no Latin letters or digits, so ``receipt-latin.ttf`` is DejaVu Sans
(Bitstream Vera licence, DejaVu changes public domain) cut to ASCII, Latin-1, general
punctuation and □; the receipt writes in the Latin font and falls back to the CJK one.
See docs/decisions/0018-intake-receipts-pdf.md.
"""

import re
import sys
from pathlib import Path

from fontTools import subset

HERE = Path(__file__).resolve().parent
TARGET = HERE / "receipt-cjk.ttf"
LATIN_TARGET = HERE / "receipt-latin.ttf"
CJK_SOURCE = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"
LATIN_SOURCE = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SOURCES = HERE.parent.parent  # src/shiliu
CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def gb2312() -> set[str]:
    """Every character GB 2312 encodes (rows 1-9 symbols, 16-87 hanzi)."""
    chars = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


def used_in_sources() -> set[str]:
    chars: set[str] = set()
    for path in SOURCES.rglob("*"):
        if path.suffix in {".py", ".po", ".html", ".md", ".json", ".txt"} and path.is_file():
            chars.update(CJK.findall(path.read_text(encoding="utf-8", errors="ignore")))
    return chars


def latin() -> set[str]:
    chars = {chr(c) for c in range(0x20, 0x7F)} | {chr(c) for c in range(0xA0, 0x100)}
    chars |= {chr(c) for c in range(0x2000, 0x2070)}  # general punctuation
    return chars | {"\u25a1"}


def wanted() -> set[str]:
    chars = {chr(c) for c in range(0x2000, 0x2070)}  # general punctuation
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK symbols and punctuation
    chars |= {chr(c) for c in range(0xFF00, 0xFFF0)}  # full-width forms
    chars |= {"\u25a1"}  # □, the placeholder for a character outside the subset
    return chars | gb2312() | used_in_sources()


def build(source: str, target: Path = TARGET, chars: set[str] | None = None) -> int:
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(source, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in (wanted() if chars is None else chars)])
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return target.stat().st_size


if __name__ == "__main__":
    print(f"{TARGET.name}: {build(sys.argv[1] if len(sys.argv) > 1 else CJK_SOURCE)} bytes")
    latin_size = build(sys.argv[2] if len(sys.argv) > 2 else LATIN_SOURCE, LATIN_TARGET, latin())
    print(f"{LATIN_TARGET.name}: {latin_size} bytes")
