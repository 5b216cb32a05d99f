"""SECURITY.md A1 for cultural work: joins shiliu.core.classification.FIELDS."""

from shiliu.core.classification import CREATED, FOREVER, GENERAL, ID, PERSONAL, RECORD, VERSION, F

_G = F(GENERAL, "cultural work of a place (troupes, performances, publicity positions, the museum)", FOREVER)
_WHO = F(PERSONAL, "accountability: which staff member recorded it", RECORD)
_PUBLIC = F(GENERAL, "seen read-only by the whole district when public", FOREVER)
MEMBER = "while the person is in the troupe; deleted when removed"
BOOKING = "2 years after the visit, then the contact is anonymised (A6); counts are kept"
_B = F(GENERAL, "arranging and counting museum visits", BOOKING)

FIELDS = {
    "culture.ArtTroupe": {
        "id": ID, "name": _G, "place": _G, "organization": _G,
        "founded_on": _G, "status": _G, "description": _G, "public": _PUBLIC,
        "created_by": _WHO, "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "culture.TroupeMember": {
        "id": ID, "troupe": F(GENERAL, "which troupe", MEMBER),
        "name": F(PERSONAL, "who is in the troupe (shown within scope only)", MEMBER),
        "role": F(GENERAL, "the member's part in the troupe", MEMBER),
        "phone": F(PERSONAL, "reaching the member about rehearsals (optional, encrypted, masked)", MEMBER),
        "added_by": _WHO, "added_at": F(GENERAL, "record keeping", MEMBER),
    },
    "culture.RepertoireItem": {
        "id": ID, "troupe": _G, "title": _G, "genre": _G,
        "style": F(GENERAL, "the style of the piece (about the art, never about people)", FOREVER),
        "added_at": CREATED,
    },
    "culture.Performance": {
        "id": ID, "troupe": _G, "date": _G, "title": _G, "venue": _G,
        "audience": F(GENERAL, "how many people watched (a count, nobody named)", FOREVER),
        "note": _G, "activity": _G, "added_by": _WHO, "added_at": CREATED,
    },
    "culture.PublicityPosition": {
        "id": ID, "kind": _G, "name": _G, "place": _G, "address": F(GENERAL, "where the position is", FOREVER),
        "since": _G, "active": _G, "description": _G, "public": _PUBLIC,
        "created_by": _WHO, "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "culture.Museum": {
        "id": ID, "name": _G, "place": _G, "address": _G, "description": _G,
        "guides": F(PERSONAL, "the staff who guide visiting groups", RECORD),
        "online_booking": _G, "active": _G, "public": _PUBLIC,
        "created_by": _WHO, "created_at": CREATED, "updated_at": CREATED, "version": VERSION,
    },
    "culture.VisitSlot": {
        "id": ID, "museum": _G, "starts_at": _G, "ends_at": _G,
        "capacity": F(GENERAL, "how many people the slot can take", FOREVER),
        "note": _G, "created_by": _WHO, "created_at": CREATED,
    },
    "culture.VisitBooking": {
        "id": ID, "slot": _B, "group_name": _B, "group_size": _B,
        "contact_name": F(PERSONAL, "the person to call about the visit", BOOKING),
        "contact_phone": F(PERSONAL, "calling the group's contact about the visit (encrypted, masked)", BOOKING),
        "status": _B, "source": _B,
        "reference": F(GENERAL, "the group refers to its online booking without an account", BOOKING),
        "guide": F(PERSONAL, "the staff member guiding the group", BOOKING),
        "notes": F(PERSONAL, "arrangements for the visit; may name people", BOOKING),
        "visited_count": F(GENERAL, "how many people came (the museum's figures)", FOREVER),
        "created_by": _WHO, "created_at": CREATED, "decided_by": _WHO, "decided_at": _B,
        "updated_at": CREATED, "version": VERSION,
    },
}
