"""The windows demo: a district hall, subdistrict windows and community centres offering the sample
guide's items, with hours and duty; loading twice adds nothing."""

from django.utils import timezone

from shiliu.core.demo import load_demo
from shiliu.windows.models import DutyShift, OpeningHours, ServiceWindow, WindowKind


def _counts():
    return tuple(m.objects.count() for m in (ServiceWindow, OpeningHours, DutyShift))


def test_demo_windows_load_once(db):
    load_demo(residents=0)
    assert ServiceWindow.objects.count() >= 20
    assert ServiceWindow.objects.filter(kind=WindowKind.CENTRE).count() >= 8
    centre = ServiceWindow.objects.get(name="谢墅社区民族团结服务中心")
    assert centre.items.count() >= 10 and centre.hours.count() == 11
    assert DutyShift.objects.filter(window=centre, user__username="xieshu_worker",
                                    date=timezone.localdate()).exists()
    before = _counts()
    load_demo(residents=0)
    assert _counts() == before
