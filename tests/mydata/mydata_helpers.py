import time
from datetime import timedelta

from django.utils import timezone

from shiliu.activities.choices import ActivityStatus, ActivityType
from shiliu.activities.registrations import registration_create
from shiliu.activities.services import activity_create, activity_publish, activity_set_status
from shiliu.portal import identity
from shiliu.workorders.choices import Channel, Kind
from shiliu.workorders.models import Category
from shiliu.workorders.services import order_open

ME = "+8613812345678"
ME_LOCAL = "13812345678"
OTHER = "+8613900009999"


def verify(client, phone: str = ME) -> None:
    """Act as a resident who proved ``phone`` with a one-time code on the portal."""
    session = client.session
    now = time.time()
    session[identity.PHONE] = phone
    session[identity.VERIFIED_AT] = now
    session[identity.SEEN] = now
    session.save()


class Held:
    """A resident (ME) and someone else (OTHER), each with a work order and activity registrations."""

    def __init__(self, tree, people):
        category = Category.objects.create(code="social-insurance", name="社会保险", name_en="Social insurance",
                                           kind=Kind.HELP)
        self.order, _ = order_open(by=people.operator, channel=Channel.HOTLINE, category=category,
                                   description="灵活就业怎么交社保", place=tree.xieshu, contact_name="马女士",
                                   contact_phone=ME_LOCAL, contact_consent=True)
        self.other_order, _ = order_open(by=people.operator, channel=Channel.HOTLINE, category=category,
                                         description="别人的问题", place=tree.xieshu, contact_name="赵先生",
                                         contact_phone="13900009999", contact_consent=True)
        starts = timezone.now() + timedelta(days=5)
        self.coming = activity_create(by=people.officer, title="石榴籽亲子运动会", type=ActivityType.FIVE_COMMUNITY,
                                      place=tree.xieshu, starts_at=starts, ends_at=starts + timedelta(hours=2),
                                      venue="谢墅社区广场", capacity=1)
        activity_set_status(activity=self.coming, by=people.officer, status=ActivityStatus.OPEN)
        activity_publish(activity=self.coming, by=people.officer, published=True)
        self.mine, _ = registration_create(activity=self.coming, name="马女士", phone=ME_LOCAL, by=people.officer)
        self.waiting, _ = registration_create(activity=self.coming, name="赵先生", phone="13900009999",
                                           by=people.officer)
