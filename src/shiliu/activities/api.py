"""/api/v1/ operations of activities."""

from ninja import Router

router = Router(tags=["activities"])
