"""The demo district: Beilun's real subdistricts, communities and villages beneath them,
"seven entries" places, a staff account for every role, and synthetic residents made
with Faker's zh_CN locale (never real people). Loading twice changes nothing.
"""

import random
from datetime import date

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shiliu.accounts.models import Role, User
from shiliu.accounts.services import password_set, role_grant
from shiliu.people.models import Resident
from shiliu.people.services import resident_create
from shiliu.places.models import Place, PlaceKind
from shiliu.places.services import place_create

DEMO_PASSWORD = "Shiliu-Demo-2026"
# Base32 TOTP secret shared by the demo accounts that need a second factor.
DEMO_TOTP_SECRET_HEX = "3132333435363738393031323334353637383930"  # RFC 6238 test key
DEMO_TOTP_SECRET_B32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
DEMO_BACKUP_CODES = ["demo-code-1", "demo-code-2", "demo-code-3", "demo-code-4", "demo-code-5",
                     "demo-code-6", "demo-code-7", "demo-code-8"]

DISTRICT = ("330206", "北仑区", "Beilun District")

# Subdistricts (code, name, English) with communities (社区) and villages (村) beneath them.
SUBDISTRICTS = [
    ("330206001", "新碶街道", "Xinqi Subdistrict",
     ["大港社区", "新大社区", "红联社区", "岷山社区", "华山社区", "明州社区", "泰河社区"], ["高河塘村"]),
    ("330206002", "小港街道", "Xiaogang Subdistrict",
     ["枫林社区", "江南社区", "纺机社区", "浦西社区"], ["衙前村", "陈山村"]),
    ("330206003", "大碶街道", "Daqi Subdistrict",
     ["谢墅社区", "九峰社区", "横河社区", "璎珞社区", "灵峰社区", "大碶社区"], ["高塘村", "共同村"]),
    ("330206004", "霞浦街道", "Xiapu Subdistrict", ["霞南社区", "霞浦社区"], ["下三山村", "四合村"]),
    ("330206005", "柴桥街道", "Chaiqiao Subdistrict", ["柴桥社区", "芦江社区"], ["紫石村", "瑞岩村", "穿山村"]),
    ("330206006", "戚家山街道", "Qijiashan Subdistrict", ["蔚斗社区", "渡口社区", "迎宾社区"], ["联合村"]),
    ("330206007", "春晓街道", "Chunxiao Subdistrict", ["春晓社区"], ["三山村", "慈岙村", "昆亭村"]),
    ("330206008", "梅山街道", "Meishan Subdistrict", ["梅山社区"], ["梅东村", "梅中村", "梅西村"]),
    ("330206009", "白峰街道", "Baifeng Subdistrict", ["白峰社区"], ["阳东村", "下阳村", "勤山村"]),
    ("330206010", "郭巨街道", "Guoju Subdistrict", ["郭巨社区"], ["峙头村", "峙南村", "郭巨村"]),
]

# English names of the communities and villages: their pinyin, as road signs give them.
GRASSROOTS_EN = {
    "大港社区": "Dagang", "新大社区": "Xinda", "红联社区": "Honglian", "岷山社区": "Minshan", "华山社区": "Huashan",
    "明州社区": "Mingzhou", "泰河社区": "Taihe", "高河塘村": "Gaohetang", "枫林社区": "Fenglin", "江南社区": "Jiangnan",
    "纺机社区": "Fangji", "浦西社区": "Puxi", "衙前村": "Yaqian", "陈山村": "Chenshan", "谢墅社区": "Xieshu",
    "九峰社区": "Jiufeng",
    "横河社区": "Henghe", "璎珞社区": "Yingluo", "灵峰社区": "Lingfeng", "大碶社区": "Daqi", "高塘村": "Gaotang",
    "共同村": "Gongtong", "霞南社区": "Xianan", "霞浦社区": "Xiapu", "下三山村": "Xiasanshan", "四合村": "Sihe",
    "柴桥社区": "Chaiqiao", "芦江社区": "Lujiang", "紫石村": "Zishi", "瑞岩村": "Ruiyan", "穿山村": "Chuanshan",
    "蔚斗社区": "Weidou", "渡口社区": "Dukou", "迎宾社区": "Yingbin", "联合村": "Lianhe", "春晓社区": "Chunxiao",
    "三山村": "Sanshan", "慈岙村": "Ci'ao", "昆亭村": "Kunting", "梅山社区": "Meishan", "梅东村": "Meidong",
    "梅中村": "Meizhong", "梅西村": "Meixi", "白峰社区": "Baifeng", "阳东村": "Yangdong", "下阳村": "Xiayang",
    "勤山村": "Qinshan", "郭巨社区": "Guoju", "峙头村": "Zhitou", "峙南村": "Zhinan", "郭巨村": "Guoju",
}


