"""A small guide for the tests: two domains, a life event, a category, one item with steps."""

from shiliu.guide import services
from shiliu.guide.models import ItemChannel, StepOwner
from shiliu.workorders.models import Category


def content(**overrides) -> dict:
    base = {
        "name": "随迁子女义务教育入学申请", "name_en": "School enrolment for migrant children",
        "description": "为外来务工人员子女申请入学。", "description_en": "", "eligibility": "持居住证的家长",
        "eligibility_en": "", "promised_days": 10, "fees": "免费", "fees_en": "Free", "legal_basis": "义务教育法",
        "channels": [ItemChannel.WINDOW, ItemChannel.ONLINE],
        "materials": [{"name": "居住证", "name_en": "Residence permit", "form": "original", "copies": 1},
                      {"name": "户口簿", "name_en": "Hukou", "form": "copy", "copies": 2, "required": False}],
        "steps": [{"name": "窗口受理", "owner": StepOwner.WINDOW, "time_limit_days": 1},
                  {"name": "教育局审核", "owner": StepOwner.DEPARTMENT, "department": None, "time_limit_days": 5,
                   "tell_resident": True}],
    }
    base.update(overrides)
    return base


class Guide:
    def __init__(self, tree, people):
        admin = people.admin
        self.category = Category.objects.create(code="education", name="子女入学", name_en="School enrolment")
        self.education = services.domain_create(by=admin, code="education", name="义务教育",
                                                name_en="Compulsory education", position=10)
        self.housing = services.domain_create(by=admin, code="housing", name="居住与住房", name_en="Housing",
                                              position=20)
        self.school = services.life_event_create(by=admin, code="child-school", name="孩子要上学",
                                                 name_en="My child starts school")
        self.department = tree.education
        self.item = services.item_create(
            by=admin, code="ED-01", domain=self.education, category=self.category, life_events=[self.school],
            content=self.content())

    def content(self, **overrides) -> dict:
        data = content(**overrides)
        for step in data["steps"]:
            if step["owner"] == StepOwner.DEPARTMENT and step.get("department") is None:
                step["department"] = self.department
        return data
