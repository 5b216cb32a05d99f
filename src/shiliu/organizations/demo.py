"""Demo records of the 1+10+N network: the district association, the ten subdistrict branches,
groups and contact points in communities, a village, enterprises, schools, the park, the army
unit and a religious site, each with a few members (synthetic names from Faker's zh_CN locale and
synthetic phones, never real people); the district leadership group, a subdistrict's and a
community's, and the coordination group of departments and subdistricts. Loading twice adds nothing.
"""

import random
from datetime import date

from shiliu.organizations.choices import GroupKind, GroupLevel, GroupRole, MemberRole, OrgKind
from shiliu.organizations.group_services import group_create, group_member_add
from shiliu.organizations.models import Group, Organization
from shiliu.organizations.services import membership_add, membership_end, organization_create
from shiliu.places.models import PlaceKind

ORDER = 50

ASSOCIATION = ("北仑区民族团结进步促进会", "Beilun District Association for Ethnic Unity and Progress",
               date(2016, 5, 10))

# (place code, kind, name, English name, founded, public)
GRASSROOTS = [
    ("330206003001", OrgKind.GROUP, "谢墅社区民族团结进步促进小组", "Xieshu Community Unity Group",
     date(2018, 3, 2), True),
    ("330206003002", OrgKind.GROUP, "九峰社区民族团结进步促进小组", "Jiufeng Community Unity Group",
     date(2019, 6, 18), True),
    ("330206003201", OrgKind.CONTACT_POINT, "高塘村民族团结联系点", "Gaotang Village Contact Point",
     date(2021, 4, 9), True),
    ("330206001001", OrgKind.GROUP, "大港社区民族团结进步促进小组", "Dagang Community Unity Group",
     date(2018, 9, 26), True),
    ("330206001002", OrgKind.CONTACT_POINT, "新大社区民族团结联系点", "Xinda Community Contact Point",
     date(2022, 2, 15), True),
    ("330206002001", OrgKind.GROUP, "枫林社区民族团结进步促进小组", "Fenglin Community Unity Group",
     date(2020, 5, 12), True),
    ("330206004001", OrgKind.GROUP, "霞南社区民族团结进步促进小组", "Xianan Community Unity Group",
     date(2020, 10, 8), True),
    ("330206005001", OrgKind.CONTACT_POINT, "柴桥社区民族团结联系点", "Chaiqiao Community Contact Point",
     date(2023, 3, 21), True),
    ("330206006001", OrgKind.GROUP, "蔚斗社区民族团结进步促进小组", "Weidou Community Unity Group",
     date(2019, 11, 5), True),
    ("330206001801", OrgKind.CONTACT_POINT, "北仑示范纺织有限公司民族团结联系点",
     "Demo Textile Co. Contact Point", date(2021, 7, 1), True),
    ("330206003801", OrgKind.GROUP, "大碶示范模具厂民族团结小组", "Daqi Mould Works Unity Group",
     date(2022, 6, 16), True),
    ("330206902801", OrgKind.CONTACT_POINT, "开发区示范电子有限公司民族团结联系点",
     "Zone Electronics Co. Contact Point", date(2023, 9, 12), True),
    ("330206901", OrgKind.GROUP, "宁波职业技术学院民族团结进步促进小组", "Ningbo Polytechnic Unity Group",
     date(2017, 10, 20), True),
    ("330206003802", OrgKind.CONTACT_POINT, "大碶示范小学民族团结联系点", "Daqi Demo Primary School Contact Point",
     date(2024, 3, 1), True),
    ("330206902", OrgKind.CONTACT_POINT, "北仑经济开发区民族团结联系点", "Development Zone Contact Point",
     date(2020, 8, 18), True),
    # An army unit's contact point is not public: colleagues elsewhere do not see it.
    ("330206903", OrgKind.CONTACT_POINT, "驻区部队某连队军民团结联系点", "Army Company Contact Point",
     date(2022, 8, 1), False),
    ("330206002801", OrgKind.CONTACT_POINT, "小港宗教活动场所民族团结联系点", "Xiaogang Religious Site Contact Point",
     date(2023, 5, 20), True),
]

MOBILE_PREFIXES = ["138", "139", "158", "159", "187", "188", "135", "136", "150", "151", "177", "180"]


def _phone(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 99_999_999):08d}"


def _members(org: Organization, *, admin, fake, rng: random.Random, count: int) -> int:
    roles = [MemberRole.CHAIR, MemberRole.SECRETARY, MemberRole.LIAISON, MemberRole.VICE_CHAIR,
             MemberRole.MEMBER, MemberRole.VOLUNTEER][:count]
    since = max(org.founded_on or date(2020, 1, 1), date(2020, 1, 1))
    for role in roles:
        membership_add(by=admin, organization=org, name=fake.name(), phone=_phone(rng), role=role, since=since)
    return len(roles)


