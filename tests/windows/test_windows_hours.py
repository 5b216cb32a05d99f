"""Open now / opens next: hours, closures and the working-day calendar (a pure function)."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shiliu.windows.hours import LOOKAHEAD_DAYS, open_state, spans_on

WEEKDAYS = [(d, time(9), time(12)) for d in range(5)] + [(d, time(13, 30), time(17)) for d in range(5)]


def monday_to_friday(day: date) -> bool:
    return day.weekday() < 5


# 2026-06-01 is a Monday.
@pytest.mark.parametrize(("now", "open_now", "closes", "next_opens"), [
    (datetime(2026, 6, 1, 8, 59), False, None, datetime(2026, 6, 1, 9, 0)),
    (datetime(2026, 6, 1, 9, 0), True, datetime(2026, 6, 1, 12, 0), None),
    (datetime(2026, 6, 1, 12, 0), False, None, datetime(2026, 6, 1, 13, 30)),  # lunch break
    (datetime(2026, 6, 1, 16, 59), True, datetime(2026, 6, 1, 17, 0), None),
    (datetime(2026, 6, 5, 17, 0), False, None, datetime(2026, 6, 8, 9, 0)),  # Friday evening → Monday
    (datetime(2026, 6, 6, 10, 0), False, None, datetime(2026, 6, 8, 9, 0)),  # Saturday
])
def test_weekly_hours_table(now, open_now, closes, next_opens):
    state = open_state(now, WEEKDAYS, [], monday_to_friday)
    assert (state.open_now, state.closes_at, state.next_opens_at) == (open_now, closes, next_opens)


def test_a_public_holiday_closes_the_window_unless_it_opens_on_rest_days():
    holiday = date(2026, 6, 1)

    def calendar(day):
        return day.weekday() < 5 and day != holiday

    state = open_state(datetime(2026, 6, 1, 10, 0), WEEKDAYS, [], calendar)
    assert not state.open_now and state.next_opens_at == datetime(2026, 6, 2, 9, 0)
    assert open_state(datetime(2026, 6, 1, 10, 0), WEEKDAYS, [], calendar, open_on_rest_days=True).open_now


def test_an_adjusted_working_saturday_takes_mondays_hours():
    saturday = date(2026, 6, 6)

    def calendar(day):
        return day.weekday() < 5 or day == saturday

    assert spans_on(saturday, WEEKDAYS, [], calendar) == [(time(9), time(12)), (time(13, 30), time(17))]
    assert open_state(datetime(2026, 6, 6, 10, 0), WEEKDAYS, [], calendar).open_now


def test_a_closure_shuts_every_day_it_covers_and_the_window_opens_after_it():
    closures = [(date(2026, 6, 1), date(2026, 6, 3))]
    state = open_state(datetime(2026, 6, 1, 10, 0), WEEKDAYS, closures, monday_to_friday)
    assert not state.open_now and state.next_opens_at == datetime(2026, 6, 4, 9, 0)


def test_a_window_without_hours_never_opens():
    state = open_state(datetime(2026, 6, 1, 10, 0), [], [], monday_to_friday)
    assert state == (type(state))(False, None, None)


@settings(deadline=None)  # no timed assertion: a loaded machine is not a failure
@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2030, 12, 31)),
       st.lists(st.tuples(st.integers(0, 6), st.integers(6, 12), st.integers(1, 8)), max_size=6),
       st.lists(st.tuples(st.integers(0, 40), st.integers(0, 10)), max_size=3))
def test_open_state_is_consistent(now, raw_spans, raw_closures):
    """Open: now lies in a span of a served day. Closed: the next opening is later, on a served
    day, and nothing opens in between."""
    spans = [(d, time(h), time(min(h + n, 23))) for d, h, n in raw_spans]
    closures = [(now.date() + timedelta(days=a), now.date() + timedelta(days=a + b)) for a, b in raw_closures]
    state = open_state(now, spans, closures, monday_to_friday)
    today = spans_on(now.date(), spans, closures, monday_to_friday)
    if state.open_now:
        assert any(datetime.combine(now.date(), o) <= now < datetime.combine(now.date(), c) for o, c in today)
        assert state.closes_at > now
    else:
        assert not any(datetime.combine(now.date(), o) <= now < datetime.combine(now.date(), c) for o, c in today)
        if state.next_opens_at is not None:
            assert state.next_opens_at > now
            assert state.next_opens_at.time() in [o for o, _c in spans_on(state.next_opens_at.date(), spans,
                                                                           closures, monday_to_friday)]
            assert (state.next_opens_at.date() - now.date()).days <= LOOKAHEAD_DAYS
