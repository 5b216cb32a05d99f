"""SECURITY.md A1 for service windows and visits: joins shiliu.core.classification.FIELDS."""

from shiliu.core.classification import CASE, CREATED, FOREVER, GENERAL, ID, PERSONAL, RECORD, STAFF, VERSION, F

_G = F(GENERAL, "where and when residents are served (published when public)", FOREVER)
_WHO = F(PERSONAL, "accountability: which staff member recorded it", RECORD)
_V = F(GENERAL, "what was asked at the window and what the visitor must still bring", CASE)

FIELDS = {
    "windows.ServiceWindow": {
        "id": ID, "kind": _G, "place": _G, "name": _G, "address": _G,
        "phone": F(GENERAL, "the counter's office number, published to residents (no person's phone)", FOREVER),
        "public": _G, "active": _G, "open_on_rest_days": _G, "items": _G,
        "created_by": _WHO, "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "windows.OpeningHours": {"id": ID, "window": _G, "weekday": _G, "opens": _G, "closes": _G},
    "windows.Closure": {
        "id": ID, "window": _G, "starts_on": _G, "ends_on": _G, "reason": _G,
        "created_by": _WHO, "created_at": CREATED,
    },
    "windows.DutyShift": {
        "id": ID, "window": _G, "date": _G,
        "user": F(PERSONAL, "which staff member serves the window that day", STAFF),
        "created_by": _WHO, "created_at": CREATED,
    },
    "windows.Visit": {
        "id": ID, "window": _V, "place": _V,
        "resident": F(PERSONAL, "the resident served, when they are on record", CASE),
        "visitor_name": F(PERSONAL, "whom the receipt is for (encrypted, masked)", CASE),
        "visitor_phone": F(PERSONAL, "calling the visitor about the request, with consent (encrypted, masked)", CASE),
        "contact_consent": _V,
        "note": F(PERSONAL, "the worker's note on the visit; may name people", CASE),
        "taken_by": _WHO, "taken_at": _V,
        "idempotency_key": F(GENERAL, "a repeated submit opens nothing twice (H1)", CASE),
        "fingerprint": F(GENERAL, "keyed digest of the submit, to refuse a reused key (H1)", CASE),
    },
    "windows.VisitItem": {
        "id": ID, "visit": _V, "item": _V, "item_version": _V, "order": _V,
        "materials_brought": _V, "materials_missing": _V, "promised_on": _V,
    },
}
