"""Demo activities: a dozen of the kinds the report names, held over the past months or coming in the
next weeks, across communities, a village, an enterprise, a school and the subdistricts. Held ones
have check-ins, people counted at the door, participant counts by group and a summary; one coming
activity is full with a waiting list; one runs today so the QR check-in can be tried. Registrants
are synthetic (Faker's zh_CN names and numbers, never real people). Loading twice adds nothing.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from shiliu.activities.choices import ActivityStatus, ActivityType, RegistrationSource, RegistrationStatus
from shiliu.activities.models import Activity, Registration
from shiliu.activities.registrations import checkin_by_list, phone_index, registration_create
from shiliu.activities.selectors import organization_choices
from shiliu.activities.services import activity_create, activity_publish, activity_set_status, outcome_record
from shiliu.people.validation import clean_phone

ORDER = 60

# (days from today, start hour, hours, username, place code, co-organizer codes, type, title, English title,
#  venue, capacity, published, public registration,
#  for held ones: (registered, checked in, counted at the door, [(group, count)], summary);
#  for coming ones: registrations to make)
PLAN = [
    (-84, 9, 6, "daqi_officer", "330206003202", ["330206003001"], ActivityType.FIVE_VILLAGE,
     "石榴籽暑期果园采摘", "Summer fruit picking for the pomegranate children", "共同村杨梅基地", 40, True, False,
     (32, 29, 6, [("少数民族儿童", 16), ("本地儿童", 14), ("家长志愿者", 5)],
      "少数民族和本地孩子结对采摘、分享果实，家长一同参加。")),
    (-61, 14, 2, "xieshu_worker", "330206003001", [], ActivityType.LECTURE,
     "民族团结进步知识讲座", "Lecture on ethnic unity and progress", "谢墅社区党群服务中心三楼", 60, True, False,
     (48, 41, 9, [("少数民族群众", 19), ("本地群众", 31)], "讲解民族政策和法律常识，现场答疑十余个问题。")),
    (-47, 9, 3, "xieshu_worker", "330206003001", [], ActivityType.FIVE_FAMILY,
     "亲子读书分享会", "Parent–child book sharing", "谢墅社区图书室", 30, True, False,
     (24, 22, 4, [("少数民族家庭", 11), ("本地家庭", 15)], "十二个家庭共读绘本，孩子们交换了自己的书。")),
    (-33, 13, 3, "daqi_officer", "330206003801", ["330206003"], ActivityType.FIVE_ENTERPRISE,
     "走进模具厂：企业开放日", "Open day at the mould works", "大碶示范模具厂", 25, False, False,
     (25, 23, 0, [("少数民族员工子女", 12), ("本地员工子女", 11)], "参观生产车间，了解父母的工作。")),
    (-19, 9, 8, "daqi_officer", "330206003", ["330206001"], ActivityType.CULTURAL_VISIT,
     "新碶大碶文化走亲", "Cultural exchange visit, Xinqi and Daqi", "大碶文化礼堂", None, True, False,
     (0, 0, 120, [("文艺队队员", 36)], "两街道文艺队交流演出九个节目，群众观看约一百二十人。")),
    (-12, 10, 2, "daqi_officer", "330206003802", [], ActivityType.ENTRY_SCHOOL,
     "民族团结进校园", "Ethnic unity comes to school", "大碶示范小学报告厅", 120, False, False,
     (0, 0, 96, [("学生", 88), ("教师", 8)], "主题班会和民族知识问答。")),
    (-9, 18, 3, "xinqi_worker", "330206001001", [], ActivityType.EXCHANGE_CONTACT,
     "大港社区邻里美食节", "Dagang neighbourhood food festival", "大港社区广场", None, True, False,
     (0, 0, 210, [("少数民族群众", 64), ("本地群众", 146)], "十八户家庭摆出家乡菜，邻里交流。")),
    (-5, 9, 3, "daqi_officer", "330206003002", [], ActivityType.VOLUNTEER,
     "新市民法律咨询志愿服务", "Legal advice for newcomers (volunteers)", "九峰社区服务站", None, False, False,
     (0, 0, 37, [], "律师志愿者解答劳动合同、租房等咨询三十七人次。")),
    # Today, running now: try the QR check-in.
    (0, None, 6, "xieshu_worker", "330206003001", [], ActivityType.THEMED,
     "今日：石榴籽民族知识小课堂", "Today: pomegranate-seed knowledge class", "谢墅社区活动室", 30, True, False, 12),
    (6, 14, 2, "admin", "330206001801", ["330206001"], ActivityType.ENTRY_ENTERPRISE,
     "民族团结进企业宣讲", "Ethnic unity talk at the textile company", "北仑示范纺织有限公司会议室", 80, True, False,
     15),
    (11, 9, 4, "xieshu_worker", "330206003001", ["330206003002"], ActivityType.FIVE_COMMUNITY,
     "石榴籽亲子运动会", "Pomegranate-seed family sports day", "谢墅社区运动场", 20, True, True, 24),
    (16, 9, 4, "daqi_officer", "330206003", [], ActivityType.ASSISTANCE,
     "困难家庭走访帮扶", "Visits to families in hardship", "大碶街道辖区", None, False, False, 0),
    (24, 18, 3, "admin", "330206", ["330206003", "330206001"], ActivityType.CULTURAL_VISIT,
     "新春文化走亲联欢会", "New Year cultural exchange gala", "北仑区文化中心", 300, True, True, 0),
]


def _starts(days: int, hour: int | None) -> datetime:
    if hour is None:  # running now
        return timezone.now().replace(second=0, microsecond=0) - timedelta(minutes=40)
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _person(fake) -> tuple[str, str]:
    return fake.name(), clean_phone(fake.phone_number())


def _held_registrations(activity, fake, registered: int, checked_in: int) -> None:
    """Registrations of an activity already held, written as they ended up (the services refuse
    to register for, or check in to, an activity in the past)."""
    for i in range(registered):
        name, phone = _person(fake)
        at = activity.starts_at - timedelta(days=3, minutes=17 * i)
        came = i < checked_in
        Registration.objects.create(
            activity=activity, name=name, phone=phone, phone_index=phone_index(phone),
            status=RegistrationStatus.CHECKED_IN if came else RegistrationStatus.REGISTERED,
            source=RegistrationSource.STAFF, registered_at=at, created_by=activity.created_by,
            checked_in_at=activity.starts_at - timedelta(minutes=20) + timedelta(seconds=37 * i) if came else None)


def load(*, places, users, admin) -> dict:
    from faker import Faker

    fake_seeded = Faker("zh_CN")
    fake_seeded.seed_instance(6060)
    rng = random.Random(6060)  # noqa: S311 - synthetic demo data
    made = 0
    for (days, hour, hours, username, code, co_codes, kind, title, title_en, venue, capacity, published,
         public, extra) in PLAN:
        place = places.get(code)
        by = users.get(username) or admin
        if place is None or Activity.objects.filter(title=title, place=place).exists():
            continue
        starts = _starts(days, hour)
        # The place's own micro-organization runs it, where the demo network has one.
        organization = organization_choices(by).filter(place=place).first()
        activity = activity_create(
            by=by, title=title, title_en=title_en, type=kind, place=place, starts_at=starts,
            ends_at=starts + timedelta(hours=hours), venue=venue, capacity=capacity,
            co_organizers=[places[c] for c in co_codes if c in places], public_registration=public,
            organization=organization)
        made += 1
        if isinstance(extra, tuple):  # held
            registered, checked_in, at_door, counts, summary = extra
            _held_registrations(activity, fake_seeded, registered, checked_in)
            activity = Activity.objects.get(pk=activity.pk)
            outcome_record(activity=activity, by=by, version=activity.version, extra_attendance=at_door,
                           summary=summary, counts=counts)
        else:
            if days < 16:
                activity_set_status(activity=activity, by=by, status=ActivityStatus.OPEN)
            for _ in range(extra if isinstance(extra, int) else 0):
                name, phone = _person(fake_seeded)
                registration_create(activity=activity, by=by, name=name, phone=phone)
            if days == 0:  # a few have already checked in at the door
                for registration in activity.registrations.all()[: rng.randint(4, 7)]:
                    checkin_by_list(registration=registration, by=by)
        if published:
            activity_publish(activity=activity, by=by, published=True)
    return {"activities_created": made}
