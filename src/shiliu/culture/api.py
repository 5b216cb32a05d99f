"""/api/v1/ operations of culture."""

from ninja import Router

router = Router(tags=["culture"])