# "Seven entries" places and departments: (code, kind, name, English, parent code).
OTHER_PLACES = [
    ("330206901", PlaceKind.SCHOOL, "宁波职业技术学院", "Ningbo Polytechnic", "330206"),
    ("330206902", PlaceKind.PARK, "北仑经济开发区", "Beilun Economic Development Zone", "330206"),
    ("330206903", PlaceKind.ARMY_UNIT, "驻区部队某连队", "An army company stationed in the district", "330206"),
    ("330206001801", PlaceKind.ENTERPRISE, "北仑示范纺织有限公司", "Beilun Demo Textile Co.", "330206001"),
    ("330206003801", PlaceKind.ENTERPRISE, "大碶示范模具厂", "Daqi Demo Mould Works", "330206003"),
    ("330206003802", PlaceKind.SCHOOL, "大碶示范小学", "Daqi Demo Primary School", "330206003"),
    ("330206002801", PlaceKind.RELIGIOUS_SITE, "小港示范宗教活动场所", "Xiaogang demo religious site", "330206002"),
    ("330206902801", PlaceKind.ENTERPRISE, "开发区示范电子有限公司", "Zone Demo Electronics Co.", "330206902"),
    ("330206801", PlaceKind.DEPARTMENT, "区委统战部（区民宗局）", "United Front Dept. (Ethnic & Religious Affairs)",
     "330206"),
    ("330206802", PlaceKind.DEPARTMENT, "区教育局", "District Education Bureau", "330206"),
    ("330206803", PlaceKind.DEPARTMENT, "区人力社保局", "District Human Resources & Social Security Bureau",
     "330206"),
    ("330206804", PlaceKind.DEPARTMENT, "区民政局", "District Civil Affairs Bureau", "330206"),
    ("330206805", PlaceKind.DEPARTMENT, "区卫生健康局", "District Health Bureau", "330206"),
    ("330206806", PlaceKind.DEPARTMENT, "区市场监管局", "District Market Supervision Bureau", "330206"),
]

# username, display name, role, place code, needs 2FA
DEMO_ACCOUNTS = [
    ("admin", "区民宗局 王主任", Role.DISTRICT_ADMIN, "330206", True),
    ("auditor", "审计员 李审", Role.AUDITOR, "330206", True),
    ("daqi_officer", "大碶街道 陈干事", Role.SUBDISTRICT_OFFICER, "330206003", False),
    ("xieshu_worker", "谢墅社区 马社工", Role.COMMUNITY_WORKER, "330206003001", False),
    ("xinqi_worker", "大港社区 周社工", Role.COMMUNITY_WORKER, "330206001001", False),
    ("operator", "贝大姐热线 张接线员", Role.OPERATOR, "330206003", False),
    ("edu_liaison", "区教育局 刘联络员", Role.LIAISON, "330206802", False),
]

# Area codes of origin counties (for synthetic ID numbers): Moyu, Hualong, Linxia, Beilun.
AREA_CODES = ["653222", "632127", "622901", "330206", "522601"]


def synthetic_id_number(rng: random.Random, born: date) -> str:
    from stdnum.cn import ric

    body = rng.choice(AREA_CODES) + born.strftime("%Y%m%d") + f"{rng.randint(0, 999):03d}"
    return body + ric.calc_check_digit(body + "0")


def _english(name: str) -> str:
    kind = "Community" if name.endswith("社区") else "Village"
    return f"{GRASSROOTS_EN[name]} {kind}"


