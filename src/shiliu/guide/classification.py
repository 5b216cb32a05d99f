"""SECURITY.md A1 for the service guide: joins shiliu.core.classification.FIELDS.

The guide is public content about services; only who published a version is personal.
"""

from shiliu.core.classification import CREATED, FOREVER, GENERAL, ID, PERSONAL, RECORD, VERSION, F

_G = F(GENERAL, "the published service guide, read by staff and residents", FOREVER)
_WHO = F(PERSONAL, "accountability: which staff member published the version", RECORD)

FIELDS = {
    "guide.Domain": {"id": ID, "code": _G, "name": _G, "name_en": _G, "position": _G, "version": VERSION},
    "guide.LifeEvent": {"id": ID, "code": _G, "name": _G, "name_en": _G, "position": _G, "version": VERSION},
    "guide.ServiceItem": {
        "id": ID, "code": _G, "domain": _G, "life_events": _G, "category": _G, "current": _G,
        "active": _G, "sample": _G, "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "guide.ItemVersion": {
        "id": ID, "item": _G, "number": _G, "name": _G, "name_en": _G, "description": _G,
        "description_en": _G, "eligibility": _G, "eligibility_en": _G, "promised_days": _G, "fees": _G,
        "fees_en": _G, "legal_basis": _G, "channels": _G, "note": _G, "search_words": _G, "published_by": _WHO,
        "published_at": CREATED,
    },
    "guide.Material": {
        "id": ID, "item_version": _G, "position": _G, "name": _G, "name_en": _G, "form": _G, "copies": _G,
        "required": _G, "notes": _G, "notes_en": _G,
    },
    "guide.Step": {
        "id": ID, "item_version": _G, "position": _G, "name": _G, "name_en": _G, "owner": _G,
        "department": _G, "time_limit_days": _G, "tell_resident": _G,
    },
}
