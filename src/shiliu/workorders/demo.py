"""Demo work orders: the ten service categories, routing rules for the demo district, and about
forty orders over the last sixty days in every state, all made through the services.

Each order's story (opened, acknowledged, resolved, rated, ...) is played in time order with
the clock set to the moment of each step, so its events, deadlines, on-time flags, audit
records and notifications agree with each other, as if the work had happened on those days.
Steps that would lie in the future are left out: a recent order simply is not finished yet.
Running it again adds nothing (the orders are opened under fixed idempotency keys).
"""

import random
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from unittest import mock

from django.utils import timezone

from shiliu.access.policy import Cap
from shiliu.access.scope import can, roots
from shiliu.accounts.services import user_update_languages
from shiliu.workorders import services
from shiliu.workorders.choices import Channel, Kind
from shiliu.workorders.models import Category, IdempotencyKey, RoutingRule, WorkOrder

ORDER = 20  # after the core demo (places, accounts, residents); before knowledge (30) and hotline (40)
KEY = "demo-wo-"

# code, name, English name, kind, acknowledge within (working hours), resolve within (working days)
CATEGORIES = [
    ("social-insurance", "社会保险", "Social insurance", Kind.HELP, 4, 10),
    ("employment", "就业创业", "Jobs and starting a business", Kind.HELP, 4, 10),
    ("education", "子女入学", "School enrolment", Kind.HELP, 4, 10),
    ("housing", "居住与住房", "Residence and housing", Kind.HELP, 4, 10),
    ("legal-aid", "法律援助", "Legal aid", Kind.COMPLAINT, 4, 15),
    ("hardship", "困难救助", "Hardship assistance", Kind.HELP, 2, 5),
    ("health", "医疗卫生", "Health care", Kind.CONSULTATION, 4, 2),
    ("market", "经营摊位", "Trading and stalls", Kind.HELP, 4, 10),
    ("culture-life", "文化生活", "Culture and daily life", Kind.SUGGESTION, 8, 10),
    ("other", "其他", "Other", Kind.CONSULTATION, 4, 2),
]

# place code, category code (None: any), unit code. The deepest rule wins (services.route).
RULES = [
    ("330206", "education", "330206802"),  # school places: the education bureau, district-wide
    ("330206", "health", "330206805"),  # the health bureau
    ("330206", "legal-aid", "330206803"),  # wage arrears and labour disputes: human resources & social security
    ("330206003001", None, "330206003001"),  # 谢墅社区 handles its own
    ("330206003001", "legal-aid", "330206803"),  # ... except labour disputes
    # Nothing else at 大碶 (横河社区, the enterprises, ...) or in 小港 and 霞浦: the hotline dispatches by hand.
    ("330206003002", None, "330206003002"),  # 九峰社区
    ("330206001001", None, "330206001001"),  # 大港社区
    ("330206001", "social-insurance", "330206001"),  # 新碶: social insurance at the subdistrict's window
]
# Staff who record the languages they speak (only where they have recorded none themselves).
LANGUAGES = {"xieshu_worker": ["zh", "ug"], "operator": ["zh", "ug"], "daqi_officer": ["zh"],
             "xinqi_worker": ["zh", "ug", "kk"], "edu_liaison": ["zh"]}


@dataclass
class Story:
    days_ago: int
    place: str
    category: str
    description: str
    steps: list = field(default_factory=list)  # (hours after opening, action, *arguments)
    language: str = "zh"
    urgency: str = "normal"
    channel: str = Channel.HOTLINE
    contact: tuple[str, str] | None = ("", "")  # (name, phone); None: anonymous


def _h(days: float) -> float:
    return days * 24


GOOD = ("callback", "yes", "very_satisfied", "办得很快，谢谢。")
FINE = ("callback", "yes", "satisfied", "")
PARTLY = ("callback", "partly", "basically", "基本解决了，还有一点手续没办完。")
BAD = ("callback", "no", "dissatisfied", "问题还没有解决。")

