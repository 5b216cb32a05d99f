"""The demo hotline loads once, and the simulated phone system rings the desk."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from shiliu.core.demo import load_demo
from shiliu.hotline.choices import CallState, Outcome
from shiliu.hotline.models import Call
from shiliu.hotline.selectors import incoming_calls
from shiliu.places.models import Place
from shiliu.workorders.models import IdempotencyKey

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_the_demos_the_hotline_builds_on(monkeypatch):
    """The demo of the apps whose records the hotline's demo uses (orders, categories), and its own."""
    import importlib

    from shiliu.core import demo

    wanted = []
    for name in ("workorders", "knowledge", "hotline"):
        try:
            wanted.append(importlib.import_module(f"shiliu.{name}.demo"))
        except ModuleNotFoundError:
            pass
    monkeypatch.setattr(demo, "_app_demos", lambda: sorted(wanted, key=lambda m: getattr(m, "ORDER", 100)))


def test_the_demo_has_about_sixty_calls_of_every_kind_and_loads_once(only_the_demos_the_hotline_builds_on):
    load_demo(residents=30)
    calls = Call.objects.filter(source="demo")
    assert 55 <= calls.count() <= 65
    assert set(calls.values_list("place__code", flat=True)) == {"330206003"}
    outcomes = set(calls.values_list("outcome", flat=True))
    assert {Outcome.MISSED, Outcome.ANSWERED_ON_CALL, Outcome.ORDER_OPENED, Outcome.OTHER} <= outcomes
    assert calls.filter(order__isnull=False).count() >= 3
    # The work-order demo's hotline orders at 大碶 got the call they came from, matched by number.
    linked = IdempotencyKey.objects.filter(key__startswith="demo-wo-", order__calls__source="demo")
    assert linked.exists()
    for key in linked.select_related("order"):
        call = key.order.calls.get()
        assert call.caller_index == key.order.contact_phone_index and call.started_at < key.order.created_at
    before = Call.objects.count()
    load_demo(residents=30)
    assert Call.objects.count() == before


def test_hotline_ring_lights_up_the_operators_panel(people, tree, capsys):
    call_command("hotline_ring", "--caller", "057486881234")
    call = Call.objects.get()
    assert call.state == CallState.RINGING and call.place == tree.daqi and call.caller_phone == "+8657486881234"
    assert [c.pk for c in incoming_calls(people.operator)] == [call.pk]
    out = capsys.readouterr().out
    assert "057486881234" not in out and "ringing" in out
    call_command("hotline_ring", "--caller", "13812345678", "--then", "answered", "--operator", "operator")
    assert Call.objects.filter(state=CallState.ANSWERED, operator=people.operator).count() == 1
    with pytest.raises(CommandError):
        call_command("hotline_ring", "--place", "999")
    assert Place.objects.filter(code="330206003").exists()