def _place_tree(admin) -> dict[str, Place]:
    places = {p.code: p for p in Place.objects.all()}

    def ensure(code, kind, name, name_en, parent_code):
        if code not in places:
            places[code] = place_create(code=code, kind=kind, name=name, name_en=name_en,
                                        parent=places.get(parent_code), by=admin)

    ensure(DISTRICT[0], PlaceKind.DISTRICT, DISTRICT[1], DISTRICT[2], None)
    for code, name, name_en, communities, villages in SUBDISTRICTS:
        ensure(code, PlaceKind.SUBDISTRICT, name, name_en, DISTRICT[0])
        for i, community in enumerate(communities, start=1):
            ensure(f"{code}{i:03d}", PlaceKind.COMMUNITY, community, _english(community), code)
        for i, village in enumerate(villages, start=201):
            ensure(f"{code}{i:03d}", PlaceKind.VILLAGE, village, _english(village), code)
    for code, kind, name, name_en, parent in OTHER_PLACES:
        ensure(code, kind, name, name_en, parent)
    return places


def _account(username, display, role, place, needs_2fa, by):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create(username=username, display_name=display)
        password_set(user=user, raw=DEMO_PASSWORD, by=by)
    if not user.role_assignments.filter(role=role, place=place, is_active=True).exists():
        role_grant(user=user, role=role, place=place, by=by)
    if needs_2fa:
        TOTPDevice.objects.get_or_create(user=user, name="demo", defaults={"key": DEMO_TOTP_SECRET_HEX,
                                                                           "confirmed": True})
        static, _ = StaticDevice.objects.get_or_create(user=user, name="backup")
        have = set(static.token_set.values_list("token", flat=True))
        StaticToken.objects.bulk_create(StaticToken(device=static, token=t) for t in DEMO_BACKUP_CODES if t not in have)
    return user


def _residents(places: dict[str, Place], workers: dict[str, User], count: int) -> int:
    from faker import Faker

    fake = Faker("zh_CN")
    fake.seed_instance(2026)
    rng = random.Random(2026)  # noqa: S311 - synthetic demo data, not security
    communities = [p for p in places.values() if p.kind in (PlaceKind.COMMUNITY, PlaceKind.VILLAGE)]
    admin = workers["admin"]
    made = 0
    for i in range(count):
        place = places["330206003001"] if i % 5 == 0 else rng.choice(communities)
        born = fake.date_of_birth(minimum_age=16, maximum_age=70)
        given = rng.random() < 0.3
        resident_create(
            by=admin, name=fake.name(), place=place, basis=rng.choice(["asked", "joined", "received"]),
            phone=fake.phone_number(), id_number=synthetic_id_number(rng, born) if rng.random() < 0.7 else "",
            gender=rng.choice(["female", "male", ""]), birth_date=born,
            languages=rng.choice([["zh"], ["zh", "ug"], ["ug"], ["zh", "bo"], ["zh", "ii"]]),
            ethnicity=rng.choice(["03", "05", "04", "07", "01"]) if given else "",
            consent_given_by="本人" if given else "",
        )
        made += 1
    return made


@transaction.atomic
def load_demo(residents: int = 240) -> dict:
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create(username="admin", display_name=DEMO_ACCOUNTS[0][1])
        password_set(user=admin, raw=DEMO_PASSWORD, by=admin)
    places = _place_tree(admin)
    users = {}
    for username, display, role, code, needs_2fa in DEMO_ACCOUNTS:
        users[username] = _account(username, display, role, places[code], needs_2fa, admin)
    made = 0 if Resident.objects.exists() else _residents(places, users, residents)
    summary = {"places": len(places), "accounts": len(users), "residents_created": made}
    # Fresh objects: each user's roles are cached on first use, possibly before they were granted.
    fresh = {u.pk: u for u in User.objects.filter(pk__in=[u.pk for u in users.values()] + [admin.pk])}
    users = {name: fresh[u.pk] for name, u in users.items()}
    admin = fresh[admin.pk]
    for extension in _app_demos():
        summary.update(extension.load(places=places, users=users, admin=admin) or {})
    return summary


def _app_demos() -> list:
    """Each app may add its demo records in ``shiliu.<app>.demo``: a ``load(places, users, admin)``
    that adds nothing when run again, and an ``ORDER`` (lower runs first)."""
    import importlib
    import pkgutil

    import shiliu

    found = []
    for module in pkgutil.iter_modules(shiliu.__path__):
        if not module.ispkg or module.name == "core":
            continue
        name = f"shiliu.{module.name}.demo"
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as e:
            if e.name != name:
                raise
    return sorted(found, key=lambda m: getattr(m, "ORDER", 100))
