"""SECURITY.md A1 for work orders: joins shiliu.core.classification.FIELDS."""

from shiliu.core.classification import CREATED, FOREVER, GENERAL, ID, PERSONAL, RECORD, VERSION, F

ORDER = "5 years after the order closes (archives practice for petitions), then anonymised (A6)"
_G = F(GENERAL, "running the work order", ORDER)
_CFG = F(GENERAL, "configuration of the hotline", FOREVER)

FIELDS = {
    "workorders.Category": {
        "id": ID, "code": _CFG, "name": _CFG, "name_en": _CFG, "kind": _CFG, "ack_hours": _CFG,
        "resolve_days": _CFG, "active": _CFG, "version": VERSION,
    },
    "workorders.RoutingRule": {
        "id": ID, "place": _CFG, "category": _CFG, "unit": _CFG,
        "created_by": F(PERSONAL, "who changed the routing", RECORD), "created_at": CREATED,
    },
    "workorders.WorkOrder": {
        "id": ID, "channel": _G, "category": _G, "place": _G, "place_path": _G, "urgency": _G,
        "item_version": _G,
        # Free text the resident dictated: may name people; shown only within scope.
        "description": F(PERSONAL, "what the resident asks for", ORDER),
        "language": F(PERSONAL, "find a staff member who speaks the resident's language", ORDER),
        "requester": F(PERSONAL, "the resident who asked, with consent", ORDER),
        "contact_name": F(PERSONAL, "address the resident at the callback", ORDER),
        "contact_phone": F(PERSONAL, "call the resident back (encrypted)", ORDER),
        "contact_phone_index": F(PERSONAL, "find earlier calls of the same number (keyed hash)", ORDER),
        "contact_consent": _G, "status": _G, "is_open": _G, "unit": _G, "unit_path": _G,
        "assignee": F(PERSONAL, "the staff member handling the order", ORDER),
        "dispatched_at": _G, "ack_due": _G, "acknowledged_at": _G, "resolve_due": _G, "resolved_at": _G,
        "closed_at": _G, "due_at": _G, "reminded_at": _G, "overdue_at": _G, "ack_on_time": _G,
        "resolved_on_time": _G,
        "reply": F(PERSONAL, "the answer given to the resident", ORDER),
        "returns": _G, "reopens": _G, "supervised": _G, "urges": _G,
        "tracking_code": F(GENERAL, "the resident follows the order without an account", ORDER),
        "created_by": F(PERSONAL, "who opened the order", ORDER), "created_at": CREATED, "updated_at": CREATED,
        "version": VERSION,
    },
    "workorders.OrderEvent": {
        "id": ID, "order": _G, "at": _G, "kind": _G, "from_status": _G, "to_status": _G, "unit": _G,
        "actor": F(PERSONAL, "who did what on the order", ORDER),
        "note": F(PERSONAL, "notes and reasons, may mention the resident", ORDER),
        "internal": _G, "data": F(PERSONAL, "details of the step (ids, deadlines, choices)", ORDER),
    },
    "workorders.Attachment": {
        "id": ID, "order": _G, "event": _G, "token": _G, "content_type": _G, "size": _G, "sha256": _G,
        "file": F(PERSONAL, "a document the resident or staff gave for the order", ORDER),
        "name": F(PERSONAL, "the file's name as uploaded", ORDER),
        "uploaded_by": F(PERSONAL, "who added the file", ORDER), "uploaded_at": CREATED,
    },
    "workorders.Callback": {
        "id": ID, "order": _G, "round": _G, "method": _G, "solved": _G, "satisfaction": _G,
        "comment": F(PERSONAL, "the resident's own words about the service", ORDER),
        "by": F(PERSONAL, "the operator who called back", ORDER), "at": _G,
    },
    "workorders.IdempotencyKey": {
        "id": ID, "key": F(GENERAL, "return the same order for a repeated request", "1 day"),
        "actor": F(PERSONAL, "whose request it was", "1 day"), "order": _G,
        "fingerprint": F(GENERAL, "refuse a reused key with a different body", "1 day"), "created_at": CREATED,
    },
    "workorders.OrderStep": {
        "id": ID, "order": _G, "position": _G, "name": _G, "name_en": _G, "owner": _G, "unit": _G,
        "unit_path": _G, "time_limit_days": _G, "tell_resident": _G, "started_at": _G, "due_at": _G,
        "done_at": _G, "on_time": _G, "version": VERSION,
        "done_by": F(PERSONAL, "who did the step", ORDER),
        "outcome": F(PERSONAL, "what the unit or department reports back, may mention the resident", ORDER),
    },
    "workorders.ReferralConsent": {
        "id": ID, "order": _G, "text_version": _G, "text": _G,
        "recorded_at": F(PERSONAL, "when the resident agreed to pass their data on", ORDER),
        "recorded_by": F(PERSONAL, "who recorded the resident's consent", ORDER),
    },
}

