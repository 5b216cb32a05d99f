"""Demo windows: a realistic part of the district's 50+ windows and 17 community service centres —
a service hall of three windows at the district, one window at each subdistrict office, and
service centres in eight communities with dense minority populations. Each offers the sample
guide's items that are offered at a window (none when the guide's sample is not loaded), keeps
weekday hours (one centre also on Saturday mornings), and has the demo staff on duty for the next
two weeks. A closure for staff training is entered at one centre. Loading twice adds nothing.
"""

from datetime import time, timedelta

from django.utils import timezone

from shiliu.guide.models import Material, ServiceItem
from shiliu.places.models import Place, PlaceKind
from shiliu.windows.models import Closure, DutyShift, OpeningHours, ServiceWindow, WindowKind
from shiliu.windows.services import visit_take, window_create

ORDER = 88  # after the guide (85), whose sample items the windows offer

WEEKDAYS = [(d, time(9, 0), time(12, 0)) for d in range(5)] + [(d, time(13, 30), time(17, 0)) for d in range(5)]
SATURDAY_MORNING = [(5, time(9, 0), time(12, 0))]

HALL = [  # (name, domains of the items it offers; empty: all)
    ("区民族事务一站式服务大厅 1号窗口", ["employment", "labour", "social-insurance"]),
    ("区民族事务一站式服务大厅 2号窗口", ["education", "health", "elderly", "housing"]),
    ("区民族事务一站式服务大厅 3号窗口", []),
]
CENTRES = [  # (community, open on Saturday mornings too)
    ("谢墅社区", True), ("九峰社区", False), ("大港社区", False), ("新大社区", False), ("红联社区", False),
    ("枫林社区", False), ("霞南社区", False), ("柴桥社区", False),
]
CENTRE_LEAVES_TO_OFFICES = {"legal", "trade"}  # the subdistrict and district windows take these
DUTY = [("xieshu_worker", "谢墅社区民族团结服务中心"), ("xinqi_worker", "大港社区民族团结服务中心"),
        ("daqi_officer", "大碶街道便民服务中心 民族事务窗口")]
DUTY_DAYS = 14
# Visitors taken at a window (synthetic people): (worker, window, key, name, phone, items, all materials?)
VISITS = [("xieshu_worker", "谢墅社区民族团结服务中心", "demo-visit-1", "马海燕", "13900003101", 2, True),
          ("xieshu_worker", "谢墅社区民族团结服务中心", "demo-visit-2", "艾山·买买提", "13900003102", 1, False),
          ("xinqi_worker", "大港社区民族团结服务中心", "demo-visit-3", "韩晓东", "13900003103", 1, True)]


def _window_items() -> list[ServiceItem]:
    return [item for item in ServiceItem.objects.filter(active=True, current__isnull=False)
            .select_related("current", "domain").order_by("code")
            if item.current is not None and "window" in (item.current.channels or [])]


def _make(admin, *, kind, place, name, address, phone, items, spans) -> ServiceWindow | None:
    if ServiceWindow.objects.filter(place=place, name=name).exists():
        return None
    window = window_create(by=admin, kind=kind, place=place, name=name, address=address, phone=phone, items=items)
    OpeningHours.objects.bulk_create(OpeningHours(window=window, weekday=w, opens=o, closes=c) for w, o, c in spans)
    return window


def load(*, places, users, admin) -> dict:
    admin = type(admin).objects.get(pk=admin.pk)
    items = _window_items()
    district = Place.objects.filter(kind=PlaceKind.DISTRICT).order_by("path").first()
    if district is None:
        return {"windows": 0}
    made = 0
    for n, (name, domains) in enumerate(HALL, start=1):
        offered = [i for i in items if not domains or any(d in i.domain.code for d in domains)] or items
        made += bool(_make(admin, kind=WindowKind.WINDOW, place=district, name=name, address="北仑区新大路1000号 一楼",
                           phone=f"0574-8686{1000 + n}", items=offered, spans=WEEKDAYS))
    for n, sub in enumerate(Place.objects.filter(kind=PlaceKind.SUBDISTRICT).order_by("path"), start=1):
        made += bool(_make(admin, kind=WindowKind.WINDOW, place=sub, name=f"{sub.name}便民服务中心 民族事务窗口",
                           address=f"{sub.name}办事处一楼", phone=f"0574-8690{2000 + n}", items=items,
                           spans=WEEKDAYS))
    communities = {p.name: p for p in Place.objects.filter(kind=PlaceKind.COMMUNITY, name__in=[c for c, _s in CENTRES])}
    for n, (community, saturday) in enumerate(CENTRES, start=1):
        place = communities.get(community)
        if place is None:
            continue
        window = _make(admin, kind=WindowKind.CENTRE, place=place, name=f"{community}民族团结服务中心",
                       address=f"{community}党群服务中心一楼", phone=f"0574-8691{3000 + n}",
                       items=[i for i in items if i.domain.code not in CENTRE_LEAVES_TO_OFFICES],
                       spans=WEEKDAYS + (SATURDAY_MORNING if saturday else []))
        if window is not None:
            made += 1
            if saturday:
                window.open_on_rest_days = True
                window.save(update_fields=["open_on_rest_days"])
    today = timezone.localdate()
    training = ServiceWindow.objects.filter(name="九峰社区民族团结服务中心").first()
    if training is not None and not Closure.objects.filter(window=training).exists():
        Closure.objects.create(window=training, starts_on=today + timedelta(days=10),
                               ends_on=today + timedelta(days=11), reason="窗口人员业务培训", created_by=admin)
    for username, window_name in DUTY:
        user, window = users.get(username), ServiceWindow.objects.filter(name=window_name).first()
        if user is None or window is None:
            continue
        for offset in range(DUTY_DAYS):
            DutyShift.objects.get_or_create(window=window, user=user, date=today + timedelta(days=offset),
                                            defaults={"created_by": admin})
    return {"windows": made, "visits": _visits(users)}


def _visits(users) -> int:
    """A few visitors taken through the intake, so orders of service items, their steps and the
    window figures have something to show. Each visit has its idempotency key: loading twice
    takes nobody twice."""
    taken = 0
    for username, window_name, key, name, phone, count, complete in VISITS:
        user, window = users.get(username), ServiceWindow.objects.filter(name=window_name).first()
        if user is None or window is None:
            continue
        offered = list(window.items.filter(current__isnull=False, active=True, current__materials__isnull=False)
                       .distinct().order_by("code")[:count])
        if not offered:
            continue
        brought = {}
        for item in offered:
            materials = list(Material.objects.filter(item_version_id=item.current_id).order_by("position")
                             .values_list("pk", flat=True))
            brought[item.pk] = materials if complete else materials[:-1]  # the last one forgotten
        _visit, created = visit_take(by=user, window=window, items=offered, brought=brought, visitor_name=name,
                                     visitor_phone=phone, contact_consent=True, idempotency_key=key)
        taken += created
    return taken
