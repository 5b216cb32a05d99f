"""The hotline's figures for the dashboard (shiliu.figures): counts of calls per period and place.

Aggregates only (SECURITY.md G1): no list of callers comes out of here. Suppressing small
counts (G2) is the dashboard's job, as for every other figure it publishes.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from shiliu.access.policy import Cap
from shiliu.access.scope import can, scope_q
from shiliu.hotline.choices import CallState, Outcome
from shiliu.hotline.models import Call
from shiliu.places.models import Place


def _moment(value: date | datetime, *, end: bool) -> datetime:
    """A datetime as it is (made aware); a day as its start — for ``end``, the next day's start,
    so a day given as the end is included."""
    if isinstance(value, datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    day = value + timedelta(days=1) if end else value
    return timezone.make_aware(datetime.combine(day, time.min))


def call_figures(user, start: date | datetime, end: date | datetime, place: Place | None = None) -> dict:
    """The hotline's figures for calls that started in [start, end) — a day given as ``end``
    is included — at the hotlines in the user's ``figures.view`` subtrees, or under ``place``
    (404 when the place is outside them, as for any record).

    Returns ``calls`` (all calls), ``answered`` (a person answered: answered_at set),
    ``answered_on_call`` (logged as answered on the call, 直接答复), ``orders_opened``
    (logged as a work order opened), ``missed`` (ended unanswered), and
    ``answered_on_call_rate`` = answered_on_call / answered, a float in [0, 1], or None
    when nothing was answered. One query.
    """
    if place is not None and not can(user, Cap.FIGURES_VIEW, place):
        raise Http404()
    qs = Call.objects.filter(scope_q(user, Cap.FIGURES_VIEW, "place__path"),
                             started_at__gte=_moment(start, end=False), started_at__lt=_moment(end, end=True))
    if place is not None:
        qs = qs.filter(place__path__gte=place.path, place__path__lt=place.path_upper)
    figures = qs.aggregate(
        calls=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        answered_on_call=Count("pk", filter=Q(outcome=Outcome.ANSWERED_ON_CALL)),
        orders_opened=Count("pk", filter=Q(outcome=Outcome.ORDER_OPENED)),
        missed=Count("pk", filter=Q(state=CallState.MISSED)),
    )
    answered = figures["answered"]
    figures["answered_on_call_rate"] = figures["answered_on_call"] / answered if answered else None
    return figures
