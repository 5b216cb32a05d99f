"""Fixed-window rate limits kept in the cache (SECURITY.md F6)."""

import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int
    seconds: int


class RateLimited(Exception):
    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


LOGIN = Limit("login", 10, 60)
TOKEN = Limit("token", 10, 60)
# Exports, per user and per kind of export (key "<kind>:<user id>"): the page and the API share one count.
EXPORT = Limit("export", 10, 60)
# The audit trail's API, per user: paging through the whole trail takes time (C7, D5).
AUDIT_API = Limit("audit-api", 60, 60)
# Searching residents, per user, pages and API together: enough for a busy window,
# too few to sweep the district for phone or ID numbers.
SEARCH = Limit("search", 30, 60)
# A resident's tracking page (no sign-in), per client address: lookups and ratings together.
TRACK = Limit("track", 20, 60)
# One-time codes typed on a public page (activity check-in, leaving a waiting list), per client
# address and activity: a venue's shared Wi-Fi checks a crowd in, an 8-digit code cannot be guessed.
CHECKIN = Limit("checkin", 30, 60)


def hit(limit: Limit, key: str) -> None:
    """Count one request for ``key``; raise RateLimited past the limit."""
    window = int(time.time()) // limit.seconds
    cache_key = f"rl:{limit.scope}:{key}:{window}"
    cache.add(cache_key, 0, timeout=limit.seconds + 1)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=limit.seconds + 1)
        used = 1
    if used > limit.count:
        raise RateLimited(retry_after=limit.seconds - int(time.time()) % limit.seconds)
