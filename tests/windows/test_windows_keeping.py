"""Keeping windows: each refusal of the services, versions, and the guide's page showing where to go."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shiliu.core.concurrency import StaleVersion
from shiliu.windows.models import Closure, DutyShift, ServiceWindow, WindowKind
from shiliu.windows.services import closure_add, duty_add, hours_set, window_create, window_update


def test_a_window_at_a_place_out_of_scope_is_refused_next_to_the_place(win, people, tree):
    with pytest.raises(ValidationError) as exc:
        window_create(by=people.officer, kind=WindowKind.WINDOW, place=tree.dagang, name="越界窗口")
    assert "place" in exc.value.message_dict
    assert not ServiceWindow.objects.filter(name="越界窗口").exists()


def test_an_unknown_kind_and_an_empty_name_are_refused_together(win, people, tree):
    with pytest.raises(ValidationError) as exc:
        window_create(by=people.officer, kind="kiosk", place=tree.jiufeng, name=" ")
    assert {"kind", "name"} <= set(exc.value.message_dict)


def test_a_stale_update_is_refused_and_changes_nothing(win, people):
    window_update(window=win.xieshu, by=people.officer, version=win.xieshu.version, phone="86001111")
    with pytest.raises(StaleVersion):
        window_update(window=win.xieshu, by=people.officer, version=win.xieshu.version, phone="86002222")
    assert ServiceWindow.objects.get(pk=win.xieshu.pk).phone == "86001111"


def test_a_worker_without_window_edit_cannot_update(win, people):
    with pytest.raises(PermissionDenied):
        window_update(window=win.xieshu, by=people.worker, version=win.xieshu.version, name="改")


def test_update_changes_the_items_and_bumps_the_version(win, people):
    updated = window_update(window=win.xieshu, by=people.officer, version=win.xieshu.version,
                            items=[win.school, win.pension, win.legal])
    assert updated.version == win.xieshu.version + 1 and updated.items.count() == 3


def test_hours_need_opens_before_closes(win, people):
    with pytest.raises(ValidationError):
        hours_set(window=win.xieshu, by=people.officer, version=win.xieshu.version, spans=[(0, time(12), time(9))])
    assert win.xieshu.hours.count() == 5


def test_a_closure_ending_before_it_starts_is_refused(win, people):
    today = date.today()
    with pytest.raises(ValidationError) as exc:
        closure_add(window=win.xieshu, by=people.officer, starts_on=today, ends_on=today - timedelta(days=1),
                    reason="培训")
    assert "ends_on" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        closure_add(window=win.xieshu, by=people.officer, starts_on=today, ends_on=today, reason="")
    assert "reason" in exc.value.message_dict
    assert not Closure.objects.exists()


def test_duty_needs_someone_who_may_take_visitors_there(win, people):
    with pytest.raises(ValidationError) as exc:
        duty_add(window=win.xieshu, by=people.officer, user=people.other_worker, day=date.today())
    assert "user" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        duty_add(window=win.xieshu, by=people.officer, user=people.auditor, day=date.today())
    assert "user" in exc.value.message_dict
    duty_add(window=win.xieshu, by=people.officer, user=people.worker, day=date.today())
    duty_add(window=win.xieshu, by=people.officer, user=people.worker, day=date.today())  # twice: once
    assert DutyShift.objects.count() == 1


def test_a_closure_today_shows_the_window_closed(win, people, client):
    today = date.today()
    closure_add(window=win.xieshu, by=people.officer, starts_on=today, ends_on=today, reason="培训")
    from shiliu.windows.selectors import annotate_states, windows_public

    window = annotate_states([windows_public().get(pk=win.xieshu.pk)])[0]
    assert not window.state.open_now
    assert window.state.next_opens_at is None or window.state.next_opens_at.date() > today


def test_the_guide_public_item_page_says_where_to_go(win, client):
    page = client.get(f"/guide/public/items/{win.legal.code}/").content.decode()
    assert "大港社区服务窗口" in page and "谢墅社区民族服务中心" not in page
