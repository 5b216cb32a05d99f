"""Intake at a window: one work order per item, the checklist, refusals, idempotency."""

from datetime import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shiliu.audit.models import AuditEvent
from shiliu.windows.models import Visit, VisitItem
from shiliu.windows.services import visit_take
from shiliu.workorders.choices import Channel
from shiliu.workorders.models import WorkOrder


def test_one_visit_opens_one_window_order_per_item_and_records_what_is_missing(win, people):
    school_materials = win.materials(win.school)
    visit, created = visit_take(by=people.worker, window=win.xieshu, items=[win.school, win.pension],
                                brought={win.school.pk: school_materials[:1],
                                         win.pension.pk: win.materials(win.pension)},
                                visitor_name="马阿依", visitor_phone="13812345678", contact_consent=True)
    assert created
    lines = list(visit.lines.select_related("order").order_by("id"))
    assert [line.item for line in lines] == [win.school, win.pension]
    assert {line.order.channel for line in lines} == {Channel.WINDOW}
    assert [line.order.item_version_id for line in lines] == [win.school.current_id, win.pension.current_id]
    assert lines[0].materials_brought == school_materials[:1]
    assert lines[0].materials_missing == school_materials[1:]
    assert lines[1].materials_missing == []
    assert "户口簿" in lines[0].order.description and "预防接种证" in lines[0].order.description
    assert lines[0].promised_on > visit.taken_at.date()
    assert AuditEvent.objects.filter(action="windows.visit.take").count() == 1


def test_the_visitor_data_is_encrypted_at_rest(win, people):
    from django.db import connection

    visit, _ = visit_take(by=people.worker, window=win.xieshu, items=[win.pension], visitor_name="马阿依",
                          visitor_phone="13812345678", contact_consent=True)
    with connection.cursor() as cursor:
        cursor.execute("select visitor_name, visitor_phone from windows_visit where id = %s", [visit.pk])
        name, phone = cursor.fetchone()
    assert "马阿依" not in name and "13812345678" not in phone


def test_an_item_the_window_does_not_offer_is_refused_next_to_the_items(win, people):
    with pytest.raises(ValidationError) as exc:
        visit_take(by=people.worker, window=win.xieshu, items=[win.school, win.legal])
    assert "法律援助申请" in exc.value.message_dict["items"][0]
    assert not Visit.objects.exists() and not WorkOrder.objects.exists()


def test_no_item_is_refused(win, people):
    with pytest.raises(ValidationError) as exc:
        visit_take(by=people.worker, window=win.xieshu, items=[])
    assert "items" in exc.value.message_dict


def test_a_name_without_consent_is_refused(win, people):
    with pytest.raises(ValidationError) as exc:
        visit_take(by=people.worker, window=win.xieshu, items=[win.pension], visitor_name="马阿依")
    assert "contact_consent" in exc.value.message_dict
    assert not WorkOrder.objects.exists()


def test_a_bad_phone_is_refused_next_to_the_field(win, people):
    with pytest.raises(ValidationError) as exc:
        visit_take(by=people.worker, window=win.xieshu, items=[win.pension], visitor_phone="12", contact_consent=True)
    assert "visitor_phone" in exc.value.message_dict


def test_a_window_out_of_service_is_refused(win, people):
    win.xieshu.active = False
    win.xieshu.save()
    with pytest.raises(ValidationError) as exc:
        visit_take(by=people.worker, window=win.xieshu, items=[win.pension])
    assert "window" in exc.value.message_dict


def test_a_worker_of_another_community_cannot_take_visitors_there(win, people):
    with pytest.raises(PermissionDenied):
        visit_take(by=people.other_worker, window=win.xieshu, items=[win.pension])
    assert not Visit.objects.exists()


def test_the_same_key_twice_opens_once(win, people):
    first, created = visit_take(by=people.worker, window=win.xieshu, items=[win.school, win.pension],
                                idempotency_key="k-1")
    again, created_again = visit_take(by=people.worker, window=win.xieshu, items=[win.school, win.pension],
                                      idempotency_key="k-1")
    assert created and not created_again and again.pk == first.pk
    assert Visit.objects.count() == 1 and WorkOrder.objects.count() == 2 and VisitItem.objects.count() == 2


def test_the_same_key_for_another_visit_is_refused(win, people):
    visit_take(by=people.worker, window=win.xieshu, items=[win.school], idempotency_key="k-1")
    with pytest.raises(ValidationError) as exc:
        visit_take(by=people.worker, window=win.xieshu, items=[win.pension], idempotency_key="k-1")
    assert "idempotency_key" in exc.value.message_dict
    assert WorkOrder.objects.count() == 1


def test_a_resident_on_record_becomes_the_requester(win, people, tree):
    from shiliu.people.services import resident_create

    resident = resident_create(by=people.worker, name="马阿依", place=tree.xieshu, basis="asked",
                               phone="13812345678")
    visit, _ = visit_take(by=people.worker, window=win.xieshu, items=[win.pension], resident=resident,
                          contact_consent=True)
    assert visit.lines.get().order.requester == resident


def test_hours_refuse_overlapping_spans(win, people):
    from shiliu.windows.services import hours_set

    with pytest.raises(ValidationError) as exc:
        hours_set(window=win.xieshu, by=people.admin, version=win.xieshu.version,
                  spans=[(0, time(9), time(12)), (0, time(11), time(14))])
    assert "hours" in exc.value.message_dict
