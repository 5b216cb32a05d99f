"""A work order of a service item follows the item's steps (ADR 0017)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from workorders_steps_helpers import add_version, make_item, sms_templates

from shiliu.audit.models import AuditEvent
from shiliu.guide.models import StepOwner
from shiliu.workdays.calendar import add_working_days
from shiliu.workorders import selectors, services
from shiliu.workorders.choices import EventKind, Status
from shiliu.workorders.models import OrderStep, ReferralConsent, WorkOrder
from shiliu.workorders.services import remind_due, supervise_overdue
from shiliu.workorders.steps import consent_record, step_complete

pytestmark = pytest.mark.django_db


def _ack(wo, order, by=None):
    order.refresh_from_db()
    return services.order_acknowledge(by=by or wo.people.worker, order=order, version=order.version)


def _open(wo, version, **kw):
    return wo.open(category=None, item_version=version, **kw)


def test_the_order_copies_the_steps_with_their_units_and_goes_to_the_first(wo):
    _item, version = make_item(wo)
    order = _open(wo, version)
    steps = list(order.steps.order_by("position"))
    assert [(s.position, s.owner, s.unit) for s in steps] == [
        (1, StepOwner.WINDOW, wo.tree.xieshu), (2, StepOwner.SUBDISTRICT, wo.tree.daqi),
        (3, StepOwner.DEPARTMENT, wo.tree.education)]
    assert all(s.started_at is None for s in steps)
    assert order.unit == wo.tree.xieshu and order.status == Status.DISPATCHED


def test_steps_advance_in_order_through_the_department_and_back(wo):
    people = wo.people
    _item, version = make_item(wo)
    order = _ack(wo, _open(wo, version))
    first = order.steps.get(position=1)
    assert first.started_at == order.acknowledged_at
    assert first.due_at == add_working_days(order.acknowledged_at, 1)
    assert order.due_at == first.due_at  # the inbox shows the step's own deadline

    # Not the current step: refused, nothing changes.
    with pytest.raises(ValidationError):
        step_complete(by=people.officer, order=order, position=2)
    step_complete(by=people.worker, order=order, position=1)
    order.refresh_from_db()
    second = order.steps.get(position=2)
    assert order.unit == wo.tree.daqi and order.status == Status.IN_PROGRESS
    assert order.due_at == second.due_at == add_working_days(second.started_at, 2)
    assert order in selectors.inbox(people.officer)
    assert order not in selectors.inbox(people.worker)

    step_complete(by=people.officer, order=order, position=2, outcome="街道审核通过")
    order.refresh_from_db()
    assert order.unit == wo.tree.education
    referral = order.events.filter(kind=EventKind.REFERRED).get()
    assert referral.data["step"] == 3 and referral.data["contact_shared"] is False
    assert order in selectors.inbox(people.liaison)
    assert not selectors.contact_visible(order, people.liaison)

    with pytest.raises(ValidationError) as e:  # the liaison reports back with an outcome
        step_complete(by=people.liaison, order=order, position=3, outcome=" ")
    assert "outcome" in e.value.message_dict
    step = step_complete(by=people.liaison, order=order, position=3, outcome="已核定待遇")
    assert step.done_by == people.liaison and step.on_time is True
    order.refresh_from_db()
    assert order.unit == wo.tree.xieshu  # back to the unit that acknowledged it
    assert order.due_at == order.resolve_due
    assert order.events.filter(kind=EventKind.STEP_DONE).count() == 3
    assert AuditEvent.objects.filter(action="workorder.step_complete").count() == 3
    services.order_resolve(by=people.worker, order=order, version=order.version, reply="已办结")
    order.refresh_from_db()
    assert order.status == Status.RESOLVED


def test_an_order_cannot_be_resolved_before_its_last_step(wo):
    _item, version = make_item(wo)
    order = _ack(wo, _open(wo, version))
    with pytest.raises(ValidationError):
        services.order_resolve(by=wo.people.worker, order=order, version=order.version, reply="x")
    assert WorkOrder.objects.get(pk=order.pk).status == Status.IN_PROGRESS


def test_an_outsider_cannot_complete_a_step_and_nothing_changes(wo):
    _item, version = make_item(wo)
    order = _ack(wo, _open(wo, version))
    before = order.version
    for outsider in (wo.people.other_worker, wo.people.liaison, wo.people.operator):
        with pytest.raises(PermissionDenied):
            step_complete(by=outsider, order=order, position=1)
    step = OrderStep.objects.get(order=order, position=1)
    assert step.done_at is None
    assert WorkOrder.objects.get(pk=order.pk).version == before


def test_a_new_version_of_the_item_does_not_change_a_started_orders_steps(wo):
    item, version = make_item(wo)
    order = _ack(wo, _open(wo, version))
    add_version(item, promised_days=3, steps=[(StepOwner.DISTRICT, 5, False, None)])
    assert item.current.number == 2
    assert order.steps.count() == 3
    assert WorkOrder.objects.get(pk=order.pk).item_version == version
    step_complete(by=wo.people.worker, order=order, position=1)
    assert OrderStep.objects.get(order=order, position=2).unit == wo.tree.daqi
    newer = _open(wo, item.current)
    assert list(newer.steps.values_list("owner", flat=True)) == [StepOwner.DISTRICT]


def test_completing_twice_completes_once(wo):
    _item, version = make_item(wo)
    order = _ack(wo, _open(wo, version))
    step_complete(by=wo.people.worker, order=order, position=1, version=order.version)
    with pytest.raises(Exception):  # noqa: B017 - stale version (409) or "already done"
        step_complete(by=wo.people.worker, order=order, position=1, version=order.version)
    with pytest.raises(ValidationError):
        step_complete(by=wo.people.worker, order=order, position=1)
    assert order.events.filter(kind=EventKind.STEP_DONE).count() == 1


def test_the_resident_hears_of_milestones_only_with_consent(wo):
    _item, version = make_item(wo)
    order = _ack(wo, _open(wo, version))
    step_complete(by=wo.people.worker, order=order, position=1)  # not told
    step_complete(by=wo.people.officer, order=order, position=2)  # told
    step_complete(by=wo.people.liaison, order=order, position=3, outcome="好")  # told
    order.refresh_from_db()
    services.order_resolve(by=wo.people.worker, order=order, version=order.version, reply="已办结")
    assert sms_templates(order) == ["sms.order.opened", "sms.order.accepted", "sms.order.step_done",
                                    "sms.order.step_done", "sms.order.resolved"]

    silent = _ack(wo, _open(wo, version, contact_name="", contact_phone="", contact_consent=False))
    step_complete(by=wo.people.worker, order=silent, position=1)
    step_complete(by=wo.people.officer, order=silent, position=2)
    assert sms_templates(silent) == []


def test_a_department_step_carries_the_contact_only_with_recorded_consent(wo):
    _item, version = make_item(wo)
    order = _ack(wo, _open(wo, version))
    consent = consent_record(by=wo.people.worker, order=order)
    assert consent.recorded_by == wo.people.worker and consent.text
    with pytest.raises(ValidationError):  # once per order
        consent_record(by=wo.people.worker, order=order)
    assert ReferralConsent.objects.filter(order=order).count() == 1
    assert AuditEvent.objects.filter(action="workorder.consent").count() == 1
    step_complete(by=wo.people.worker, order=order, position=1)
    step_complete(by=wo.people.officer, order=order, position=2)
    order.refresh_from_db()
    referral = order.events.get(kind=EventKind.REFERRED)
    assert referral.data["contact_shared"] is True and referral.data["consent"] == consent.pk
    assert selectors.contact_visible(order, wo.people.liaison)


def test_an_overdue_step_is_flagged_and_supervised(wo):
    _item, version = make_item(wo)
    order = _ack(wo, _open(wo, version))
    step = order.steps.get(position=1)
    assert remind_due(now=step.due_at - (step.due_at - step.started_at) * 0.1) == 1
    assert supervise_overdue(now=step.due_at + (step.due_at - step.started_at)) == 1
    overdue = order.events.get(kind=EventKind.OVERDUE)
    assert overdue.data["step"] == 1
    step_complete(by=wo.people.worker, order=order, position=1)
    order.refresh_from_db()
    assert order.overdue_at is None and order.reminded_at is None  # the next step's clock is fresh


def test_a_step_returned_and_dispatched_elsewhere_goes_with_the_order(wo):
    _item, version = make_item(wo)
    order = _ack(wo, _open(wo, version))
    step_complete(by=wo.people.worker, order=order, position=1)
    order.refresh_from_db()
    order = services.order_return(by=wo.people.officer, order=order, version=order.version, reason="不属本街道")
    order = services.order_dispatch(by=wo.people.admin, order=order, version=order.version, unit=wo.tree.jiufeng)
    order = services.order_acknowledge(by=wo.people.admin, order=order, version=order.version)
    step = OrderStep.objects.get(order=order, position=2)
    assert step.unit == wo.tree.jiufeng and order.due_at == step.due_at
    step_complete(by=wo.people.admin, order=order, position=2)
    assert OrderStep.objects.get(order=order, position=3).started_at is not None
