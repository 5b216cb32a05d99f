"""Demo records of the job market in Beilun: employers (factories of the development zone, a
halal restaurant, a logistics company, a supermarket), their postings, job seekers with
synthetic names and phones (never real people), referrals and placements.

Loading twice adds nothing: when the first demo employer exists, nothing is loaded. Credit codes
are made up with a correct check character (stdnum computes it). Everything goes through the
services, with the demo accounts that may do each step (an officer approves what a worker wrote).
"""

from datetime import timedelta

from django.utils import timezone
from stdnum.cn import uscc

from shiliu.jobs import seeking, services
from shiliu.jobs.choices import Availability, ReferralOutcome
from shiliu.jobs.models import Employer

ORDER = 95


def credit_code(serial: int) -> str:
    """A made-up unified social credit code of a Beilun company (91 330206 MA2...), valid check."""
    body = f"91330206MA2{serial:06d}"
    return body + uscc.calc_check_digit(body)


# (serial, name, address, place code, contact, phone, verified)
EMPLOYERS = [
    (101, "宁波北仑示范模具有限公司", "大碶街道模具园区示范路 8 号", "330206003", "周经理", "13900002101", True),
    (102, "开发区示范电子有限公司", "北仑经济开发区示范大道 66 号", "330206902", "吴主管", "13900002102", True),
    (103, "丝路清真示范餐厅", "新碶街道大港社区示范街 12 号", "330206001001", "马老板", "13900002103", True),
    (104, "北仑示范物流有限公司", "大碶街道共同村物流园 3 号库", "330206003", "郑经理", "13900002104", True),
    (105, "谢墅示范惠民超市", "谢墅社区示范路 20 号", "330206003001", "钱店长", "13900002105", True),
    (106, "霞浦示范服装厂", "霞浦街道示范工业区 5 号", "330206004", "孙厂长", "13900002106", False),
]

# (employer serial, author, approver or None, fields)
POSTINGS = [
    (101, "daqi_officer", "admin", dict(
        title="模具车间普工", place="330206003", pay_min=5500, pay_max=7500, skills=["assembly"],
        languages=["mandarin"], meals=True, housing=True, openings=10, hours="两班倒，每班 8 小时，月休 4 天",
        work_location="大碶街道模具园区", requirements="身体健康，能适应倒班；无经验可培训。")),
    (101, "daqi_officer", "admin", dict(
        title="数控机床操作工", place="330206003", pay_min=7000, pay_max=9500, skills=["assembly", "electrician"],
        languages=["mandarin"], meals=True, housing=True, openings=3, hours="白班为主",
        requirements="有数控或机加工经验优先。")),
    (102, "admin", None, dict(
        title="电子装配操作员", place="330206902", pay_min=5000, pay_max=6500, skills=["assembly"],
        languages=["mandarin"], meals=True, housing=True, halal_meals=True, openings=20,
        hours="长白班，周末双休", requirements="视力良好，能久坐。")),
    (103, "xinqi_worker", "admin", dict(
        title="拉面师傅", place="330206001001", pay_min=7000, pay_max=9000, skills=["cooking"],
        languages=["mandarin", "uyghur"], meals=True, housing=True, halal_meals=True, openings=2,
        hours="10:00–21:00，中间休息两小时", requirements="会做拉面或抓饭。")),
    (103, "xinqi_worker", "admin", dict(
        title="餐厅服务员", place="330206001001", pay_min=4200, pay_max=5200, skills=["service", "cashier"],
        languages=["mandarin", "uyghur"], meals=True, halal_meals=True, openings=3, hours="做六休一")),
    (104, "daqi_officer", "admin", dict(
        title="仓库分拣员", place="330206003", pay_min=25, pay_max=30, pay_period="hour",
        skills=["warehouse", "forklift"], languages=["mandarin"], meals=True, openings=15,
        hours="夜班 20:00–次日 6:00", work_location="大碶街道共同村物流园")),
    (104, "daqi_officer", "admin", dict(
        title="叉车司机", place="330206003", pay_min=6500, pay_max=8000, skills=["forklift", "driving"],
        languages=["mandarin"], meals=True, housing=True, openings=2, requirements="持叉车操作证。")),
    (105, "xieshu_worker", "daqi_officer", dict(
        title="理货员", place="330206003001", pay_min=180, pay_max=220, pay_period="day",
        skills=["warehouse", "sales"], languages=["mandarin"], openings=2, hours="早班 7:00–15:00")),
    (105, "xieshu_worker", None, dict(
        title="收银员", place="330206003001", pay_min=4000, pay_max=4800, skills=["cashier"],
        languages=["mandarin"], openings=1, hours="排班制")),
]

