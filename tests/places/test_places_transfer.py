"""The place tree as xlsx: round trip, all-or-nothing import with every error, the commands."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook, load_workbook

from shiliu.audit.models import AuditEvent
from shiliu.core.xlsx import read_workbook, write_workbook
from shiliu.places.models import Place, PlaceKind
from shiliu.places.services import place_create
from shiliu.places.transfer import ImportRejected, export_places, import_places

HEADER = ["code", "kind", "name", "name_en", "parent_code", "address", "active"]


def snapshot():
    return list(Place.objects.order_by("pk").values_list(
        "pk", "code", "kind", "name", "name_en", "address", "is_active", "path", "depth", "parent_id", "version"))


def xlsx(rows, header=HEADER) -> bytes:
    """A file as a person would type it: raw values, no neutralising."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def exported_rows(data: bytes) -> list[list]:
    return [list(row) for row in read_workbook(data)[1:]]


def rejected(data: bytes, by) -> list[tuple[int, str]]:
    with pytest.raises(ImportRejected) as exc:
        import_places(file=data, by=by)
    return [(e.row, e.column) for e in exc.value.errors]


# --- export -----------------------------------------------------------------------------------


def test_export_lists_the_tree_in_order_with_parent_codes(people, tree):
    rows = exported_rows(export_places(by=people.admin))
    assert [r[0] for r in rows] == list(Place.objects.order_by("path").values_list("code", flat=True))
    assert rows[0] == ["330206", "district", "北仑区", "Beilun District", None, None, True]
    daqi = next(r for r in rows if r[0] == tree.daqi.code)
    assert daqi[1] == "subdistrict" and daqi[4] == tree.district.code


def test_export_header_is_in_the_users_language(people, tree):
    with translation.override("zh-hans"):
        zh = read_workbook(export_places(by=people.admin))[0]
    with translation.override("en"):
        en = read_workbook(export_places(by=people.admin))[0]
    assert en[0] == "code" and zh[0] != "code"


def test_export_is_audited(people, tree):
    export_places(by=people.admin)
    event = AuditEvent.objects.get(action="place.export")
    assert event.actor == people.admin and event.detail["count"] == 7


def test_export_needs_place_transfer(people, tree):
    with pytest.raises(PermissionDenied):
        export_places(by=people.officer)
    assert not AuditEvent.objects.filter(action="place.export").exists()


def test_export_neutralises_formulas_and_import_gives_them_back(people, tree):
    place = place_create(code="f1", kind=PlaceKind.SCHOOL, name='=HYPERLINK("http://x","y")', parent=tree.xieshu,
                         by=None, address="@SUM(A1)", name_en="-1+1")
    data = export_places(by=people.admin)
    sheet = load_workbook(io.BytesIO(data)).active
    row = next(r for r in sheet.iter_rows() if r[0].value == "f1")
    assert row[2].value == "'=HYPERLINK(\"http://x\",\"y\")" and row[2].data_type == "s"
    assert row[3].value == "'-1+1" and row[5].value == "'@SUM(A1)"
    assert row[6].value is True and row[6].data_type == "b"  # booleans stay booleans
    before = snapshot()
    import_places(file=data, by=people.admin)
    assert snapshot() == before
    place.refresh_from_db()
    assert place.name.startswith("=HYPERLINK")


# --- round trip and changes -------------------------------------------------------------------


def test_importing_an_unchanged_export_changes_nothing(people, tree):
    data = export_places(by=people.admin)
    before = snapshot()
    result = import_places(file=data, by=people.admin)
    assert (result.created, result.updated, result.moved, result.unchanged) == (0, 0, 0, 7)
    assert snapshot() == before


def test_english_and_chinese_headers_are_both_accepted(people, tree):
    before = snapshot()
    for language in ("en", "zh-hans"):
        with translation.override(language):
            data = export_places(by=people.admin)
        with translation.override("en" if language == "zh-hans" else "zh-hans"):
            import_places(file=data, by=people.admin)
    assert snapshot() == before


