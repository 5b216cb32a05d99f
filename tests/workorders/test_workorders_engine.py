"""The engine: opening, routing, the state machine per role, callbacks, reopen, the clock."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion
from shiliu.workorders import machine
from shiliu.workorders.choices import EventKind, Status
from shiliu.workorders.models import OrderEvent, WorkOrder
from shiliu.workorders.selectors import inbox, order_get, orders_visible, reopen_queue
from shiliu.workorders.services import (
    order_acknowledge,
    order_callback,
    order_callback_by_resident,
    order_cancel,
    order_change_category,
    order_decide_reopen,
    order_dispatch,
    order_note,
    order_open,
    order_refer,
    order_resolve,
    order_return,
    order_supervise,
    remind_due,
    route,
    supervise_overdue,
)

pytestmark = pytest.mark.django_db


def kinds(order):
    return list(order.events.order_by("id").values_list("kind", flat=True))


def test_an_order_is_routed_by_rule_with_deadlines_events_and_an_audit_record(wo):
    order = wo.open()
    assert order.status == Status.DISPATCHED and order.unit == wo.tree.xieshu
    assert order.unit_path == wo.tree.xieshu.path and order.place_path == wo.tree.xieshu.path
    assert order.ack_due and order.resolve_due and order.due_at == order.ack_due
    assert order.resolve_due > order.ack_due
    assert kinds(order) == [EventKind.CREATED, EventKind.ROUTED]
    assert order.contact_phone == "+8613812345678" and order.contact_phone_index
    assert len(order.tracking_code) == 10
    assert AuditEvent.objects.filter(action="workorder.open", target_id=str(order.pk)).exists()
    assert order.number.endswith(f"-{order.pk:06d}")


def test_the_deepest_rule_wins_and_a_category_rule_beats_an_any_rule(wo):
    from shiliu.workorders.models import RoutingRule

    RoutingRule.objects.create(place=wo.tree.daqi, category=None, unit=wo.tree.daqi, created_by=wo.people.admin)
    assert route(wo.tree.xieshu, wo.insurance) == wo.tree.xieshu  # deeper rule
    assert route(wo.tree.jiufeng, wo.insurance) == wo.tree.daqi  # the subdistrict's any-category rule
    assert route(wo.tree.jiufeng, wo.school) == wo.tree.daqi  # deeper beats the district's category rule
    assert route(wo.tree.dagang, wo.school) == wo.tree.education
    assert route(wo.tree.dagang, wo.other) is None


def test_without_a_rule_the_order_waits_for_the_dispatcher(wo):
    order = wo.open(category=wo.other)
    assert order.status == Status.NEW and order.unit is None and order.due_at is None
    with pytest.raises(PermissionDenied):
        order_dispatch(by=wo.people.worker, order=order, version=order.version, unit=wo.tree.xieshu)
    order = order_dispatch(by=wo.people.operator, order=order, version=order.version, unit=wo.tree.jiufeng)
    assert order.status == Status.DISPATCHED and order.unit == wo.tree.jiufeng
    with pytest.raises(ValidationError):  # not in a dispatchable state any more
        order_dispatch(by=wo.people.operator, order=order, version=order.version, unit=wo.tree.xieshu)


def test_the_whole_life_of_an_order(wo):
    p = wo.people
    order = wo.open()
    with pytest.raises(PermissionDenied):  # another community's worker
        order_acknowledge(by=p.other_worker, order=order, version=order.version)
    with pytest.raises(StaleVersion):
        order_acknowledge(by=p.worker, order=order, version=order.version - 1)
    order = order_acknowledge(by=p.worker, order=order, version=order.version)
    assert order.status == Status.IN_PROGRESS and order.assignee == p.worker and order.ack_on_time is True
    assert order.due_at == order.resolve_due
    order_note(by=p.worker, order=order, note="已电话联系")
    order = order_resolve(by=p.worker, order=order, version=order.version, reply="已指导办理灵活就业参保")
    assert order.status == Status.RESOLVED and order.resolved_on_time is True
    with pytest.raises(PermissionDenied):  # the unit does not rate itself
        order_callback(by=p.worker, order=order, version=order.version, solved="yes", satisfaction="satisfied")
    order_callback(by=p.operator, order=order, version=order.version, solved="yes", satisfaction="very_satisfied")
    order.refresh_from_db()
    assert order.status == Status.CLOSED and not order.is_open and order.closed_at
    assert kinds(order) == [EventKind.CREATED, EventKind.ROUTED, EventKind.ACKNOWLEDGED, EventKind.NOTE,
                            EventKind.RESOLVED, EventKind.CALLBACK]
    with pytest.raises(ValidationError):  # one rating per order (and round)
        order_callback(by=p.operator, order=order, version=order.version, solved="no", satisfaction="dissatisfied")


def test_a_dissatisfied_callback_needs_a_supervisor_to_reopen_and_the_reopen_is_counted(wo):
    p = wo.people
    order = wo.open()
    order = order_acknowledge(by=p.worker, order=order, version=order.version)
    order = order_resolve(by=p.worker, order=order, version=order.version, reply="已答复")
    order_callback(by=p.operator, order=order, version=order.version, solved="partly", satisfaction="dissatisfied")
    order.refresh_from_db()
    assert order.status == Status.REOPEN_REQUESTED and order.is_open
    assert list(reopen_queue(p.officer)) == [order]
    assert list(reopen_queue(p.worker)) == []  # the unit cannot approve its own redo
    with pytest.raises(PermissionDenied):
        order_decide_reopen(by=p.worker, order=order, version=order.version, approve=True, note="")
    order = order_decide_reopen(by=p.officer, order=order, version=order.version, approve=True, note="请重新核实")
    assert order.status == Status.DISPATCHED and order.reopens == 1 and order.unit == wo.tree.xieshu
    order = order_acknowledge(by=p.worker, order=order, version=order.version)
    order = order_resolve(by=p.worker, order=order, version=order.version, reply="已补办")
    # the redo is rated again (round 1), by the resident through the SMS link this time
    order_callback_by_resident(tracking_code=order.tracking_code.lower(), solved="yes", satisfaction="satisfied")
    order.refresh_from_db()
    assert order.status == Status.CLOSED
    assert list(order.callbacks.values_list("round", "satisfaction")) == [(0, "dissatisfied"), (1, "satisfied")]
    with pytest.raises(ValidationError):
        order_callback_by_resident(tracking_code=order.tracking_code, solved="no", satisfaction="dissatisfied")


def test_a_refused_reopen_closes_with_a_reason(wo):
    p = wo.people
    order = wo.open()
    order = order_acknowledge(by=p.worker, order=order, version=order.version)
    order = order_resolve(by=p.worker, order=order, version=order.version, reply="已答复")
    order_callback(by=p.operator, order=order, version=order.version, solved="no", satisfaction="basically")
    order.refresh_from_db()
    with pytest.raises(ValidationError) as e:
        order_decide_reopen(by=p.officer, order=order, version=order.version, approve=False, note=" ")
    assert "note" in e.value.message_dict
    order = order_decide_reopen(by=p.officer, order=order, version=order.version, approve=False,
                                note="诉求超出政策范围，已解释")
    assert order.status == Status.CLOSED and order.reopens == 0


def test_a_return_is_reviewed_by_the_dispatcher_and_counted(wo):
    p = wo.people
    order = wo.open()
    with pytest.raises(ValidationError) as e:
        order_return(by=p.worker, order=order, version=order.version, reason="")
    assert "reason" in e.value.message_dict
    order = order_return(by=p.worker, order=order, version=order.version, reason="不属于本社区")
    assert order.status == Status.RETURNED and order.returns == 1 and order.due_at is None
    assert order not in inbox(p.worker)
    order = order_dispatch(by=p.operator, order=order, version=order.version, unit=wo.tree.jiufeng, note="改派九峰")
    assert order.status == Status.DISPATCHED
    assert order.events.filter(kind=EventKind.DISPATCHED, data__redispatch=True).exists()


def test_referral_to_a_department_needs_the_residents_consent_for_their_contact(wo):
    p = wo.people
    order = wo.open()
    order = order_acknowledge(by=p.worker, order=order, version=order.version)
    with pytest.raises(ValidationError) as e:
        order_refer(by=p.worker, order=order, version=order.version, department=wo.tree.education,
                    note="请协助入学", share_contact=True)
    assert "consent_confirmed" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        order_refer(by=p.worker, order=order, version=order.version, department=wo.tree.daqi, note="x")
    assert "department" in e.value.message_dict
    order = order_refer(by=p.worker, order=order, version=order.version, department=wo.tree.education,
                        note="请协助入学", share_contact=True, consent_confirmed=True)
    assert order.status == Status.DISPATCHED and order.unit == wo.tree.education
    event = order.events.get(kind=EventKind.REFERRED)
    assert event.data["contact_shared"] is True and event.data["consent_confirmed"] is True
    # the liaison now sees and handles it; the community still sees it (it is about its place)
    assert order in inbox(p.liaison)
    assert orders_visible(p.worker).filter(pk=order.pk).exists()
    order_acknowledge(by=p.liaison, order=order, version=order.version)


def test_changing_the_category_reroutes(wo):
    p = wo.people
    order = wo.open()
    order = order_change_category(by=p.operator, order=order, version=order.version, category=wo.school)
    assert order.unit == wo.tree.education and order.status == Status.DISPATCHED
    order = order_change_category(by=p.operator, order=order, version=order.version, category=wo.other)
    assert order.status == Status.NEW and order.unit is None
    order = order_cancel(by=p.operator, order=order, version=order.version, reason="重复来电")
    assert order.status == Status.CANCELLED and not order.is_open


def test_supervise_and_urge_come_from_a_unit_above(wo):
    p = wo.people
    order = wo.open()
    with pytest.raises(PermissionDenied):
        order_supervise(by=p.worker, order=order, note="x")
    order = order_supervise(by=p.officer, order=order, note="请今日内签收")
    order = order_supervise(by=p.officer, order=order, note="", urge=True)
    assert order.supervised and order.urges == 1
    assert set(kinds(order)[-2:]) == {EventKind.SUPERVISED, EventKind.URGED}
    assert "supervise" in machine.actions_for(order, p.admin)


def test_bad_input_is_refused_field_by_field_and_nothing_is_saved(wo):
    before = (WorkOrder.objects.count(), OrderEvent.objects.count())
    with pytest.raises(ValidationError) as e:
        order_open(by=wo.people.operator, channel="fax", category=None, description="  ", place=None,
                   urgency="now", language="xx", contact_phone="12345", contact_consent=False)
    errors = e.value.message_dict
    assert set(errors) == {"channel", "category", "description", "place", "urgency", "language", "contact_phone"}
    with pytest.raises(ValidationError) as e:
        wo.open(description="x" * 10_000_000)
    assert "description" in e.value.message_dict
    with pytest.raises(ValidationError) as e:
        wo.open(contact_consent=False)
    assert "contact_consent" in e.value.message_dict
    assert (WorkOrder.objects.count(), OrderEvent.objects.count()) == before


def test_only_places_in_scope_may_be_chosen(wo):
    with pytest.raises(PermissionDenied):
        wo.open(by=wo.people.worker, place=wo.tree.dagang)


def test_the_same_idempotency_key_opens_one_order(wo):
    first = wo.open(idempotency_key="call-42")
    again = wo.open(idempotency_key="call-42")
    assert first.pk == again.pk and WorkOrder.objects.count() == 1
    with pytest.raises(ValidationError) as e:
        wo.open(idempotency_key="call-42", description="另一件事")
    assert "idempotency_key" in e.value.message_dict
    other = wo.open(by=wo.people.admin, idempotency_key="call-42")  # keys are per caller
    assert other.pk != first.pk


def test_scope_of_orders(wo):
    p = wo.people
    order = wo.open()
    assert order_get(p.worker, order.pk) == order
    assert order_get(p.officer, order.pk) == order
    from django.http import Http404

    for outsider in (p.other_worker, p.liaison, p.auditor, p.nobody):
        with pytest.raises(Http404):
            order_get(outsider, order.pk)


def test_the_worker_reminds_before_the_deadline_and_supervises_after_it(wo):
    p = wo.people
    order = wo.open()
    assert remind_due(now=order.dispatched_at + timedelta(minutes=1)) == 0  # plenty of time left
    near = order.ack_due - timedelta(minutes=5)
    assert remind_due(now=near) == 1
    assert remind_due(now=near) == 0  # once per deadline
    late = order.ack_due + timedelta(minutes=1)
    assert supervise_overdue(now=late) == 1
    assert supervise_overdue(now=late) == 0
    order.refresh_from_db()
    assert order.overdue_at and order.supervised
    assert kinds(order)[-2:] == [EventKind.REMINDED, EventKind.OVERDUE]
    # acknowledging late is recorded as not on time; the resolve deadline runs afresh
    order = order_acknowledge(by=p.worker, order=order, version=order.version)
    order.refresh_from_db()
    assert order.ack_on_time is False or order.acknowledged_at <= order.ack_due
    assert order.overdue_at is None and order.due_at == order.resolve_due


def test_events_are_append_only(wo):
    event = wo.open().events.first()
    event.note = "changed"
    with pytest.raises(RuntimeError):
        event.save()
    with pytest.raises(RuntimeError):
        event.delete()


def test_timestamps_are_aware(wo):
    order = wo.open()
    assert timezone.is_aware(order.ack_due)


def test_moving_a_subtree_moves_the_orders_scope_with_it(wo):
    from shiliu.places.services import place_move

    p = wo.people
    order = wo.open()
    assert orders_visible(p.officer).filter(pk=order.pk).exists()
    xieshu = wo.tree.xieshu
    xieshu.refresh_from_db()
    place_move(place=xieshu, new_parent=wo.tree.xinqi, by=p.admin, version=xieshu.version)
    order.refresh_from_db()
    xieshu.refresh_from_db()
    assert order.place_path == xieshu.path and order.unit_path == xieshu.path
    assert not orders_visible(p.officer).filter(pk=order.pk).exists()  # no longer in 大碶
    assert order in inbox(p.worker)  # the community's own worker still has it


def test_events_cannot_be_rewritten_in_bulk_either(wo):
    order = wo.open()
    with pytest.raises(RuntimeError):
        order.events.update(note="rewritten")
    with pytest.raises(RuntimeError):
        OrderEvent.objects.filter(order=order).delete()
