"""Compile the committed .po catalogs into .mo files on start-up.

The .mo files are build products, so they are not committed; polib writes them
without needing GNU gettext on the machine. Only stale catalogs are rewritten.
"""

import os
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def compile_catalogs(root: Path = ROOT) -> int:
    written = 0
    for po_path in root.rglob("locale/*/LC_MESSAGES/*.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        # Written aside, then renamed: a process reading the catalog never sees half a file.
        partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}.tmp")
        polib.pofile(str(po_path)).save_as_mofile(str(partial))
        os.replace(partial, mo_path)
        written += 1
    return written
