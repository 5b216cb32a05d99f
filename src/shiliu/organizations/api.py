"""/api/v1/ operations of organizations."""

from ninja import Router

router = Router(tags=["organizations"])