STORIES = [
    # --- closed, rated well ---------------------------------------------------------------------
    Story(58, "330206003001", "social-insurance", "灵活就业人员想在北仑参加养老保险，询问办理地点和所需材料。",
          [(1, "ack"), (5, "resolve", "已告知可在浙里办或区社保窗口办理，并发送材料清单。"), (_h(2), *GOOD)]),
    Story(55, "330206003001", "employment", "刚从墨玉县来北仑，想找餐饮方面的工作，希望社区推荐招聘信息。",
          [(2, "ack"), (_h(1), "note", "已将其信息推荐给街道就业服务站。"),
           (_h(3), "resolve", "已推荐两家餐饮企业面试，其中一家已录用。"), (_h(4), *GOOD)], language="ug"),
    Story(52, "330206003002", "housing", "租住的房子漏水多次，联系房东未修，请社区帮助联系。",
          [(3, "ack"), (_h(2), "resolve", "已联系房东，约定本周内维修。"), (_h(5), *FINE)]),
    Story(50, "330206001002", "education", "孩子转学到大碶，学校说名额已满，请帮助了解可就读的学校。",
          [(2, "ack"), (_h(4), "resolve", "经核实，可安排至大碶示范小学就读，已通知家长办理手续。"), (_h(5), *GOOD)]),
    Story(47, "330206003001", "market", "在疏导点卖馕的摊位被别人占用，希望协调。",
          [(1, "ack"), (_h(1), "resolve", "已与疏导点管理员协调，摊位已恢复使用。"), (_h(2), "sms", "yes", "satisfied",
                                                                                 "")], language="ug"),
    Story(45, "330206003001", "hardship", "家中老人住院，两个孩子上学，生活困难，询问能否申请临时救助。",
          [(1, "ack"), (_h(1), "note", "已上门了解情况，材料齐全。"),
           (_h(3), "resolve", "临时救助申请已受理，街道审核通过后发放。"), (_h(4), *GOOD)], urgency="urgent"),
    Story(42, "330206001001", "employment", "想参加面点技能培训，请告知报名方式。",
          [(2, "ack"), (_h(2), "resolve", "已为其报名下月的面点培训班，开班前电话通知。"), (_h(3), "sms", "yes",
                                                                                 "very_satisfied", "谢谢社区！")],
          channel=Channel.WINDOW, language="kk"),
    Story(38, "330206002001", "health", "外地医保来北仑看病，不知道如何办理异地就医备案。",
          [(2, "ack"), (6, "resolve", "已告知可通过国家医保服务平台办理备案，并发送操作说明。"), (_h(1), *FINE)]),
    Story(33, "330206003001", "culture-life", "希望社区周末增加少儿书法班名额。",
          [(3, "ack"), (_h(25), "resolve", "已与文化站协调，下月起增开一个周末班。"), (_h(26), *FINE)],  # late
          # (25 calendar days is past ten working days even across the National Day week)
          channel=Channel.VISIT),
    Story(30, "330206003002", "social-insurance", "失业后想申领失业保险金，询问条件和流程。",
          [(1, "ack"), (_h(1), "resolve", "已告知申领条件，并协助在网上提交申请。"), (_h(2), *PARTLY)]),
    Story(25, "330206003001", "other", "楼道路灯坏了半个月，希望尽快修理。",
          [(2, "ack"), (_h(1), "resolve", "已通知物业，路灯已修好。"), (_h(2), "sms", "yes", "satisfied", "")],
          channel=Channel.WINDOW, contact=None),  # rated on the tracking page with the printed receipt's code
    Story(20, "330206003801", "legal-aid", "在模具厂工作三个月，老板拖欠两个月工资，要求帮助维权。",
          [(2, "ack"), (_h(2), "note", "已联系劳动监察大队。"),
           (_h(8), "resolve", "经劳动监察协调，企业已补发拖欠工资。"), (_h(9), *GOOD)],
          language="ug", urgency="urgent"),
    # --- reopened after a bad rating, then closed; a refused reopen ----------------------------------
    Story(57, "330206003001", "housing", "申请公租房，提交材料后一直没有消息。",
          [(1, "ack"), (_h(3), "resolve", "已询问住建部门，材料在审核中。"), (_h(4), *BAD),
           (_h(5), "approve_reopen", "请核实审核进度并给出明确时间。"), (_h(5) + 2, "ack"),
           (_h(9), "resolve", "审核已通过，已通知来电人下周签约。"), (_h(10), *GOOD)]),
    Story(44, "330206001001", "market", "希望在小区门口摆摊卖水果。",
          [(2, "ack"), (_h(2), "resolve", "小区门口不允许摆摊，已告知最近的疏导点及申请方式。"),
           (_h(3), "callback", "no", "dissatisfied", "希望能在门口摆。"),
           (_h(4), "refuse_reopen", "诉求不符合疏导点管理规定，已耐心解释。")]),
    # --- waiting for the supervisor's approval of a reopen ----------------------------------------------
    Story(16, "330206003002", "hardship", "低保申请被退回，不知道缺什么材料。",
          [(1, "ack"), (_h(2), "resolve", "已告知需补交收入证明。"), (_h(4), *BAD)]),
    Story(12, "330206003001", "employment", "参加的培训结束了，但培训补贴一直没有到账。",
          [(2, "ack"), (_h(3), "resolve", "已转告人社部门。"), (_h(5), "callback", "partly", "dissatisfied",
                                                                "补贴还是没到。")], language="ug"),
    # --- resolved, awaiting the callback ------------------------------------------------------------------
    Story(9, "330206003001", "social-insurance", "社保卡丢了，询问补办流程。",
          [(1, "ack"), (6, "resolve", "已告知可在银行网点或浙里办补办，并发送材料清单。")]),
    Story(7, "330206001002", "education", "孩子户籍在外地，想在北仑参加中考，询问条件。",
          [(3, "ack"), (_h(3), "resolve", "已发送今年随迁子女中考报名条件和时间安排。")]),
    Story(6, "330206003002", "other", "小区垃圾清运不及时，夏天气味大。",
          [(2, "ack"), (_h(2), "resolve", "已协调环卫增加清运次数。")], channel=Channel.ONLINE),
    Story(4, "330206001001", "housing", "办理居住证需要哪些材料？",
          [(1, "ack"), (4, "resolve", "已告知需带身份证、租房合同和照片到社区登记。")], language="ug"),
    Story(3, "330206003001", "hardship", "独居老人冬天取暖困难，希望社区关心。",
          [(1, "ack"), (_h(1), "resolve", "已上门送去取暖器，并纳入社区重点关爱名单。")], urgency="urgent"),
    # --- in progress (some already past their deadline) ------------------------------------------------
    Story(35, "330206003001", "legal-aid", "工地受伤，老板不肯承担医药费。",
          [(2, "ack"), (_h(3), "note", "已协助来电人准备工伤认定材料。")], language="ug"),
    Story(28, "330206003002", "market", "想在疏导点申请一个固定摊位。",
          [(3, "ack"), (_h(6), "note", "疏导点暂无空位，已登记排队。")]),
    Story(10, "330206003001", "employment", "想自己开一家拉面馆，询问创业扶持政策。",
          [(1, "ack"), (_h(1), "note", "已约来电人下周到社区详谈。")], language="ug"),
    Story(5, "330206003001", "social-insurance", "企业没有给员工缴纳社保，员工想投诉。",
          [(2, "ack")]),
    Story(2, "330206001001", "other", "社区活动室周末能否开放给居民下棋？",
          [(1, "ack")], channel=Channel.WINDOW),
    # --- referred to a department and back in its hands ------------------------------------------------
    Story(14, "330206003001", "education", "孩子有听力障碍，希望就近入学并有随班就读支持。",
          [(1, "ack"), (_h(1), "refer", "330206802", "请区教育局协助落实随班就读安排。", True),
           (_h(1) + 3, "ack")]),
    Story(8, "330206003002", "health", "母亲需要长期服药，询问慢性病门诊如何办理。",
          [(2, "ack"), (_h(1), "refer", "330206805", "请区卫生健康局说明慢病门诊办理流程。", False)]),
    # --- waiting for acknowledgement (two of them overdue) ------------------------------------------------
    Story(6, "330206003001", "social-insurance", "医保断缴了三个月，想知道怎么补缴。", [], language="ug"),
    Story(4, "330206001001", "employment", "想找一份可以兼顾接送孩子的工作。", [], channel=Channel.WINDOW),
    Story(1, "330206003002", "housing", "房东不退押金，希望协调。", []),
    Story(0, "330206003001", "culture-life", "建议社区组织一次亲子阅读活动。", [], channel=Channel.ONLINE),
    # --- returned by the unit: the dispatcher must review it ---------------------------------------------
    Story(3, "330206003002", "housing", "小区电梯经常故障，物业不处理。",
          [(2, "return", "该小区属于横河社区辖区，请改派。")]),
    Story(2, "330206003001", "market", "想在夜市租一个摊位卖烤包子。",
          [(1, "return", "夜市摊位由街道统一管理，请派至大碶街道。")], language="ug"),
    # --- returned, then dispatched on; new with no rule; cancelled --------------------------------------
    Story(11, "330206003002", "employment", "想参加叉车证培训，询问报名地点。",
          [(2, "return", "不属于本社区，请改派。"), (4, "dispatch", "330206003", "请街道就业服务站办理。"), (6, "ack"),
           (_h(1), "resolve", "已为其报名下期叉车培训。"), (_h(2), *GOOD)]),
    Story(5, "330206002001", "other", "询问小港街道的社区服务中心开放时间。", []),
    Story(2, "330206004001", "hardship", "家里突遭火灾，急需临时住处。", [], urgency="very_urgent"),
    Story(1, "330206002", "employment", "询问小港街道本月招聘会时间。", [], channel=Channel.ONLINE),
    Story(19, "330206003003", "other", "同一事项重复来电。", [(1, "cancel", "与前一工单重复，已合并处理。")]),
    Story(15, "330206002001", "other", "来电人挂断，未说明诉求。", [(2, "cancel", "来电人未说明诉求，无法受理。")],
          contact=None),
    # --- supervised and urged from above -------------------------------------------------------------
    Story(21, "330206003001", "hardship", "丈夫工伤后无法工作，家里房租交不起。",
          [(3, "ack"), (_h(10), "supervise", "请本周内上门核实并提出救助方案。"), (_h(12), "urge", "")]),
    # --- acknowledged late: nine calendar days is past a four-working-hour limit on any calendar, even
    # across the Spring Festival, so the on-time acknowledgement rate always has a miss to show ----------
    Story(30, "330206003002", "housing", "出租屋漏水，房东一直没有修。",
          [(_h(9), "ack"), (_h(11), "resolve", "已联系房东，维修工已上门。"), (_h(13), *FINE)]),
]
CONTACTS = ["阿依古丽女士", "买买提先生", "马女士", "热依拉女士", "李先生", "古丽娜尔女士", "王女士", "艾力先生",
            "张先生", "帕提古丽女士", "韩先生", "吐尔逊先生"]


