"""SECURITY.md A1 for the portal: joins shiliu.core.classification.FIELDS."""

from shiliu.core.classification import CASE, CONSENT, CREATED, GENERAL, ID, PERSONAL, F

CODE = "until verified or 5 minutes; rows are pruned after a day (portal.tasks)"
_CODE = F(GENERAL, "proving a phone number (limits on sends and tries)", CODE)
TOKEN = "until the token expires (SHILIU_PORTAL_IDLE_MINUTES); rows are deleted daily after that (portal.tasks)"
_TOKEN = F(GENERAL, "a resident's API token: valid, revoked or expired", TOKEN)

FIELDS = {
    "portal.OneTimeCode": {
        "id": ID,
        "phone_index": F(PERSONAL, "limit sends per number; find the number's code (keyed hash)", CODE),
        "code_hash": F(GENERAL, "checking a typed code (keyed hash, never the code)", CODE),
        "created_at": _CODE, "expires_at": _CODE, "tries": _CODE, "used_at": _CODE,
    },
    "portal.OnlineRequest": {
        "id": ID,
        "order": F(GENERAL, "the work order opened online", CASE),
        "phone_index": F(PERSONAL, "a resident's 'my requests' (keyed hash of the verified phone)", CASE),
        "form_key": F(GENERAL, "a double submit opens one order (H1)", CASE),
        "consent_version": F(GENERAL, "which consent text the resident accepted", CONSENT),
        "consented_at": F(GENERAL, "when the resident accepted it", CONSENT),
        "created_at": CREATED,
    },
    "portal.ResidentToken": {
        "id": ID,
        "key": F(GENERAL, "the random id a resident token carries, so it can be revoked", TOKEN),
        "phone_index": F(PERSONAL, "revoke every token of a number (keyed hash of the verified phone)", TOKEN),
        "issued_at": _TOKEN, "expires_at": _TOKEN, "revoked_at": _TOKEN,
    },
}