# (username, name, phone, place, languages, skills, wished pay, consent)
SEEKERS = [
    ("xieshu_worker", "艾力·买买提", "13900002201", "330206003001", ["mandarin", "uyghur"], ["cooking", "kitchen"],
     (6000, 9000), True),
    ("xieshu_worker", "古丽米拉", "13900002202", "330206003001", ["mandarin", "uyghur"], ["service", "cashier"],
     (4000, 6000), True),
    ("xieshu_worker", "马文军", "13900002203", "330206003001", ["mandarin"], ["forklift", "warehouse", "driving"],
     (6000, 8500), True),
    ("xieshu_worker", "扎西", "", "330206003001", ["mandarin", "tibetan"], ["assembly"], (5000, 7000), True),
    ("xieshu_worker", "李秀英", "13900002205", "330206003001", ["mandarin"], ["cleaning", "care"], (3500, 5000),
     False),
    ("xinqi_worker", "热孜万古丽", "13900002206", "330206001001", ["mandarin", "uyghur"], ["sewing", "assembly"],
     (4500, 6500), True),
    ("xinqi_worker", "韩晓东", "13900002207", "330206001001", ["mandarin"], ["warehouse", "delivery"],
     (5000, 7000), True),
]


def load(*, places, users, admin) -> dict:
    admin = type(admin).objects.get(pk=admin.pk)
    if Employer.objects.filter(credit_code=credit_code(EMPLOYERS[0][0])).exists():
        return {"jobs_employers": 0}
    by_name = {u: type(admin).objects.get(pk=users[u].pk) if u in users else admin
               for u in ("admin", "daqi_officer", "xieshu_worker", "xinqi_worker")}
    by_name["admin"] = admin
    today = timezone.localdate()
    employers = {}
    for serial, name, address, code, contact, phone, verified in EMPLOYERS:
        employer = services.employer_register(by=None if not verified else admin, name=name,
                                              credit_code=credit_code(serial), address=address, place=places[code],
                                              contact_name=contact, contact_phone=phone)
        if verified:
            employer = services.employer_verify(employer=employer, by=admin, version=employer.version)
        employers[serial] = employer
    postings = []
    for i, (serial, author, approver, fields) in enumerate(POSTINGS):
        data = {**fields, "place": places[fields["place"]], "expires_on": today + timedelta(days=30 + 5 * i)}
        posting = services.posting_create(by=by_name[author], employer=employers[serial], **data)
        posting = services.posting_transition(posting=posting, by=by_name[author], version=posting.version,
                                              action="submit")
        if approver:
            posting = services.posting_transition(posting=posting, by=by_name[approver], version=posting.version,
                                                  action="approve")
        postings.append(posting)
    seekers = []
    for username, name, phone, code, languages, skills, (low, high), consent in SEEKERS:
        seekers.append(seeking.seeker_create(
            by=by_name[username], name=name, phone=phone, place=places[code], languages=languages, skills=skills,
            wished_pay_min=low, wished_pay_max=high, availability=Availability.NOW, consent=consent))
    worker = by_name["xieshu_worker"]
    # 艾力 was referred to the noodle chef's job and started; 马文军 interviews as a forklift driver.
    referral = seeking.referral_create(seeker=seekers[0], posting=postings[3], by=worker, note="已电话联系餐厅")
    seeking.referral_outcome(referral=referral, by=worker, version=referral.version, outcome=ReferralOutcome.HIRED)
    seeking.placement_record(seeker=seekers[0], employer=employers[103], posting=postings[3], by=worker,
                             start_date=today - timedelta(days=20))
    referral = seeking.referral_create(seeker=seekers[2], posting=postings[6], by=worker)
    seeking.referral_outcome(referral=referral, by=worker, version=referral.version,
                             outcome=ReferralOutcome.INTERVIEW)
    seeking.referral_create(seeker=seekers[1], posting=postings[4], by=worker)
    # 扎西 found work at the mould factory without a referral; 韩晓东 at the logistics company.
    seeking.placement_record(seeker=seekers[3], employer=employers[101], by=worker,
                             start_date=today - timedelta(days=75))
    seeking.placement_record(seeker=seekers[6], employer=employers[104], by=by_name["xinqi_worker"],
                             start_date=today - timedelta(days=40))
    return {"jobs_employers": len(employers), "jobs_postings": len(postings), "jobs_seekers": len(seekers)}