def test_import_creates_updates_and_moves_by_code(people, tree):
    rows = exported_rows(export_places(by=people.admin))
    for row in rows:
        if row[0] == tree.jiufeng.code:
            row[2] = "九峰山社区"
            row[6] = False
        if row[0] == tree.xieshu.code:
            row[4] = tree.xinqi.code  # re-parent
    rows.append(["s-new", "school", "新学校", "New School", tree.xieshu.code, "", True])
    rows.append(["e-new", "enterprise", "新企业", "", tree.xinqi.code, None, None])
    result = import_places(file=xlsx(rows), by=people.admin)
    assert (result.created, result.updated, result.moved) == (2, 1, 1)
    jiufeng = Place.objects.get(pk=tree.jiufeng.pk)
    assert jiufeng.name == "九峰山社区" and not jiufeng.is_active and jiufeng.version == 2
    xieshu = Place.objects.get(pk=tree.xieshu.pk)
    school = Place.objects.get(code="s-new")
    assert xieshu.parent_id == tree.xinqi.pk and school.parent_id == xieshu.pk
    assert school.path == xieshu.path + Place.segment(school.pk)
    assert AuditEvent.objects.filter(action="place.import").count() == 1


def test_kind_names_in_either_language_and_numeric_codes_are_read(people, tree):
    rows = [[330206003011, "社区", "数字编码社区", "", 330206003, "", "是"],
            ["330206003012", "Community", "英文类型社区", "", "330206003", "", "TRUE"]]
    result = import_places(file=xlsx(rows), by=people.admin)
    assert result.created == 2
    assert Place.objects.get(code="330206003011").kind == PlaceKind.COMMUNITY


def test_moves_are_ordered_so_a_valid_reshuffle_applies(people, tree):
    """Jiufeng leaves Daqi to become Xinqi's; then Daqi's new park sits under Jiufeng."""
    rows = [[tree.jiufeng.code, "community", "九峰社区", "", tree.xinqi.code, "", True],
            ["p1", "park", "园区", "", tree.jiufeng.code, "", True],
            ["x1", "enterprise", "企业", "", "p1", "", True]]
    import_places(file=xlsx(rows), by=people.admin)
    assert Place.objects.get(code="x1").path.startswith(Place.objects.get(code=tree.xinqi.code).path)


# --- errors -----------------------------------------------------------------------------------


def test_every_bad_row_is_reported_with_row_and_column_and_nothing_changes(people, tree):
    before = snapshot()
    events = AuditEvent.objects.count()
    rows = [
        ["n1", "planet", "未知类型", "", tree.daqi.code, "", True],           # row 2: unknown kind
        ["n2", "community", "", "", tree.daqi.code, "", True],               # row 3: missing name
        ["n3", "community", "重复一", "", tree.daqi.code, "", True],          # row 4
        ["n3", "community", "重复二", "", tree.daqi.code, "", True],          # row 5: duplicate code
        ["n4", "community", "无上级", "", "nowhere", "", True],               # row 6: unknown parent
        ["n5", "department", "错类型", "", tree.daqi.code, "", True],         # row 7: kind not allowed there
        ["n6", "community", "长" * 101, "", tree.daqi.code, "", True],        # row 8: too long
        ["n7", "community", "地址太长", "", tree.daqi.code, "x" * 201, True],  # row 9: too long
        ["n8", "community", "真假", "", tree.daqi.code, "", "maybe"],          # row 10: not a boolean
        ["", "community", "无编码", "", tree.daqi.code, "", True],             # row 11: missing code
        [tree.daqi.code, "subdistrict", "大碶街道", "", tree.xieshu.code, "", True],  # row 12: cycle
        ["n9", "community", "无上级编码", "", "", "", True],                   # row 13: new place without parent
    ]
    errors = rejected(xlsx(rows), people.admin)
    expected = [(2, "kind"), (3, "name"), (5, "code"), (6, "parent_code"), (7, "kind"), (8, "name"),
                (9, "address"), (10, "active"), (11, "code"), (12, "parent_code"), (13, "parent_code")]
    for item in expected:
        assert item in errors, (item, errors)
    assert snapshot() == before
    assert AuditEvent.objects.count() == events


