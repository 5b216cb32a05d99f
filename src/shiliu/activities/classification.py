"""SECURITY.md A1 for activities: joins shiliu.core.classification.FIELDS."""

from shiliu.core.classification import CREATED, GENERAL, ID, PERSONAL, RECORD, VERSION, F

# Registrations are needed to run the activity and to count who came; afterwards only the
# numbers matter, so names and phones go once the activity is a year past (A6).
REGISTRATION = ("1 year after the activity ends, then name and phone erased "
                "(shiliu.activities.tasks.forget_old_registrations); check-ins stay counted")
_G = F(GENERAL, "planning and reporting the activity", RECORD)
_R = F(GENERAL, "running the registration and check-in", REGISTRATION)

FIELDS = {
    "activities.Activity": {
        "id": ID, "title": _G, "title_en": _G, "type": _G, "description": _G, "place": _G,
        "organization": _G, "co_organizers": _G, "starts_at": _G, "ends_at": _G, "venue": _G, "capacity": _G,
        "waiting_list": _G,
        "public_registration": _G, "published": _G, "status": _G,
        "checkin_token": F(GENERAL, "the address of the venue's QR code for check-in", RECORD),
        "extra_attendance": _G,
        # Written by staff about an event; may mention a speaker or a helper by name.
        "summary": F(PERSONAL, "the outcome of the activity in the organizer's words", RECORD),
        "outcome_recorded_at": _G,
        "created_by": F(PERSONAL, "who planned the activity", RECORD), "created_at": CREATED,
        "updated_at": CREATED, "version": VERSION,
    },
    "activities.Registration": {
        "id": ID, "activity": _R,
        "name": F(PERSONAL, "knowing who registered, at the door", REGISTRATION),
        "phone": F(PERSONAL, "telling the person about their place or the waiting list (encrypted)",
                   REGISTRATION),
        "phone_index": F(PERSONAL, "one registration per person and activity (keyed hash)", REGISTRATION),
        "resident": F(PERSONAL, "the resident's own record, when staff link it", REGISTRATION),
        "status": _R, "position": _R,
        "code": F(GENERAL, "a one-time code the participant checks in with", REGISTRATION),
        "source": _R, "registered_at": _R, "promoted_at": _R, "checked_in_at": _R,
        "checked_in_by": F(PERSONAL, "the staff member who checked the person in by list", REGISTRATION),
        "cancelled_at": _R,
        "created_by": F(PERSONAL, "the staff member who entered the registration", REGISTRATION),
        "request_key": F(GENERAL, "return the same registration for a repeated request (H1)", REGISTRATION),
        "request_fingerprint": F(GENERAL, "refuse a reused key with a different request (H1)", REGISTRATION),
    },
    "activities.ParticipantCount": {
        # Aggregate numbers entered by the organizer: no person can be found from them.
        "id": ID, "activity": _G, "group": _G, "count": _G,
    },
    "activities.ActivityPhoto": {
        "id": ID, "activity": _G, "token": _G,
        "file": F(PERSONAL, "photos of the activity; people may be recognisable (re-encoded, no EXIF)", RECORD),
        "thumbnail": F(PERSONAL, "small copy of the photo for lists", RECORD),
        "content_type": _G, "width": _G, "height": _G, "size": _G,
        "caption": F(PERSONAL, "a line about the photo; may name someone", RECORD),
        "uploaded_by": F(PERSONAL, "who added the photo", RECORD), "uploaded_at": CREATED,
    },
}

