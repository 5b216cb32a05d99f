"""Shared data for the organization tests: a small network in the test tree, query budgets, files."""

import io
from datetime import date

from django.db import connection
from openpyxl import Workbook

from shiliu.organizations.choices import MemberRole, OrgKind
from shiliu.organizations.services import membership_add, organization_create

PHONE = "13812345678"
PHONE_MASKED = "138****5678"
# Every signed-in page: session, user, roles (tests/people/people_helpers.py).
PAGE_BASE_QUERIES = 3


def audit_queries() -> int:
    """Queries one audit append costs: savepoint, last hash, insert, release (PostgreSQL: one statement
    for the hash and the insert)."""
    return 3 if connection.vendor == "postgresql" else 4


def xlsx(header, rows) -> bytes:
    """A file as a person would type it: raw values, no neutralising."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class Network:
    """The district association; the 大碶 branch; a public group at 谢墅 with three members, a
    private contact point at 九峰 (both 大碶); a public group and a private contact point at 大港 (新碶)."""

    def __init__(self, tree, people):
        admin = people.admin
        self.association = organization_create(by=admin, name="北仑区民族团结进步促进会", kind=OrgKind.ASSOCIATION,
                                               place=tree.district, founded_on=date(2016, 5, 10))
        self.branch = organization_create(by=admin, name="大碶街道分会", kind=OrgKind.BRANCH, place=tree.daqi,
                                          parent=self.association, founded_on=date(2017, 3, 1))
        self.xieshu = organization_create(by=admin, name="谢墅社区促进小组", name_en="Xieshu Unity Group",
                                          kind=OrgKind.GROUP, place=tree.xieshu, parent=self.branch,
                                          founded_on=date(2018, 3, 2))
        self.jiufeng = organization_create(by=admin, name="九峰社区联系点", kind=OrgKind.CONTACT_POINT,
                                           place=tree.jiufeng, parent=self.branch, founded_on=date(2019, 6, 1),
                                           public=False)
        self.dagang = organization_create(by=admin, name="大港社区促进小组", kind=OrgKind.GROUP, place=tree.dagang,
                                          parent=self.association, founded_on=date(2018, 9, 26))
        self.dagang_private = organization_create(by=admin, name="大港社区联系点", kind=OrgKind.CONTACT_POINT,
                                                  place=tree.dagang, founded_on=date(2020, 1, 1), public=False)
        self.chair = membership_add(by=admin, organization=self.xieshu, name="马春花", phone=PHONE,
                                    role=MemberRole.CHAIR, since=date(2020, 1, 1))
        self.volunteer = membership_add(by=admin, organization=self.xieshu, name="阿依努尔", phone="13900001111",
                                        role=MemberRole.VOLUNTEER, since=date(2021, 5, 1))
        self.secretary = membership_add(by=admin, organization=self.xieshu, name="周建国", role=MemberRole.SECRETARY,
                                        since=date(2020, 1, 1))
        self.dagang_chair = membership_add(by=admin, organization=self.dagang, name="扎西", phone="13700002222",
                                           role=MemberRole.CHAIR, since=date(2019, 1, 1))
