"""/api/v1/ operations of creation."""

from ninja import Router

router = Router(tags=["creation"])
