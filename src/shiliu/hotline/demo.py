"""Demo hotline: about sixty calls at 大碶街道's hotline over the past thirty days, taken by the
demo operator — answered on the call, turned into work orders, missed, the odd wrong number —
reported through the same services a phone system uses. Hotline orders the work-order demo
opened at 大碶 get the call that opened them (matched by number). Loading twice adds nothing.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from shiliu.hotline.choices import CallEventKind, Outcome
from shiliu.hotline.models import Call
from shiliu.hotline.phones import dialable
from shiliu.hotline.services import (
    call_answer_on_call,
    call_event,
    call_link_order,
    call_log_other,
    call_open_order,
)
from shiliu.people.models import Resident
from shiliu.workorders.models import Category, WorkOrder

ORDER = 40  # after workorders (20) and knowledge (30): their orders, categories and articles exist
SOURCE = "demo"
HOTLINE = "330206003"  # 大碶街道
CALLS = 60
LINKED_ORDERS = 10

# (category code, what was asked and answered)
ANSWERS = [
    ("social-insurance", "咨询灵活就业人员参保，已告知办理途径和材料"),
    ("education", "询问孩子秋季入学报名时间，已告知招生公告发布时间"),
    ("employment", "询问街道招聘会时间地点，已告知"),
    ("housing", "询问居住证办理材料，已告知需带租房合同"),
    ("legal-aid", "咨询拖欠工资如何维权，已告知劳动监察投诉渠道"),
    ("market", "询问疏导点摊位申请，已告知向社区登记"),
    ("health", "询问外地医保在本地就医报销，已告知异地就医备案"),
]
# (category code, description, place code below 大碶)
ORDERS = [
    ("legal-aid", "来电人反映所在模具厂拖欠两个月工资，希望帮助协调。", "330206003801"),
    ("education", "孩子转学到大碶，学校说名额已满，请帮助了解可就读学校。", "330206003001"),
    ("hardship", "家中老人住院，生活困难，询问能否申请临时救助。", "330206003002"),
    ("market", "在疏导点摆摊的摊位被占用，希望社区协调。", "330206003003"),
    ("housing", "出租房漏水多次联系房东未修，请社区帮助联系。", "330206003001"),
    ("employment", "想参加面点技能培训，请告知报名方式并安排。", "330206003004"),
]
OTHERS = ["拨错号码", "无声电话", "转接至12345热线"]


def _moment(rng: random.Random, days_ago: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    minutes = rng.randint(8 * 60 + 30, 17 * 60 + 30)
    return timezone.make_aware(datetime.combine(day, time(minutes // 60, minutes % 60, rng.randint(0, 59))))


def _numbers(rng: random.Random, places: dict) -> list[str]:
    """Residents' numbers at 大碶 (so the desk finds their records) and a few others."""
    hotline = places[HOTLINE]
    residents = Resident.objects.filter(place__path__startswith=hotline.path).exclude(phone_index="")
    known = [r.phone for r in residents[:15]]
    strangers = [f"13{rng.randint(5, 9)}{rng.randint(0, 99_999_999):08d}" for _ in range(12)]
    landlines = [f"0574-8688{rng.randint(0, 9999):04d}" for _ in range(4)]
    return [dialable(n) for n in known] + strangers + landlines


def _ring(call_id: str, caller: str, start: datetime, hotline, *, answered: bool, operator: str) -> Call:
    call, _ = call_event(by=None, event=CallEventKind.RINGING, call_id=call_id, caller=caller, at=start,
                         place=hotline, source=SOURCE)
    if answered:
        call_event(by=None, event=CallEventKind.ANSWERED, call_id=call_id, at=start + timedelta(seconds=12),
                   place=hotline, source=SOURCE, operator=operator)
    call, _ = call_event(by=None, event=CallEventKind.ENDED, call_id=call_id,
                         at=start + timedelta(minutes=3 if answered else 0, seconds=40), place=hotline,
                         source=SOURCE, recording_ref=f"rec-{call_id}" if answered else "")
    return call


def load(*, places, users, admin) -> dict:
    if HOTLINE not in places or "operator" not in users or Call.objects.filter(source=SOURCE).exists():
        return {"calls_created": 0}
    rng = random.Random(2040)  # noqa: S311 - synthetic demo data, not security
    hotline, operator = places[HOTLINE], users["operator"]
    categories = {c.code: c for c in Category.objects.filter(active=True)}
    numbers = _numbers(rng, places)
    made = 0

    # The work-order demo's hotline orders at 大碶: the call each came from.
    orders = (WorkOrder.objects.filter(channel="hotline", place_path__startswith=hotline.path, calls__isnull=True)
              .exclude(contact_phone_index="").order_by("created_at")[:LINKED_ORDERS])
    for order in orders:
        call = _ring(f"demo-{made:03d}", order.contact_phone, order.created_at - timedelta(minutes=4), hotline,
                     answered=True, operator=operator.username)
        call_link_order(by=operator, call=call, order=order)
        made += 1

    opened = 0
    for i in range(made, CALLS):
        days_ago = rng.randint(0, 29)
        start = _moment(rng, days_ago)
        if start > timezone.now():
            start -= timedelta(days=1)
        caller = "" if rng.random() < 0.05 else rng.choice(numbers)
        roll = rng.random()
        call = _ring(f"demo-{i:03d}", caller, start, hotline, answered=roll >= 0.15, operator=operator.username)
        made += 1
        if roll < 0.15:
            continue  # missed
        if roll < 0.22 or not categories:
            call_log_other(by=operator, call=call, summary=rng.choice(OTHERS))
        elif roll < 0.80 or opened >= len(ORDERS):
            code, summary = rng.choice(ANSWERS)
            call_answer_on_call(by=operator, call=call, category=categories.get(code) or categories.get("other"),
                                summary=summary)
        else:
            code, description, place_code = ORDERS[opened]
            caller_number = dialable(call.caller_phone) if call.caller_phone else ""
            call_open_order(by=operator, call=call, category=categories.get(code) or categories.get("other"),
                            description=description, place=places.get(place_code, hotline), contact_phone=caller_number,
                            contact_consent=bool(caller_number), now=start + timedelta(minutes=3))
            opened += 1
    return {"calls_created": made, "calls_logged": Call.objects.filter(source=SOURCE).exclude(outcome="")
            .exclude(outcome=Outcome.MISSED).count()}
