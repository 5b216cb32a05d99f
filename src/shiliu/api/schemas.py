from ninja import Schema
from pydantic import ConfigDict


class StrictSchema(Schema):
    """Input schemas reject unknown fields (SECURITY.md F4)."""

    model_config = ConfigDict(extra="forbid")