def _organizations(places, admin, fake, rng) -> tuple[int, int]:
    made = members = 0
    existing = {(o.place_id, o.name): o for o in Organization.objects.all()}

    def create(code, kind, name, name_en, founded, public, parent, count) -> tuple[Organization, bool]:
        nonlocal made, members
        place = places[code]
        if (place.pk, name) in existing:
            return existing[(place.pk, name)], False
        org = organization_create(by=admin, name=name, name_en=name_en, kind=kind, place=place, parent=parent,
                                  founded_on=founded, public=public)
        made += 1
        members += _members(org, admin=admin, fake=fake, rng=rng, count=count)
        return org, True

    association, _new = create("330206", OrgKind.ASSOCIATION, *ASSOCIATION, True, None, 6)
    branches = []
    for place in sorted((p for p in places.values() if p.kind == PlaceKind.SUBDISTRICT), key=lambda p: p.code):
        english = place.name_en.replace(" Subdistrict", "")
        branch, _new = create(place.code, OrgKind.BRANCH, f"{place.name}民族团结进步促进分会",
                              f"{english} Branch of the Unity Association", date(2017, 3, 1), True, association,
                              3 + int(place.code[-1]) % 3)
        branches.append(branch)
    for code, kind, name, name_en, founded, public in GRASSROOTS:
        place = places[code]
        # Under the branch of its subdistrict; the places directly under the district under the association.
        parent = next((b for b in branches if place.is_within(b.place)), association)
        org, new = create(code, kind, name, name_en, founded, public, parent, 3 + len(name) % 4)
        if new and code == "330206003001":
            # One ended term, so a membership's history shows in the demo.
            past = membership_add(by=admin, organization=org, name=fake.name(), phone=_phone(rng),
                                  role=MemberRole.VOLUNTEER, since=date(2019, 4, 1))
            membership_end(membership=past, by=admin, version=past.version, until=date(2024, 12, 31))
            members += 1
    return made, members


def _groups(places, admin, fake) -> int:
    if Group.objects.exists():
        return 0
    district, daqi, xieshu = places["330206"], places["330206003"], places["330206003001"]
    departments = sorted((p for p in places.values() if p.kind == PlaceKind.DEPARTMENT), key=lambda p: p.code)
    subdistricts = sorted((p for p in places.values() if p.kind == PlaceKind.SUBDISTRICT), key=lambda p: p.code)
    united_front = places["330206801"]
    since = date(2023, 1, 1)

    leading = group_create(by=admin, kind=GroupKind.LEADERSHIP, level=GroupLevel.DISTRICT, place=district,
                           name="北仑区城市民族工作领导小组", name_en="District Leadership Group for Urban Ethnic Work")
    group_member_add(by=admin, group=leading, person_name=fake.name(), title="区委副书记", role=GroupRole.LEADER,
                     since=since)
    group_member_add(by=admin, group=leading, unit=united_front, person_name=fake.name(), title="区委统战部部长",
                     role=GroupRole.DEPUTY, since=since)
    group_member_add(by=admin, group=leading, unit=united_front, title="领导小组办公室", role=GroupRole.OFFICE,
                     since=since)
    for unit in departments[1:] + subdistricts:
        group_member_add(by=admin, group=leading, unit=unit, title="主要负责人", since=since)

    coordination = group_create(by=admin, kind=GroupKind.COORDINATION, level=GroupLevel.DISTRICT, place=district,
                                name="北仑区民族工作协调小组", name_en="District Coordination Group for Ethnic Work",
                                description="成员单位：区级部门和10个街道。")
    group_member_add(by=admin, group=coordination, unit=united_front, title="牵头单位", role=GroupRole.LEADER,
                     since=since)
    for unit in departments[1:] + subdistricts:
        group_member_add(by=admin, group=coordination, unit=unit, title="分管负责人", since=since)

    sub = group_create(by=admin, kind=GroupKind.LEADERSHIP, level=GroupLevel.SUBDISTRICT, place=daqi,
                       name="大碶街道民族工作领导小组", name_en="Daqi Subdistrict Leadership Group for Ethnic Work")
    group_member_add(by=admin, group=sub, unit=daqi, person_name=fake.name(), title="街道党工委副书记",
                     role=GroupRole.LEADER, since=since)
    for unit in sorted((p for p in places.values() if p.parent_id == daqi.pk
                        and p.kind in (PlaceKind.COMMUNITY, PlaceKind.VILLAGE)), key=lambda p: p.code):
        group_member_add(by=admin, group=sub, unit=unit, title="书记", since=since)

    community = group_create(by=admin, kind=GroupKind.LEADERSHIP, level=GroupLevel.COMMUNITY, place=xieshu,
                             name="谢墅社区民族工作领导小组",
                             name_en="Xieshu Community Leadership Group for Ethnic Work")
    group_member_add(by=admin, group=community, unit=xieshu, person_name=fake.name(), title="社区党委书记",
                     role=GroupRole.LEADER, since=since)
    group_member_add(by=admin, group=community, person_name=fake.name(), title="社区民族工作专干",
                     role=GroupRole.OFFICE, since=since)
    return 4


def load(*, places, users, admin) -> dict:
    from faker import Faker

    # A fresh copy: the caller's may have cached its roles before the district role was granted.
    admin = type(admin).objects.get(pk=admin.pk)
    fake = Faker("zh_CN")
    fake.seed_instance(5050)
    rng = random.Random(5050)  # noqa: S311 - synthetic demo data, not security
    made, members = _organizations(places, admin, fake, rng)
    groups = _groups(places, admin, fake)
    return {"organizations_created": made, "members_created": members, "groups_created": groups}

