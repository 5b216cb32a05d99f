"""Shared setup of the work-order tests: three categories, two routing rules, an order opener."""

from shiliu.accounts.models import User
from shiliu.accounts.services import role_grant
from shiliu.workorders.choices import Channel, Kind
from shiliu.workorders.models import Category, RoutingRule
from shiliu.workorders.services import order_open


def staff(username: str, role: str, place) -> User:
    user = User.objects.create(username=username, display_name=username)
    role_grant(user=user, role=role, place=place, by=None)
    return user


class Setup:
    def __init__(self, tree, people):
        self.tree, self.people = tree, people
        self.insurance = Category.objects.create(code="social-insurance", name="社会保险", name_en="Social insurance",
                                                 kind=Kind.HELP, ack_hours=4, resolve_days=10)
        self.school = Category.objects.create(code="education", name="子女入学", name_en="School places",
                                              kind=Kind.CONSULTATION, ack_hours=2, resolve_days=2)
        self.other = Category.objects.create(code="other", name="其他", name_en="Other", kind=Kind.HELP)
        # Social insurance about 谢墅 goes to 谢墅社区; school places go to the education bureau,
        # district-wide; "other" has no rule and waits for the dispatcher.
        RoutingRule.objects.create(place=tree.xieshu, category=self.insurance, unit=tree.xieshu,
                                   created_by=people.admin)
        RoutingRule.objects.create(place=tree.district, category=self.school, unit=tree.education,
                                   created_by=people.admin)

    def open(self, by=None, **overrides):
        fields = {"channel": Channel.HOTLINE, "category": self.insurance, "description": "灵活就业怎么交社保",
                  "place": self.tree.xieshu, "contact_name": "马女士", "contact_phone": "13812345678",
                  "contact_consent": True}
        fields.update(overrides)
        order, _created = order_open(by=by or self.people.operator, **fields)
        return order
