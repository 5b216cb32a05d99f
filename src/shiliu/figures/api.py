"""/api/v1/ operations of figures."""

from ninja import Router

router = Router(tags=["figures"])
