"""Where the current request came from, for audit records written deep in services."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestOrigin:
    address: str | None = None


current_origin: ContextVar[RequestOrigin] = ContextVar("current_origin", default=RequestOrigin())  # noqa: B039 - frozen, never mutated