@contextmanager
def _clock(moment: datetime):
    """Run one step as if at ``moment``: every timestamp it writes agrees with the story."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _opened_at(rng: random.Random, days_ago: int, now: datetime) -> datetime:
    day = timezone.localdate(now) - timedelta(days=days_ago)
    minutes = rng.randint(8 * 60 + 40, 16 * 60 + 30)
    moment = timezone.make_aware(datetime.combine(day, time(minutes // 60, minutes % 60, rng.randint(0, 59))))
    return min(moment, now - timedelta(hours=2))


def _first(users: dict, names: tuple[str, ...], cap: str, place):
    for name in names:
        user = users.get(name)
        if user is not None and can(user, cap, place):
            return user
    return None


def _handler(users, unit):
    return _first(users, ("xieshu_worker", "xinqi_worker", "edu_liaison", "daqi_officer", "admin"), Cap.ORDER_HANDLE,
                  unit)


def _supervisor(users, unit):
    for name in ("daqi_officer", "admin"):
        user = users.get(name)
        if user is not None and any(unit.path.startswith(r.path) and r.path != unit.path
                                    for r in roots(user, Cap.ORDER_SUPERVISE)):
            return user
    return None


def _categories() -> dict[str, Category]:
    found = {}
    for code, name, name_en, kind, ack_hours, resolve_days in CATEGORIES:
        found[code], _created = Category.objects.get_or_create(code=code, defaults={
            "name": name, "name_en": name_en, "kind": kind, "ack_hours": ack_hours, "resolve_days": resolve_days})
    return found


def _rules(places, categories, admin) -> int:
    made = 0
    for place_code, category_code, unit_code in RULES:
        place, unit = places.get(place_code), places.get(unit_code)
        if place is None or unit is None:
            continue
        category = categories[category_code] if category_code else None
        _rule, created = RoutingRule.objects.get_or_create(place=place, category=category,
                                                           defaults={"unit": unit, "created_by": admin})
        made += created
    return made


def _languages(users) -> None:
    for username, codes in LANGUAGES.items():
        user = users.get(username)
        if user is not None and not user.languages:
            user_update_languages(user=user, languages=codes, by=user)


def _step(users, places, order: WorkOrder, action: str, args: tuple) -> None:
    order = WorkOrder.objects.select_related("place", "unit", "category").get(pk=order.pk)
    version = order.version
    if action == "ack":
        services.order_acknowledge(by=_handler(users, order.unit), order=order, version=version)
    elif action == "note":
        services.order_note(by=_handler(users, order.unit), order=order, note=args[0])
    elif action == "resolve":
        services.order_resolve(by=_handler(users, order.unit), order=order, version=version, reply=args[0])
    elif action == "return":
        services.order_return(by=_handler(users, order.unit), order=order, version=version, reason=args[0])
    elif action == "refer":
        code, note, share = args
        services.order_refer(by=_handler(users, order.unit), order=order, version=version, department=places[code],
                             note=note, share_contact=share, consent_confirmed=share)
    elif action == "dispatch":
        dispatcher = _first(users, ("operator", "daqi_officer", "admin"), Cap.ORDER_DISPATCH, order.place)
        services.order_dispatch(by=dispatcher, order=order, version=version, unit=places[args[0]], note=args[1])
    elif action == "cancel":
        dispatcher = _first(users, ("operator", "daqi_officer", "admin"), Cap.ORDER_DISPATCH, order.place)
        services.order_cancel(by=dispatcher, order=order, version=version, reason=args[0])
    elif action == "callback":
        caller = _first(users, ("operator", "admin"), Cap.ORDER_CALLBACK, order.place)
        services.order_callback(by=caller, order=order, version=version, solved=args[0], satisfaction=args[1],
                                comment=args[2])
    elif action == "sms":
        services.order_callback_by_resident(tracking_code=order.tracking_code, solved=args[0], satisfaction=args[1],
                                            comment=args[2])
    elif action in ("approve_reopen", "refuse_reopen"):
        services.order_decide_reopen(by=_supervisor(users, order.unit), order=order, version=version,
                                     approve=action == "approve_reopen", note=args[0])
    elif action in ("supervise", "urge"):
        services.order_supervise(by=_supervisor(users, order.unit), order=order, note=args[0], urge=action == "urge")
    else:  # pragma: no cover - a typo in STORIES
        raise ValueError(action)


def _opener(users, story: Story, place):
    names = ("operator", "admin") if story.channel == Channel.HOTLINE else \
        ("xieshu_worker", "xinqi_worker", "daqi_officer", "admin")
    return _first(users, names, Cap.ORDER_CREATE, place)


def load(*, places, users, admin) -> dict:
    categories = _categories()
    rules = _rules(places, categories, admin)
    _languages(users)
    if IdempotencyKey.objects.filter(key__startswith=KEY).exists():
        return {"categories": len(categories), "routing_rules_created": rules, "orders_created": 0}
    rng = random.Random(2020)  # noqa: S311 - synthetic demo data, not security
    now = timezone.now()
    # Every step of every story, in time order (so the audit trail and the outbox run forward too).
    timeline: list[tuple[datetime, int, int, str, tuple]] = []
    for n, story in enumerate(STORIES):
        if story.place not in places or story.category not in categories:
            continue
        opened = _opened_at(rng, story.days_ago, now)
        timeline.append((opened, n, -1, "open", ()))
        for i, (hours, action, *args) in enumerate(story.steps):
            at = opened + timedelta(hours=hours, minutes=rng.randint(0, 40))
            if at < now - timedelta(minutes=10):
                timeline.append((at, n, i, action, tuple(args)))
    timeline.sort(key=lambda step: (step[0], step[1], step[2]))
    orders: dict[int, WorkOrder] = {}
    skipped: set[int] = set()
    for at, n, _i, action, args in timeline:
        story = STORIES[n]
        if n in skipped:
            continue
        with _clock(at):
            if action == "open":
                place = places[story.place]
                opener = _opener(users, story, place)
                if opener is None:
                    skipped.add(n)
                    continue
                name, phone = ("", "") if story.contact is None else (
                    rng.choice(CONTACTS), f"13{rng.randint(5, 9)}{rng.randint(0, 99_999_999):08d}")
                orders[n], _created = services.order_open(
                    by=opener, channel=story.channel, category=categories[story.category],
                    description=story.description, place=place, urgency=story.urgency, language=story.language,
                    contact_name=name, contact_phone=phone, contact_consent=bool(name or phone),
                    idempotency_key=f"{KEY}{n:03d}", now=at)
            else:
                _step(users, places, orders[n], action, args)
    # What the worker would do on its next round: mark the orders past their deadline.
    overdue = services.supervise_overdue()
    return {"categories": len(categories), "routing_rules_created": rules, "orders_created": len(orders),
            "orders_overdue": overdue}
