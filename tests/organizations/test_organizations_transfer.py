"""xlsx: exports of what a manager sees (neutralised, masked, audited), and all-or-nothing imports
that report every row's error with its row and column."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook
from orgs_helpers import PHONE, PHONE_MASKED, xlsx

from shiliu.audit.models import AuditEvent
from shiliu.core.xlsx import read_workbook
from shiliu.organizations.choices import OrgKind
from shiliu.organizations.models import Membership, Organization
from shiliu.organizations.selectors import org_list
from shiliu.organizations.services import organization_create
from shiliu.organizations.transfer import (
    ImportRejected,
    export_members,
    export_organizations,
    import_members,
    import_organizations,
)

MEMBER_HEADER = ["organization", "name", "phone", "role", "since"]
ORG_HEADER = ["name", "kind", "place_code", "founded_on", "public"]


def raw_cells(data: bytes) -> list[list]:
    """The cells as a spreadsheet program reads them (no restoring)."""
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


def problems(exc_info) -> set[tuple[int, str]]:
    return {(e.row, e.column) for e in exc_info.value.errors}


# --- exports ----------------------------------------------------------------------------------


def test_export_neutralises_formulas_and_keeps_numbers(people, network, tree):
    organization_create(by=people.worker, name="=HYPERLINK(\"http://evil\",\"点我\")", kind=OrgKind.GROUP,
                        place=tree.xieshu, description="@SUM(A1:A9)")
    data = export_organizations(by=people.worker, orgs=org_list(people.worker))
    cells = raw_cells(data)
    names = [row[2] for row in cells[1:]]
    assert "'=HYPERLINK(\"http://evil\",\"点我\")" in names
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for row in cells for v in row)
    assert "'@SUM(A1:A9)" in [row[-1] for row in cells]
    assert all(isinstance(row[0], int) for row in cells[1:])  # ids stay numbers
    assert AuditEvent.objects.filter(action="org.export", actor_name="xieshu_worker").exists()


def test_export_carries_only_what_the_list_shows(people, network):
    data = export_organizations(by=people.other_worker, orgs=org_list(people.other_worker))
    exported = {row[2] for row in read_workbook(data)[1:]}
    assert "九峰社区联系点" not in exported and "大港社区联系点" in exported and "谢墅社区促进小组" in exported


def test_members_export_is_masked_in_area_only_and_audited(people, network):
    data = export_members(by=people.officer, orgs=org_list(people.officer))
    rows = read_workbook(data)[1:]
    assert {r[3] for r in rows} == {"马春花", "阿依努尔", "周建国"}  # not 扎西 of public 大港 (another area)
    assert PHONE_MASKED in {r[4] for r in rows} and PHONE not in str(rows) and "+86" not in str(rows)
    event = AuditEvent.objects.get(action="org.members.export")
    assert event.kind == "export" and event.detail["count"] == 3


def test_members_export_page_asks_for_the_password_first(people, network, login, client):
    login(people.officer)
    response = client.get("/organizations/members.xlsx")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/reauth/")
    assert not AuditEvent.objects.filter(action="org.members.export").exists()
    client.post(response["Location"], {"password": "Correct-Horse-42"})
    response = client.get("/organizations/members.xlsx?kind=group")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="members-')
    assert {r[3] for r in read_workbook(response.content)[1:]} == {"马春花", "阿依努尔", "周建国"}


def test_exports_are_rate_limited_pages_and_api_together(people, network, login, client, token_for):
    from django.test import Client

    api = Client()
    headers = token_for(people.worker)
    response = api.get("/api/v1/organizations/export", {"kind": "group"}, **headers)
    assert response.status_code == 200
    assert {r[2] for r in read_workbook(response.content)[1:]} == {"谢墅社区促进小组", "大港社区促进小组"}
    login(people.worker)
    for _ in range(9):
        assert client.get("/organizations/export.xlsx").status_code == 200
    response = client.get("/organizations/export.xlsx")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    response = api.get("/api/v1/organizations/export", **headers)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_export_page_applies_the_list_filters(people, network, login, client):
    login(people.admin)
    response = client.get("/organizations/export.xlsx", {"kind": "contact_point"})
    assert {r[2] for r in read_workbook(response.content)[1:]} == {"九峰社区联系点", "大港社区联系点"}


def test_groups_export_hides_officials_names_outside_the_area(people, tree, login, client):
    from shiliu.organizations.group_services import group_create, group_member_add

    group = group_create(by=people.admin, kind="leadership", level="district", place=tree.district, name="领导小组")
    group_member_add(by=people.admin, group=group, person_name="王区长", title="副区长", role="leader")
    login(people.worker)
    response = client.get("/organizations/groups/export.xlsx")
    assert response.status_code == 302 and "/accounts/reauth/" in response["Location"]  # the password first (C7)
    client.post("/accounts/reauth/", {"password": "Correct-Horse-42"})
    rows = read_workbook(client.get("/organizations/groups/export.xlsx").content)[1:]
    assert rows[0][1] == "领导小组" and rows[0][6] is None and rows[0][7] == "副区长"


# --- imports: members -------------------------------------------------------------------------


def test_member_import_is_all_or_nothing_and_names_every_error(people, network):
    trail = AuditEvent.objects.count()
    data = xlsx(MEMBER_HEADER, [
        ["谢墅社区促进小组", "好人", "13611112222", "成员", "2024-05-01"],   # fine on its own
        ["谢墅社区促进小组", "", "13611113333", "member", None],              # no name
        ["谢墅社区促进小组", "电话错", "12345", "member", None],               # bad phone
        ["不存在的组织", "某人", "", "member", None],                         # no such organization
        ["大港社区促进小组", "越界", "", "member", None],                     # exists, not in the area
        [network.xieshu.pk, "日期错", "", "member", "明天"],                  # bad date
        ["谢墅社区促进小组", "角色错", "", "老板", None],                       # bad role
    ])
    with pytest.raises(ImportRejected) as exc:
        import_members(file=data, by=people.worker)
    assert problems(exc) == {(3, "name"), (4, "phone"), (5, "organization"), (6, "organization"), (7, "since"),
                             (8, "role")}
    assert Membership.objects.count() == 4  # nothing added, not even row 2
    assert AuditEvent.objects.count() == trail  # and no record of an addition that did not happen


def test_member_import_checks_rules_between_rows(people, network):
    data = xlsx(MEMBER_HEADER, [
        ["谢墅社区促进小组", "甲", "13611112222", "member", None],
        ["谢墅社区促进小组", "乙", "136 1111 2222", "member", None],  # the same phone as row 2
        ["谢墅社区促进小组", "丙", "", "主任", None],                  # a second chair
    ])
    with pytest.raises(ImportRejected) as exc:
        import_members(file=data, by=people.worker)
    assert problems(exc) == {(3, "phone"), (4, "role")}
    assert Membership.objects.count() == 4


def test_member_import_adds_every_row_of_a_good_file(people, network):
    data = xlsx(["organization ID", "姓名", "电话", "职务", "加入日期"], [
        [network.xieshu.pk, "新人甲", "13611112222", "志愿者", date(2024, 5, 1)],
        [network.jiufeng.pk, "新人乙", "", "", "2024/6/1"],
    ])
    result = import_members(file=data, by=people.officer)
    assert result.created == 2
    added = Membership.objects.get(name="新人甲")
    assert (added.role, added.since, added.phone) == ("volunteer", date(2024, 5, 1), "+8613611112222")
    assert Membership.objects.get(name="新人乙").organization == network.jiufeng
    assert AuditEvent.objects.filter(action="org.member.add").count() == 2 + 4  # the network's own four
    assert AuditEvent.objects.filter(action="org.members.import").count() == 1


def test_member_import_refuses_a_file_that_is_not_a_workbook(people, network):
    with pytest.raises(ImportRejected) as exc:
        import_members(file=b"MZ\x90\x00 not a spreadsheet", by=people.worker)
    assert problems(exc) == {(0, "")}


def test_member_import_refuses_unknown_and_missing_columns(people, network):
    with pytest.raises(ImportRejected) as exc:
        import_members(file=xlsx(["name", "shoe size"], [["甲", 42]]), by=people.worker)
    assert problems(exc) == {(1, "shoe size"), (1, "organization")}


# --- imports: organizations -------------------------------------------------------------------


def test_org_import_is_all_or_nothing_with_every_row_error(people, network, tree):
    data = xlsx(ORG_HEADER, [
        ["谢墅读书小组", "小组", "330206003001", "2024-01-01", "是"],        # fine
        ["", "group", "330206003001", None, None],                          # no name
        ["无此地", "group", "999999999", None, None],                        # unknown place
        ["越界小组", "group", "330206001001", None, None],                   # 大港: outside 大碶
        ["错类型", "club", "330206003002", None, None],                      # bad kind
        ["社区分会", "branch", "330206003002", None, None],                  # a branch at a community
        ["谢墅社区促进小组", "group", "330206003001", None, None],            # twin name at the place
        ["日期错", "group", "330206003002", "2024-13-45", "maybe"],          # bad date and bad public
    ])
    with pytest.raises(ImportRejected) as exc:
        import_organizations(file=data, by=people.officer)
    assert problems(exc) == {(3, "name"), (4, "place_code"), (5, "place_code"), (6, "kind"), (7, "place_code"),
                             (8, "name"), (9, "founded_on"), (9, "public")}
    assert not Organization.objects.filter(name="谢墅读书小组").exists()


def test_org_import_creates_and_updates_with_the_exported_version(people, network):
    exported = read_workbook(export_organizations(by=people.officer, orgs=org_list(people.officer, kind="group")))
    header, rows = list(exported[0]), [list(r) for r in exported[1:]]
    row = next(r for r in rows if r[2] == "谢墅社区促进小组")
    row[12] = "每周五开放"  # description
    new = [None, None, "九峰读书小组", "", "小组", "330206003002", "", "", "2023-09-01", "活跃", "是", None, ""]
    result = import_organizations(file=xlsx(header, [row, new]), by=people.officer)
    assert (result.created, result.updated) == (1, 1)
    assert Organization.objects.get(pk=network.xieshu.pk).description == "每周五开放"
    assert Organization.objects.get(name="九峰读书小组").founded_on == date(2023, 9, 1)


def test_org_import_refuses_a_stale_version(people, network):
    from shiliu.organizations.services import organization_update

    exported = read_workbook(export_organizations(by=people.officer, orgs=org_list(people.officer, kind="group")))
    header, rows = list(exported[0]), [list(r) for r in exported[1:] if r[2] == "谢墅社区促进小组"]
    organization_update(organization=network.xieshu, by=people.worker, version=1, description="别人刚改")
    rows[0][12] = "导入的旧内容"
    with pytest.raises(ImportRejected) as exc:
        import_organizations(file=xlsx(header, rows), by=people.officer)
    assert problems(exc) == {(2, "version")}
    assert Organization.objects.get(pk=network.xieshu.pk).description == "别人刚改"


def test_org_import_refuses_an_id_outside_the_area(people, network):
    with pytest.raises(ImportRejected) as exc:
        import_organizations(file=xlsx(["ID", "version", "name", "kind", "place_code"],
                                       [[network.dagang.pk, 1, "改名", "group", "330206001001"]]),
                             by=people.officer)
    assert (2, "id") in problems(exc)


def test_imports_need_org_edit(people, network):
    with pytest.raises(PermissionDenied):
        import_members(file=xlsx(MEMBER_HEADER, []), by=people.liaison)


def test_import_page_lists_errors_with_row_and_column(people, network, login, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(people.worker)
    upload = SimpleUploadedFile("m.xlsx", xlsx(MEMBER_HEADER, [["谢墅社区促进小组", "", "123", "member", None]]))
    response = client.post("/organizations/members/import/", {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Enter the member&#x27;s name." in html and "Nothing was imported" in html
    assert {(e["row"], e["column"]) for e in response.context["errors"]} == {(2, "name"), (2, "phone")}


def test_api_import_answers_422_with_the_rows(people, network, client, token_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("m.xlsx", xlsx(MEMBER_HEADER, [["谢墅社区促进小组", "", "", "member", None]]))
    response = client.post("/api/v1/organizations/members/import", {"file": upload}, **token_for(people.worker))
    assert response.status_code == 422
    assert response.json()["rows"] == [{"row": 2, "column": "name", "message": "请填写成员姓名。"}]
