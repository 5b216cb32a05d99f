"""The windows demo: a district hall, subdistrict windows and community centres offering the sample
guide's items, with hours and duty; loading twice adds nothing."""

from django.utils import timezone

from shiliu.core.demo import load_demo
from shiliu.windows.models import DutyShift, OpeningHours, ServiceWindow, Visit, VisitItem, WindowKind
from shiliu.workorders.models import OrderStep, WorkOrder


def _counts():
    return tuple(m.objects.count() for m in (ServiceWindow, OpeningHours, DutyShift, Visit, VisitItem, WorkOrder))


def test_demo_windows_load_once(db):
    load_demo(residents=0)
    assert ServiceWindow.objects.count() >= 20
    assert ServiceWindow.objects.filter(kind=WindowKind.CENTRE).count() >= 8
    centre = ServiceWindow.objects.get(name="谢墅社区民族团结服务中心")
    assert centre.items.count() >= 10 and centre.hours.count() == 11
    assert DutyShift.objects.filter(window=centre, user__username="xieshu_worker",
                                    date=timezone.localdate()).exists()
    # visitors taken through the intake: item orders with their steps, one step done at the window
    assert Visit.objects.count() == 3 and VisitItem.objects.count() == 4
    assert OrderStep.objects.filter(order__channel="window", done_at__isnull=False).exists()
    assert any(line.materials_missing for line in VisitItem.objects.all())
    before = _counts()
    load_demo(residents=0)
    assert _counts() == before
