"""Shared setup of the hotline tests: categories, a routing rule, a phone-system account, calls."""

from datetime import timedelta

from django.utils import timezone

from shiliu.accounts.models import Role, User
from shiliu.accounts.services import password_set, role_grant
from shiliu.hotline.choices import CallEventKind
from shiliu.hotline.services import call_event, call_take
from shiliu.workorders.choices import Channel, Kind
from shiliu.workorders.models import Category, RoutingRule
from shiliu.workorders.services import order_open

LANDLINE = "057486881234"
MOBILE = "13812345678"


def staff(username: str, place, role: str = Role.OPERATOR) -> User:
    user = User.objects.create(username=username, display_name=username)
    password_set(user=user, raw="Correct-Horse-42", by=user)  # a token stops working with an expired password
    role_grant(user=user, role=role, place=place, by=None)
    return user


class Setup:
    def __init__(self, tree, people):
        self.tree, self.people = tree, people
        self.insurance = Category.objects.create(code="social-insurance", name="社会保险", name_en="Social insurance",
                                                 kind=Kind.HELP, ack_hours=4, resolve_days=10)
        self.school = Category.objects.create(code="education", name="子女入学", name_en="School places",
                                              kind=Kind.CONSULTATION, ack_hours=2, resolve_days=2)
        RoutingRule.objects.create(place=tree.xieshu, category=self.insurance, unit=tree.xieshu,
                                   created_by=people.admin)
        # The phone systems: one for 大碶's hotline, one for 新碶's.
        self.pbx = staff("pbx-daqi", tree.daqi)
        self.pbx_xinqi = staff("pbx-xinqi", tree.xinqi)
        self.xinqi_operator = staff("xinqi-operator", tree.xinqi)
        self._n = 0

    def ring(self, caller: str = LANDLINE, *, pbx=None, at=None, call_id: str | None = None):
        self._n += 1
        call, _changed = call_event(by=pbx or self.pbx, event=CallEventKind.RINGING,
                                    call_id=call_id or f"c-{self._n}", caller=caller,
                                    at=at or timezone.now() - timedelta(seconds=5))
        return call

    def taken(self, caller: str = LANDLINE, *, by=None, pbx=None):
        call = self.ring(caller, pbx=pbx)
        return call_take(by=by or self.people.operator, call=call)

    def order_fields(self, **overrides) -> dict:
        fields = {"category": self.insurance, "description": "灵活就业怎么交社保", "place": self.tree.xieshu,
                  "urgency": "normal", "language": "zh", "contact_name": "马女士", "contact_phone": LANDLINE,
                  "contact_consent": True}
        fields.update(overrides)
        return fields


def open_order_at(hl, place, phone: str, by=None):
    """A hotline order about ``place`` with the caller's number, opened by someone there."""
    opener = by or (hl.people.other_worker if place.path.startswith(hl.tree.xinqi.path) else hl.people.operator)
    order, _created = order_open(by=opener, channel=Channel.HOTLINE, category=hl.insurance, description="社保咨询",
                                 place=place, contact_phone=phone, contact_consent=True)
    return order


def published_article(hl, *, title: str = "灵活就业人员如何参加社会保险", publish: bool = True):
    from shiliu.knowledge.services import article_create, article_publish

    article = article_create(by=hl.people.admin, title=title, category=hl.insurance,
                             body="无雇工的个体工商户和灵活就业人员，可以个人身份参加社会保险。")
    return article_publish(article=article, by=hl.people.admin, version=article.version) if publish else article
