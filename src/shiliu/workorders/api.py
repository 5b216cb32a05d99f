"""/api/v1/ operations of workorders."""

from ninja import Router

router = Router(tags=["workorders"])
