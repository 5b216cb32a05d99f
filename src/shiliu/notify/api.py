"""/api/v1/ operations of notify."""

from ninja import Router

router = Router(tags=["notify"])
