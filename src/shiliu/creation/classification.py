"""SECURITY.md A1 for creation work: joins shiliu.core.classification.FIELDS."""

from shiliu.core.classification import CREATED, FOREVER, GENERAL, ID, PERSONAL, RECORD, VERSION, F

_G = F(GENERAL, "creation work of a place (demonstration sites, brands, honours)", FOREVER)
_WHO = F(PERSONAL, "accountability: which staff member recorded it", RECORD)
_EVIDENCE = F(GENERAL, "proof of a six-ones item, kept when withdrawn (auditable progress)", FOREVER)

FIELDS = {
    "creation.DemonstrationSite": {
        "id": ID, "name": _G, "level": _G, "place": _G, "status": _G, "named_year": _G, "description": _G,
        "public": F(GENERAL, "seen read-only by the whole district when public", FOREVER),
        "created_by": _WHO, "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "creation.SixOnesItem": {"id": ID, "site": _G, "kind": _G, "note": _G},
    "creation.Evidence": {
        "id": ID, "item": _EVIDENCE, "kind": _EVIDENCE, "activity": _EVIDENCE, "token": _EVIDENCE,
        "content_type": _EVIDENCE,
        "size": _EVIDENCE, "sha256": _EVIDENCE,
        # A photo or document of an event may show or name the people who took part.
        "file": F(PERSONAL, "a document or photo proving the item (photos re-encoded without EXIF)", FOREVER),
        "file_name": F(PERSONAL, "the file's name as uploaded", FOREVER),
        "note": F(PERSONAL, "what the evidence shows; may name people", FOREVER),
        "added_by": _WHO, "added_at": _EVIDENCE,
        "withdrawn_at": _EVIDENCE, "withdrawn_by": _WHO,
        "withdraw_reason": F(GENERAL, "why the evidence no longer counts", FOREVER),
    },
    "creation.Brand": {
        "id": ID, "name": _G, "place": _G, "description": _G, "since": _G, "status": _G,
        "public": F(GENERAL, "seen read-only by the whole district when public", FOREVER),
        "created_by": _WHO, "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "creation.Honour": {
        "id": ID, "title": _G, "level": _G, "year": _G, "awarding_body": _G, "recipient": _G, "place": _G,
        "organization": _G,
        "person_name": F(PERSONAL, "the person honoured, by name only (no other personal data)", FOREVER),
        "public": F(GENERAL, "seen read-only by the whole district when public", FOREVER),
        "created_by": _WHO, "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
}
