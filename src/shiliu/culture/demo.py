"""Demo records of cultural work: two amateur art troupes with members (synthetic names and
phones, never real people), repertoire and performances; publicity positions; and the district's
ethnic knowledge museum with guides, coming slots (some already booked) and past visits.

Loading twice adds nothing: a troupe, position or museum already there is left alone. Past
slots and visits are history, so they are written directly (the services accept only slots
that start in the future); everything else goes through the services.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from shiliu.culture.choices import BookingSource, BookingStatus, Genre, PositionKind, TroupeRole
from shiliu.culture.models import ArtTroupe, Museum, PublicityPosition, VisitBooking, VisitSlot
from shiliu.culture.museum import booking_confirm, booking_create, museum_create, slot_create
from shiliu.culture.services import member_add, performance_add, position_create, repertoire_add, troupe_create

ORDER = 80

TROUPES: list[dict[str, Any]] = [
    {
        "place": "330206003001", "name": "谢墅社区石榴籽艺术团", "founded_on": date(2018, 6, 1),
        "description": "社区各民族居民自发组成的业余文艺队，每周三晚排练。",
        "members": [("古丽娜", TroupeRole.LEADER, "13900001201"), ("王芳", TroupeRole.INSTRUCTOR, ""),
                    ("马晓梅", TroupeRole.PERFORMER, ""), ("李娟", TroupeRole.PERFORMER, ""),
                    ("阿力木", TroupeRole.PERFORMER, ""), ("陈建国", TroupeRole.SUPPORT, "13900001205")],
        "repertoire": [("我们都是一家人", Genre.SONG, "合唱"), ("赛乃姆", Genre.DANCE, "维吾尔族舞蹈"),
                       ("梁祝（选段）", Genre.OPERA, "越剧"), ("花儿与少年", Genre.SONG, "青海花儿")],
        "performances": [(-200, "“石榴籽”文艺汇演", "谢墅社区文化家园", 260),
                         (-120, "邻里节专场演出", "谢墅社区广场", 180),
                         (-30, "文化走亲：走进九峰社区", "九峰社区活动中心", 150)],
    },
    {
        "place": "330206001001", "name": "大港社区民族团结文艺队", "founded_on": date(2016, 4, 15),
        "description": "由社区居民和新北仑人组成，常到企业和学校演出。",
        "members": [("热依拉", TroupeRole.LEADER, "13900001301"), ("周敏", TroupeRole.PERFORMER, ""),
                    ("韩雪", TroupeRole.PERFORMER, "")],
        "repertoire": [("唱支山歌给党听", Genre.SONG, "独唱"), ("安代舞", Genre.DANCE, "蒙古族舞蹈")],
        "performances": [(-150, "企业慰问演出", "北仑示范纺织有限公司", 120),
                         (-45, "迎新春联欢", "大港社区礼堂", 200)],
    },
]

# (place code, kind, name, address, since)
POSITIONS = [
    ("330206003001", PositionKind.GALLERY, "谢墅社区民族团结长廊", "谢墅社区文化广场东侧", date(2019, 9, 1)),
    ("330206003", PositionKind.BOARD, "大碶街道民族团结宣传栏", "大碶街道便民服务中心门口", date(2018, 5, 1)),
    ("330206001001", PositionKind.CORNER, "大港社区民族团结角", "大港社区党群服务中心二楼", date(2020, 3, 15)),
    ("330206003802", PositionKind.WALL, "大碶示范小学民族团结文化墙", "校园东教学楼走廊", date(2021, 9, 1)),
    ("330206", PositionKind.ONLINE_COLUMN, "“北仑民族团结”网上专栏", "https://example.invalid/beilun-unity",
     date(2020, 1, 1)),
]

MUSEUM = {"place": "330206003", "name": "北仑区民族知识馆", "address": "大碶街道灵峰路（示范地址）",
          "description": "以图片、实物和多媒体介绍56个民族的历史、文化和习俗，接待学校、企业、社区团体参观。"}

# Past visits: (days ago, group, size, people who came)
PAST_VISITS = [(-90, "大碶示范小学四（2）班", 42, 40), (-60, "北仑示范纺织有限公司新员工", 25, 23),
               (-35, "谢墅社区老年协会", 18, 18), (-14, "宁波职业技术学院新疆班", 30, 31)]
# Coming bookings: (slot index, group, size, contact name, phone, confirmed)
COMING = [(0, "九峰社区青少年暑期班", 20, "赵老师", "13900001401", True),
          (1, "开发区示范电子有限公司团支部", 15, "孙先生", "13900001402", False)]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _troupes(places, admin) -> int:
    made = 0
    today = timezone.localdate()
    for spec in TROUPES:
        place = places[spec["place"]]
        if ArtTroupe.objects.filter(place=place, name=spec["name"]).exists():
            continue
        troupe = troupe_create(by=admin, name=spec["name"], place=place, founded_on=spec["founded_on"],
                               description=spec["description"])
        for name, role, phone in spec["members"]:
            member_add(troupe=troupe, by=admin, name=name, role=role, phone=phone)
        for title, genre, style in spec["repertoire"]:
            repertoire_add(troupe=troupe, by=admin, title=title, genre=genre, style=style)
        for days, title, venue, audience in spec["performances"]:
            performance_add(troupe=troupe, by=admin, date=today + timedelta(days=days), title=title, venue=venue,
                            audience=audience)
        made += 1
    return made


def _positions(places, admin) -> int:
    made = 0
    for code, kind, name, address, since in POSITIONS:
        place = places[code]
        if not PublicityPosition.objects.filter(place=place, name=name).exists():
            position_create(by=admin, kind=kind, name=name, place=place, address=address, since=since)
            made += 1
    return made


def _museum(places, users, admin) -> int:
    place = places[MUSEUM["place"]]
    if Museum.objects.filter(place=place, name=MUSEUM["name"]).exists():
        return 0
    guides = [users[u] for u in ("daqi_officer", "xieshu_worker") if u in users]
    museum = museum_create(by=admin, name=MUSEUM["name"], place=place, address=MUSEUM["address"],
                           description=MUSEUM["description"], guides=guides, online_booking=True)
    today = timezone.localdate()
    for days, group, size, came in PAST_VISITS:  # history: written directly
        day = today + timedelta(days=days)
        slot = VisitSlot.objects.create(museum=museum, starts_at=_at(day, 9), ends_at=_at(day, 10, 30), capacity=50,
                                        created_by=admin)
        VisitBooking.objects.create(slot=slot, group_name=group, group_size=size, contact_name="联系人",
                                    contact_phone="+8613900001499", status=BookingStatus.VISITED,
                                    source=BookingSource.STAFF, reference=f"DEMO{abs(days):04d}",
                                    guide=guides[0] if guides else None, visited_count=came, created_by=admin,
                                    decided_by=admin, decided_at=_at(day, 8))
    slots = []
    for offset in range(1, 15):
        day = today + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        slots.append(slot_create(museum=museum, by=admin, starts_at=_at(day, 9), ends_at=_at(day, 10, 30),
                                 capacity=40))
        slots.append(slot_create(museum=museum, by=admin, starts_at=_at(day, 14), ends_at=_at(day, 15, 30),
                                 capacity=40))
    for index, group, size, contact, phone, confirmed in COMING:
        booking = booking_create(slot=slots[index], by=admin, group_name=group, group_size=size,
                                 contact_name=contact, contact_phone=phone)
        if confirmed and guides:
            booking_confirm(booking=booking, by=admin, version=booking.version, guide=guides[0])
    return 1


def load(*, places, users, admin) -> dict:
    # A fresh copy: the caller's may have cached its roles before the district role was granted.
    admin = type(admin).objects.get(pk=admin.pk)
    return {"culture_troupes": _troupes(places, admin), "culture_positions": _positions(places, admin),
            "culture_museums": _museum(places, users, admin)}
