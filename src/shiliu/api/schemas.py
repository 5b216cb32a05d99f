"""Pieces every app's API shares: strict inputs, a place as it appears in answers, a scoped
place lookup, and the OpenAPI wording of versions and xlsx exports."""

from ninja import Schema
from pydantic import ConfigDict

from shiliu.access.scope import places_for
from shiliu.core.xlsx import CONTENT_TYPE as XLSX_CONTENT_TYPE

XLSX = XLSX_CONTENT_TYPE
VERSION_HELP = "The version you read; a stale one answers 409"
EXPORT_HELP = ("At most 10 exports a minute per user and list, counted together with the page's export; "
               "beyond that the answer is 429 with a Retry-After header (seconds).")
# openapi_extra of an operation that answers an xlsx file.
XLSX_RESPONSE = {"responses": {200: {"description": "xlsx file", "content": {
    XLSX: {"schema": {"type": "string", "format": "binary"}}}}}}


class StrictSchema(Schema):
    """Input schemas reject unknown fields (SECURITY.md F4)."""

    model_config = ConfigDict(extra="forbid")


class PlaceRef(Schema):
    id: int
    code: str
    name: str


def place_in_scope(user, cap: str, place_id):
    """The place if ``user`` holds ``cap`` over it, else None — the service then answers "choose
    a place" next to the field, the same for a place that does not exist and one out of scope."""
    if place_id is None:
        return None
    return places_for(user, cap).filter(pk=place_id).first()
