"""SECURITY.md A1 for residents' data requests: joins shiliu.core.classification.FIELDS."""

from shiliu.core.classification import CREATED, GENERAL, ID, PERSONAL, VERSION, F

REQUEST = "3 years after the answer (proof that the request was handled, PIPL arts. 44-50), then deleted"
_G = F(GENERAL, "handling a resident's request about their own data (A5)", REQUEST)

FIELDS = {
    "mydata.DataRequest": {
        "id": ID, "kind": _G, "reference": _G, "section": _G, "status": _G, "created_at": CREATED,
        "updated_at": CREATED, "version": VERSION, "answered_at": _G,
        "phone": F(PERSONAL, "sending the answer by SMS (encrypted, masked on screen)", REQUEST),
        "phone_index": F(PERSONAL, "finding the resident's own requests (keyed HMAC, B3)", REQUEST),
        "text": F(PERSONAL, "what the resident asked (may describe their data)", REQUEST),
        "answer": F(PERSONAL, "the office's answer to the resident", REQUEST),
        "outcome": F(GENERAL, "what erasure erased and kept, per app, as counts and reasons", REQUEST),
        "handled_by": F(PERSONAL, "accountability: who handled it", REQUEST),
        "form_key": F(GENERAL, "one request for a form sent twice (H1)", REQUEST),
    },
}