def test_cycle_between_rows_is_found(people, tree):
    school = place_create(code="s1", kind=PlaceKind.SCHOOL, name="学校", parent=tree.xieshu, by=None)
    rows = [[tree.daqi.code, "subdistrict", "大碶街道", "", tree.xinqi.code, "", True],
            [tree.xinqi.code, "subdistrict", "新碶街道", "", tree.daqi.code, "", True]]
    errors = rejected(xlsx(rows), people.admin)
    # The kind rules form no loop, so a loop of places always breaks one of them too.
    assert (2, "parent_code") in errors and (3, "parent_code") in errors
    assert school.path.startswith(tree.xieshu.path)


def test_a_kind_change_that_no_longer_fits_the_children_is_refused(people, tree):
    rows = [[tree.daqi.code, "community", "大碶街道", "", tree.district.code, "", True]]
    errors = rejected(xlsx(rows), people.admin)
    assert (2, "kind") in errors


def test_a_missing_column_is_reported_on_the_header_row(people, tree):
    data = xlsx([["n1", "community", "甲", tree.daqi.code]], header=["code", "kind", "name", "parent"])
    errors = rejected(data, people.admin)
    assert (1, "parent") in errors and (1, "parent_code") in errors


def test_a_file_that_is_not_an_xlsx_is_refused(people, tree):
    assert rejected(b"code,kind,name\n1,district,x\n", people.admin) == [(0, "")]
    assert rejected(b"PK\x03\x04 broken zip", people.admin) == [(0, "")]


def test_a_file_over_the_size_limit_is_refused(people, tree, settings):
    data = export_places(by=people.admin)
    settings.SHILIU_MAX_IMPORT_BYTES = len(data) - 1
    with pytest.raises(ImportRejected) as exc:
        import_places(file=io.BytesIO(data), by=people.admin)
    assert "MB" in exc.value.errors[0].message


def test_import_needs_place_transfer(people, tree):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        import_places(file=export_places(by=people.admin), by=people.officer)
    assert snapshot() == before


def test_helper_writes_numbers_as_numbers():
    data = write_workbook(["a", "b", "c"], [[1, -2.5, "-2.5"]])
    cells = list(load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2))[0]
    assert [c.value for c in cells] == [1, -2.5, "'-2.5"]
    assert cells[1].data_type == "n"


# --- commands ---------------------------------------------------------------------------------


def test_commands_export_and_import_as_a_named_admin(people, tree, tmp_path):
    path = tmp_path / "places.xlsx"
    call_command("places_export", str(path), "--as", "admin")
    before = snapshot()
    out = io.StringIO()
    call_command("places_import", str(path), "--as", "admin", stdout=out)
    assert snapshot() == before
    assert "7" in out.getvalue()


def test_import_command_lists_errors_and_fails(people, tree, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx([["n1", "planet", "甲", tree.daqi.code, "", "", True]]))
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("places_import", str(path), "--as", "admin", stderr=err)
    assert "2" in err.getvalue() and not Place.objects.filter(code="n1").exists()


@pytest.mark.parametrize("username", ["daqi_officer", "no_such_user"])
def test_commands_refuse_an_account_without_place_transfer(people, tree, tmp_path, username):
    with pytest.raises(CommandError):
        call_command("places_export", str(tmp_path / "x.xlsx"), "--as", username)
    assert not (tmp_path / "x.xlsx").exists()


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    import io
    import zipfile

    from shiliu.core.xlsx import MAX_UNPACKED_BYTES, WorkbookTooLarge, read_workbook

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (MAX_UNPACKED_BYTES + 1))
    assert len(buffer.getvalue()) < 1_000_000  # small on the wire
    with pytest.raises(WorkbookTooLarge):
        read_workbook(buffer.getvalue())


def test_a_sheet_with_too_many_rows_is_refused_with_a_message(people, tree, monkeypatch):
    from shiliu.places.transfer import _read

    monkeypatch.setattr("shiliu.core.imports.MAX_ROWS", 10)  # where every import reads its workbook
    data = write_workbook(["code", "kind", "name", "name_en", "parent_code", "address", "active"],
                          [[f"X{i}", "community", f"社区{i}", "", "330206003", "", "yes"] for i in range(30)])
    with translation.override("en"):
        _rows, _present, errors = _read(data)
        assert [str(e.message) for e in errors] == ["The workbook is too large: at most 9 rows."]
