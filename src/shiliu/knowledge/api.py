"""/api/v1/ operations of the knowledge base."""

from ninja import Router

router = Router(tags=["knowledge"])
