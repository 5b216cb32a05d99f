"""Shared setup of the window tests: two service items of the guide, windows in 谢墅 and 大港."""

from datetime import time

from shiliu.guide.models import Domain, LifeEvent
from shiliu.guide.services import item_create
from shiliu.windows.models import OpeningHours, WindowKind
from shiliu.windows.services import window_create
from shiliu.workorders.choices import Kind
from shiliu.workorders.models import Category


def _content(name: str, name_en: str, days: int, materials: list[str]) -> dict:
    return {"name": name, "name_en": name_en, "description": f"{name}（示例）", "promised_days": days,
            "channels": ["window", "online"],
            "materials": [{"name": m, "copies": 1} for m in materials],
            "steps": [{"name": "窗口受理", "owner": "window", "time_limit_days": 1}]}


class Windows:
    def __init__(self, tree, people):
        self.tree, self.people = tree, people
        self.category = Category.objects.create(code="services", name="政务服务", name_en="Services", kind=Kind.HELP)
        self.education = Domain.objects.create(code="education", name="义务教育", name_en="Compulsory education")
        self.insurance = Domain.objects.create(code="insurance", name="社会保险", name_en="Social insurance")
        self.school_event = LifeEvent.objects.create(code="school", name="孩子上学", name_en="My child starts school")
        admin = people.admin
        self.school = item_create(by=admin, code="EDU-01", domain=self.education, category=self.category,
                                  life_events=[self.school_event],
                                  content=_content("随迁子女义务教育入学申请", "School enrolment", 10,
                                                   ["居住证", "户口簿", "预防接种证"]))
        self.pension = item_create(by=admin, code="SI-01", domain=self.insurance, category=self.category,
                                   content=_content("城乡居民基本养老保险参保登记", "Pension enrolment", 5,
                                                    ["身份证"]))
        self.legal = item_create(by=admin, code="LA-01", domain=self.insurance, category=self.category,
                                 content=_content("法律援助申请", "Legal aid", 7, ["身份证", "经济困难证明"]))
        self.xieshu = window_create(by=admin, kind=WindowKind.CENTRE, place=tree.xieshu, name="谢墅社区民族服务中心",
                                    address="谢墅路1号", phone="0574-86000001", items=[self.school, self.pension])
        self.dagang = window_create(by=admin, kind=WindowKind.WINDOW, place=tree.dagang, name="大港社区服务窗口",
                                    address="大港路2号", phone="0574-86000002", items=[self.school, self.legal])
        self.daqi = window_create(by=admin, kind=WindowKind.WINDOW, place=tree.daqi, name="大碶街道便民服务窗口",
                                  items=[self.school])
        for window in (self.xieshu, self.dagang, self.daqi):
            OpeningHours.objects.bulk_create(OpeningHours(window=window, weekday=d, opens=time(9), closes=time(17))
                                             for d in range(5))

    def materials(self, item) -> list[int]:
        return list(item.current.materials.order_by("position").values_list("pk", flat=True))


def staff_member(username: str, role: str, place):
    """A signed-in-able staff member (the shared personas' password) holding ``role`` at ``place``."""
    from shiliu.accounts.models import User
    from shiliu.accounts.services import password_set, role_grant

    user = User.objects.create(username=username, display_name=username)
    password_set(user=user, raw="Correct-Horse-42", by=user)
    role_grant(user=user, role=role, place=place, by=None)
    return user
