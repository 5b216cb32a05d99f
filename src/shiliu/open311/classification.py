"""SECURITY.md A1 for Open311 clients."""

from shiliu.core.classification import CREATED, GENERAL, ID, PERSONAL, TOKEN, F

_G = F(GENERAL, "an integration allowed to open and read requests", TOKEN)

FIELDS = {
    "open311.Open311Client": {
        "id": ID, "name": _G, "key_prefix": _G, "key_hash": _G, "place": _G, "trusted": _G, "active": _G,
        "account": F(PERSONAL, "the account the integration's requests are opened by", TOKEN),
        "created_at": CREATED, "last_used_at": _G,
    },
}
