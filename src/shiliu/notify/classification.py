"""SECURITY.md A1 for notify: joins shiliu.core.classification.FIELDS."""

from shiliu.core.classification import CREATED, GENERAL, ID, PERSONAL, F

SENT = "90 days after sending; 180 days when given up (shiliu.notify.tasks.prune_notifications)"
READ = "1 year (shiliu.notify.tasks.prune_notifications)"
_G = F(GENERAL, "delivering a message once", SENT)

FIELDS = {
    "notify.Outbox": {
        "id": ID, "key": F(GENERAL, "announce one event once (names the event, never a person)", SENT),
        "channel": _G,
        "recipient": F(PERSONAL, "the staff member to tell", SENT),
        "phone": F(PERSONAL, "the resident's number to text (encrypted)", SENT),
        "dedupe": F(PERSONAL, "one message per event and recipient (keyed hash, may derive from a phone)", SENT),
        "template": _G,
        "params": F(PERSONAL, "the values of the message, e.g. an order's number or tracking link", SENT),
        "link": _G, "language": _G, "status": _G, "attempts": _G, "next_attempt_at": _G, "lease_until": _G,
        "sent_at": _G, "last_error": F(GENERAL, "why sending failed (no personal data is stored)", SENT),
        "provider_id": F(GENERAL, "the gateway's id of the message, for its support", SENT),
        "created_at": CREATED,
    },
    "notify.Notification": {
        "id": ID, "user": F(PERSONAL, "whose notification it is", READ), "outbox": F(GENERAL, "its outbox row", READ),
        "template": F(GENERAL, "which message", READ),
        "params": F(PERSONAL, "the values of the message, e.g. an order's number", READ),
        "link": F(GENERAL, "the page it is about", READ), "created_at": CREATED,
        "read_at": F(PERSONAL, "whether the staff member has seen it", READ),
    },
}
