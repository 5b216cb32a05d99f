"""SECURITY.md A1 for the working-day calendar: joins shiliu.core.classification.FIELDS.

Nothing here is about a resident; the only personal data is which staff member entered
what (the audit trail keeps each change as well).
"""

from shiliu.core.classification import CREATED, FOREVER, GENERAL, ID, PERSONAL, VERSION, F

_CAL = F(GENERAL, "the working-day calendar every deadline runs on", FOREVER)
_WHO = F(PERSONAL, "who entered the calendar (accountability)", FOREVER)

FIELDS = {
    "workdays.CalendarDay": {
        "id": ID, "date": _CAL, "is_workday": _CAL, "name": _CAL, "created_by": _WHO, "updated_at": CREATED,
        "version": VERSION,
    },
    "workdays.CalendarYear": {
        "id": ID, "year": _CAL, "entered_by": _WHO, "entered_at": CREATED, "note": _CAL,
    },
    "workdays.CalendarRevision": {
        "id": ID, "token": F(GENERAL, "tells every process when to reload the calendar", FOREVER),
        "changed_at": CREATED,
    },
}
