"""SECURITY.md A1 for the hotline: joins shiliu.core.classification.FIELDS."""

from shiliu.core.classification import CREATED, ID, PERSONAL, VERSION, F
from shiliu.core.classification import GENERAL as G

CALLS = "3 years after the call (the hotline's records, like the orders they open), then anonymised (A6)"
_G = F(G, "keeping the record of a hotline call", CALLS)

FIELDS = {
    "hotline.Call": {
        "id": ID,
        "external_id": F(G, "match the phone system's events to one call (idempotency)", CALLS),
        "source": F(G, "which phone system reported the call", CALLS),
        "caller_phone": F(PERSONAL, "know who called, call back (encrypted)", CALLS),
        "caller_index": F(PERSONAL, "find the number's earlier calls and orders (keyed hash)", CALLS),
        "place": _G, "state": _G,
        "operator": F(PERSONAL, "the operator who took the call", CALLS),
        "extension": F(G, "the phone system's extension that answered", CALLS),
        "started_at": _G, "answered_at": _G, "ended_at": _G,
        "recording_ref": F(PERSONAL, "find the recording in the phone system (a reference, never the audio)",
                           CALLS),
        "outcome": _G, "category": _G,
        # Free text the operator writes about the caller's question: may name people.
        "summary": F(PERSONAL, "what the caller asked and was told", CALLS),
        "order": _G, "articles": F(G, "which guidance answered the call (knowledge-base use)", CALLS),
        "logged_by": F(PERSONAL, "who recorded the outcome", CALLS),
        "logged_at": _G, "created_at": CREATED, "version": VERSION,
    },
    "hotline.CallEvent": {
        "id": ID, "call": _G, "kind": _G, "at": _G, "received_at": CREATED,
    },
}
