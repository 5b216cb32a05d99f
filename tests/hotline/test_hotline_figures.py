"""call_figures: the dashboard's hotline counts per period and place, scoped by figures.view."""

from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone
from hotline_helpers import LANDLINE, MOBILE

from shiliu.hotline.choices import CallEventKind
from shiliu.hotline.services import call_answer_on_call, call_event, call_log_other, call_open_order
from shiliu.hotline.stats import call_figures

pytestmark = pytest.mark.django_db


def day_of_calls(hl, people):
    """大碶: 2 answered on the call, 1 order, 1 other, 2 missed; 新碶: 1 answered on the call."""
    for _ in range(2):
        call = hl.taken(MOBILE)
        call_answer_on_call(by=people.operator, call=call, category=hl.insurance, summary="已答复")
    call = hl.taken(LANDLINE)
    call_open_order(by=people.operator, call=call, **hl.order_fields())
    call_log_other(by=people.operator, call=hl.taken(), summary="拨错")
    for _ in range(2):
        missed = hl.ring()
        call_event(by=hl.pbx, event=CallEventKind.ENDED, call_id=missed.external_id)
    call = hl.taken(MOBILE, by=hl.xinqi_operator, pbx=hl.pbx_xinqi)
    call_answer_on_call(by=hl.xinqi_operator, call=call, category=hl.insurance, summary="已答复")
    hl.ring(MOBILE, at=timezone.now() - timedelta(days=40))  # outside the period


def test_the_district_sees_every_hotline(hl, people):
    day_of_calls(hl, people)
    today = timezone.localdate()
    figures = call_figures(people.admin, today - timedelta(days=7), today)
    assert figures == {"calls": 7, "answered": 5, "answered_on_call": 3, "orders_opened": 1, "missed": 2,
                       "answered_on_call_rate": 3 / 5}


def test_a_subdistrict_officer_sees_their_subdistrict_only(hl, people):
    day_of_calls(hl, people)
    today = timezone.localdate()
    figures = call_figures(people.officer, today, today)
    assert (figures["calls"], figures["answered"], figures["answered_on_call"], figures["missed"]) == (6, 4, 2, 2)
    assert figures["answered_on_call_rate"] == 0.5


def test_a_place_narrows_and_a_place_outside_the_scope_is_404(hl, people):
    day_of_calls(hl, people)
    today = timezone.localdate()
    assert call_figures(people.admin, today, today, place=hl.tree.xinqi)["calls"] == 1
    with pytest.raises(Http404):
        call_figures(people.officer, today, today, place=hl.tree.xinqi)


def test_roles_without_figures_view_get_zeros_and_no_rate(hl, people):
    day_of_calls(hl, people)
    today = timezone.localdate()
    for user in (people.operator, people.worker, people.auditor):
        figures = call_figures(user, today, today)
        assert figures["calls"] == 0 and figures["answered_on_call_rate"] is None


def test_the_period_takes_days_inclusive_or_datetimes(hl, people):
    hl.ring(at=timezone.now() - timedelta(days=3))
    today = timezone.localdate()
    assert call_figures(people.admin, today - timedelta(days=3), today - timedelta(days=3))["calls"] == 1
    assert call_figures(people.admin, today - timedelta(days=2), today)["calls"] == 0
    now = timezone.now()
    assert call_figures(people.admin, now - timedelta(days=4), now)["calls"] == 1


def test_one_query(hl, people, django_assert_num_queries):
    day_of_calls(hl, people)
    today = timezone.localdate()
    people.admin.active_roles  # noqa: B018 - roles are loaded once per request, before the figures
    with django_assert_num_queries(1):
        call_figures(people.admin, today, today)
