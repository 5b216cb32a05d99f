"""Shared data for the culture tests: troupes, positions and a museum in 大碶, and the same in 新碶."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from shiliu.culture.models import VisitSlot
from shiliu.culture.museum import museum_create, slot_create
from shiliu.culture.services import member_add, position_create, troupe_create

PAGE_BASE_QUERIES = 3  # session, user, roles
PHONE = "13812345678"
PHONE_MASKED = "138****5678"


def audit_queries() -> int:
    """Queries one audit append costs inside a test's transaction: the last hash and the insert
    (PostgreSQL: one statement that moves the chain's head and inserts). No savepoint of its own."""
    return 1 if connection.vendor == "postgresql" else 2


def past_slot(museum, *, days: int = 1, capacity: int = 30) -> VisitSlot:
    """A slot that has begun (the services refuse to open one): written directly, as history is."""
    start = timezone.now() - timedelta(days=days)
    return VisitSlot.objects.create(museum=museum, starts_at=start, ends_at=start + timedelta(hours=1),
                                    capacity=capacity)


class Culture:
    def __init__(self, tree, people):
        admin = people.admin
        self.troupe = troupe_create(by=admin, name="谢墅社区石榴籽艺术团", place=tree.xieshu)
        self.member = member_add(troupe=self.troupe, by=admin, name="古丽娜", role="leader", phone=PHONE)
        self.other_troupe = troupe_create(by=admin, name="大港社区文艺队", place=tree.dagang)
        self.other_private = troupe_create(by=admin, name="大港内部排练队", place=tree.dagang, public=False)
        member_add(troupe=self.other_troupe, by=admin, name="热依拉", role="leader")
        self.position = position_create(by=admin, kind="gallery", name="谢墅民族团结长廊", place=tree.xieshu)
        self.other_position = position_create(by=admin, kind="board", name="大港宣传栏", place=tree.dagang)
        self.museum = museum_create(by=admin, name="北仑区民族知识馆", place=tree.daqi, guides=[people.officer],
                                    online_booking=True)
        self.other_museum = museum_create(by=admin, name="新碶民族知识角", place=tree.xinqi, public=False)
        start = timezone.now() + timedelta(days=2)
        self.slot = slot_create(museum=self.museum, by=admin, starts_at=start, ends_at=start + timedelta(hours=1),
                                capacity=30)
        self.other_slot = slot_create(museum=self.other_museum, by=admin, starts_at=start,
                                      ends_at=start + timedelta(hours=1), capacity=30)
