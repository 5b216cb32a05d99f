"""/api/v1/ operations of hotline."""

from ninja import Router

router = Router(tags=["hotline"])
