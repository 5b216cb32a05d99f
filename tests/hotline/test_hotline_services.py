"""The operator's steps: take a call, log it as answered on the call, open a work order from it
(one transaction with the order), or log it as something else; the caller's history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hotline_helpers import LANDLINE, MOBILE, open_order_at

from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion
from shiliu.hotline.choices import SOURCE_DESK, CallEventKind, CallState, Outcome
from shiliu.hotline.models import Call
from shiliu.hotline.selectors import caller_history, incoming_calls
from shiliu.hotline.services import (
    call_answer_on_call,
    call_event,
    call_link_order,
    call_log_other,
    call_open_order,
    call_record,
    call_take,
)
from shiliu.people.services import resident_create
from shiliu.workorders.choices import Channel, Status
from shiliu.workorders.models import WorkOrder

pytestmark = pytest.mark.django_db


def test_taking_a_ringing_call_answers_it_as_mine(hl, people):
    call = hl.ring()
    call = call_take(by=people.operator, call=call)
    assert call.state == CallState.ANSWERED and call.operator == people.operator and call.answered_at
    assert call.version == 2
    assert AuditEvent.objects.filter(action="hotline.call.take", actor=people.operator).exists()
    assert call_take(by=people.operator, call=call).version == 2  # mine again: nothing changes


def test_a_call_another_operator_took_cannot_be_taken_or_logged(hl, people):
    call = hl.taken(by=people.admin)
    with pytest.raises(ValidationError):
        call_take(by=people.operator, call=call)
    with pytest.raises(ValidationError):
        call_answer_on_call(by=people.operator, call=call, category=hl.insurance, summary="已答复")
    assert Call.objects.get(pk=call.pk).operator == people.admin


def test_an_operator_of_another_subdistrict_may_not_take_or_log_the_call(hl):
    call = hl.ring()
    with pytest.raises(PermissionDenied):
        call_take(by=hl.xinqi_operator, call=call)
    with pytest.raises(PermissionDenied):
        call_open_order(by=hl.xinqi_operator, call=call, **hl.order_fields())
    assert Call.objects.get(pk=call.pk).state == CallState.RINGING


def test_a_missed_call_cannot_be_taken_or_logged(hl, people):
    call = hl.ring()
    call_event(by=hl.pbx, event=CallEventKind.ENDED, call_id=call.external_id)
    call.refresh_from_db()
    with pytest.raises(ValidationError):
        call_take(by=people.operator, call=call)
    with pytest.raises(ValidationError):
        call_log_other(by=people.operator, call=call, summary="x")


def test_answered_on_the_call_logs_category_and_summary(hl, people):
    call = hl.taken()
    call = call_answer_on_call(by=people.operator, call=call, version=call.version, category=hl.insurance,
                               summary="告知灵活就业参保途径")
    assert call.outcome == Outcome.ANSWERED_ON_CALL and call.category == hl.insurance
    assert call.logged_by == people.operator and call.logged_at
    assert AuditEvent.objects.filter(action="hotline.call.answer_on_call").exists()
    with pytest.raises(ValidationError):  # logged once
        call_answer_on_call(by=people.operator, call=call, category=hl.insurance, summary="again")


def test_answering_reports_every_bad_field_at_once(hl, people):
    call = hl.taken()
    with pytest.raises(ValidationError) as e:
        call_answer_on_call(by=people.operator, call=call, category=None, summary="  ")
    assert set(e.value.message_dict) == {"category", "summary"}
    with pytest.raises(ValidationError) as e:
        call_answer_on_call(by=people.operator, call=call, category=hl.insurance, summary="字" * 501)
    assert "summary" in e.value.message_dict
    assert Call.objects.get(pk=call.pk).outcome == ""


def test_a_stale_version_is_refused(hl, people):
    call = hl.taken()
    with pytest.raises(StaleVersion):
        call_answer_on_call(by=people.operator, call=call, version=call.version - 1, category=hl.insurance,
                            summary="x")


def test_the_phone_systems_events_do_not_make_the_operators_version_stale(hl, people):
    call = hl.taken()
    version = call.version
    call_event(by=hl.pbx, event=CallEventKind.ENDED, call_id=call.external_id)  # the caller hung up meanwhile
    call = call_answer_on_call(by=people.operator, call=call, version=version, category=hl.insurance, summary="x")
    assert call.state == CallState.ENDED and call.outcome == Outcome.ANSWERED_ON_CALL


def test_opening_an_order_from_a_call_links_them(hl, people):
    call = hl.taken()
    call, order = call_open_order(by=people.operator, call=call, version=call.version, **hl.order_fields())
    assert order.channel == Channel.HOTLINE and order.status == Status.DISPATCHED  # routed to 谢墅
    assert order.contact_phone == "+8657486881234" and order.created_by == people.operator
    assert call.order == order and call.outcome == Outcome.ORDER_OPENED and call.category == hl.insurance
    assert call.summary == "灵活就业怎么交社保"
    assert list(order.calls.all()) == [call]
    assert AuditEvent.objects.filter(action="hotline.call.open_order").exists()
    assert AuditEvent.objects.filter(action="workorder.open").exists()


def test_when_the_order_is_refused_the_call_is_not_marked_and_no_order_exists(hl, people):
    call = hl.taken()
    with pytest.raises(ValidationError) as e:
        call_open_order(by=people.operator, call=call, **hl.order_fields(category=None, description=" ",
                                                                         contact_phone="12345"))
    assert {"category", "description", "contact_phone"} <= set(e.value.message_dict)
    call.refresh_from_db()
    assert (call.outcome, call.order, call.version) == ("", None, 2)
    assert not WorkOrder.objects.exists()
    assert not AuditEvent.objects.filter(action="hotline.call.open_order").exists()


def test_a_failure_after_the_order_was_opened_undoes_the_order_too(hl, people, monkeypatch):
    """One transaction: if linking the call fails, the order it opened is gone as well."""
    from shiliu.hotline import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    call = hl.taken()
    monkeypatch.setattr(services, "_bump", broken)
    with pytest.raises(RuntimeError):
        call_open_order(by=people.operator, call=call, **hl.order_fields())
    assert not WorkOrder.objects.exists()
    assert Call.objects.get(pk=call.pk).outcome == ""


def test_an_order_without_consent_keeps_no_name_or_number(hl, people):
    call = hl.taken()
    with pytest.raises(ValidationError) as e:
        call_open_order(by=people.operator, call=call, **hl.order_fields(contact_consent=False))
    assert "contact_consent" in e.value.message_dict
    call, order = call_open_order(by=people.operator, call=call,
                                  **hl.order_fields(contact_consent=False, contact_name="", contact_phone=""))
    assert order.contact_phone == "" and order.contact_name == ""


def test_a_call_typed_in_at_the_desk_is_answered_by_me_and_ends_when_logged(hl, people):
    call = call_record(by=people.operator, phone="138-1234-5678")
    assert (call.source, call.state, call.operator, call.place) == (SOURCE_DESK, CallState.ANSWERED,
                                                                   people.operator, hl.tree.daqi)
    assert call.caller_phone == "+8613812345678"
    call = call_log_other(by=people.operator, call=call, summary="拨错号码")
    assert call.state == CallState.ENDED and call.outcome == Outcome.OTHER
    with pytest.raises(ValidationError) as e:
        call_record(by=people.operator, phone="not a number")
    assert "phone" in e.value.message_dict
    assert call_record(by=people.operator, phone="").hidden_number


def test_an_existing_hotline_order_can_be_linked_to_its_call(hl, people):
    order = open_order_at(hl, hl.tree.xieshu, MOBILE)
    call = call_link_order(by=people.operator, call=hl.taken(MOBILE), order=order)
    assert call.order == order and call.outcome == Outcome.ORDER_OPENED
    other = open_order_at(hl, hl.tree.dagang, MOBILE)
    with pytest.raises(ValidationError):  # an order the operator may not see
        call_link_order(by=people.operator, call=hl.taken(MOBILE), order=other)


def test_caller_history_is_scoped_newest_first_and_audited(hl, people):
    first = hl.ring(MOBILE)
    second = hl.ring("+86 138 1234 5678")
    hl.ring(MOBILE, pbx=hl.pbx_xinqi)
    hl.ring(LANDLINE)
    mine = open_order_at(hl, hl.tree.xieshu, MOBILE)
    open_order_at(hl, hl.tree.dagang, MOBILE)
    resident = resident_create(by=people.worker, name="马晓东", place=hl.tree.xieshu, basis="asked", phone=MOBILE)
    resident_create(by=people.other_worker, name="别处居民", place=hl.tree.dagang, basis="asked", phone=MOBILE)
    history = caller_history(people.operator, "138 1234 5678", call=second)
    assert [c.pk for c in history.calls] == [first.pk]
    assert history.orders == [mine] and history.residents == [resident]
    event = AuditEvent.objects.get(action="hotline.caller_lookup")
    assert (event.subject_id, event.category, event.target_id) == (resident.pk, "contact", str(second.pk))
    assert event.detail == {"calls": [first.pk], "orders": [mine.pk], "residents": [resident.pk]}
    with pytest.raises(ValidationError) as e:
        caller_history(people.operator, "hello")
    assert "phone" in e.value.message_dict


def test_the_incoming_panel_counts_earlier_calls_and_orders_in_scope(hl, people):
    hl.ring(MOBILE)
    hl.ring(MOBILE, pbx=hl.pbx_xinqi)  # another hotline: not counted
    open_order_at(hl, hl.tree.xieshu, MOBILE)
    open_order_at(hl, hl.tree.dagang, MOBILE)  # another subdistrict: not counted
    hidden = hl.ring("")
    hl.ring("")
    now_ringing = hl.ring(MOBILE)
    rows = {c.pk: c for c in incoming_calls(people.operator)}
    assert rows[now_ringing.pk].earlier_calls == 1 and rows[now_ringing.pk].earlier_orders == 1
    assert rows[hidden.pk].earlier_calls == 0 and rows[hidden.pk].earlier_orders == 0
    assert all(c.place_id == hl.tree.daqi.pk for c in rows.values())


def test_logged_missed_and_stale_calls_leave_the_incoming_panel(hl, people):
    from datetime import timedelta

    from django.utils import timezone

    logged = hl.taken()
    call_log_other(by=people.operator, call=logged, summary="x")
    missed = hl.ring()
    call_event(by=hl.pbx, event=CallEventKind.ENDED, call_id=missed.external_id)
    stale = hl.ring(at=timezone.now() - timedelta(hours=2))  # the phone system never said it ended
    ringing = hl.ring()
    mine_ended = hl.taken()
    call_event(by=hl.pbx, event=CallEventKind.ENDED, call_id=mine_ended.external_id)
    shown = {c.pk for c in incoming_calls(people.operator)}
    assert shown == {ringing.pk, mine_ended.pk}
    assert stale.pk not in shown and missed.pk not in shown
    assert mine_ended.pk not in {c.pk for c in incoming_calls(people.admin)}  # ended calls: only to their operator


def test_the_articles_used_are_linked_and_must_be_published(hl, people):
    from hotline_helpers import published_article

    article = published_article(hl)
    draft = published_article(hl, title="草稿", publish=False)
    call = hl.taken()
    with pytest.raises(ValidationError) as e:
        call_answer_on_call(by=people.operator, call=call, category=hl.insurance, summary="x",
                            articles=[article.pk, draft.pk])
    assert "articles" in e.value.message_dict
    with pytest.raises(ValidationError):
        call_answer_on_call(by=people.operator, call=call, category=hl.insurance, summary="x", articles=[999999])
    call = call_answer_on_call(by=people.operator, call=call, category=hl.insurance, summary="x",
                               articles=[article.pk])
    assert list(call.articles.all()) == [article]
