"""When a window is open: a pure computation over its weekly hours, closures and the calendar.

A day is served when it is not inside a closure and either the window opens on rest days or the
working-day calendar counts it as a working day. On a served day the spans of that weekday apply;
a weekend day that the calendar makes a working day (调休) without spans of its own takes
Monday's spans, as the offices do. Nothing here reads the database: callers pass the rows in.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

LOOKAHEAD_DAYS = 60

Span = tuple[int, time, time]  # weekday (Monday 0), opens, closes
Period = tuple[date, date]  # a closure, both days included


@dataclass(frozen=True)
class OpenState:
    open_now: bool
    closes_at: datetime | None  # while open: when this span ends
    next_opens_at: datetime | None  # while closed: the next opening within LOOKAHEAD_DAYS


def spans_on(day: date, spans: Iterable[Span], closures: Iterable[Period], is_workday: Callable[[date], bool],
             open_on_rest_days: bool = False) -> list[tuple[time, time]]:
    """The (opens, closes) spans the window keeps on ``day``, earliest first."""
    if any(start <= day <= end for start, end in closures):
        return []
    workday = is_workday(day)
    if not workday and not open_on_rest_days:
        return []
    spans = list(spans)
    own = sorted((o, c) for w, o, c in spans if w == day.weekday())
    if not own and workday and day.weekday() >= 5:
        own = sorted((o, c) for w, o, c in spans if w == 0)
    return own


def open_state(now: datetime, spans: Iterable[Span], closures: Iterable[Period], is_workday: Callable[[date], bool],
               open_on_rest_days: bool = False) -> OpenState:
    """Open now (and until when), or when it opens next. ``now`` is local (naive or aware alike)."""
    spans, closures = list(spans), list(closures)
    day = now.date()
    for offset in range(LOOKAHEAD_DAYS + 1):
        current = day + timedelta(days=offset)
        for opens, closes in spans_on(current, spans, closures, is_workday, open_on_rest_days):
            start = datetime.combine(current, opens, tzinfo=now.tzinfo)
            end = datetime.combine(current, closes, tzinfo=now.tzinfo)
            if start <= now < end:
                return OpenState(True, end, None)
            if now < start:
                return OpenState(False, None, start)
    return OpenState(False, None, None)
