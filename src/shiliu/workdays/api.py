"""/api/v1/ operations of workdays."""

from ninja import Router

router = Router(tags=["workdays"])
