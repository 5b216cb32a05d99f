"""The whole guide as xlsx and JSON: round trip, new versions only where content changed, and every
kind of bad file refused with a clear list and nothing imported."""

import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from shiliu.audit.models import AuditEvent
from shiliu.guide import services
from shiliu.guide.models import Domain, ItemVersion, LifeEvent, Material, ServiceItem, Step
from shiliu.guide.sample import load_sample
from shiliu.guide.transfer import GuideImportRejected, export_guide, guide_data, import_guide

pytestmark = pytest.mark.django_db


def _counts():
    return (Domain.objects.count(), LifeEvent.objects.count(), ServiceItem.objects.count(),
            ItemVersion.objects.count(), Material.objects.count(), Step.objects.count())


def _wipe():
    ServiceItem.objects.update(current=None)
    Material.objects.all().delete()
    Step.objects.all().delete()
    ItemVersion.objects.all().delete()
    ServiceItem.objects.all().delete()
    LifeEvent.objects.all().delete()
    Domain.objects.all().delete()


def _refused(file, people, fmt=None) -> list:
    before = _counts()
    with pytest.raises(GuideImportRejected) as caught:
        import_guide(file=file, by=people.admin, fmt=fmt)
    assert _counts() == before
    return [(e.sheet, e.row, e.column) for e in caught.value.errors]


def _edit_sheet(data: bytes, sheet: str, change) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    change(workbook[sheet])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _column(sheet, key) -> int:
    return [c.value for c in sheet[1]].index(key) + 1


@pytest.mark.parametrize("fmt", ["xlsx", "json"])
def test_export_then_import_into_an_empty_guide_gives_back_the_same_guide(people, tree, fmt):
    load_sample(by=people.admin)
    before = guide_data()
    data = export_guide(by=people.admin, fmt=fmt)
    _wipe()
    assert ServiceItem.objects.count() == 0
    result = import_guide(file=data, by=people.admin)
    assert result.created == len(before["items"]) >= 30
    assert guide_data() == before


def test_import_over_the_guide_publishes_only_items_whose_content_changed(guide, people):
    services.item_create(by=people.admin, code="HO-01", domain=guide.housing, category=guide.category,
                         content=guide.content(name="居住证办理"))
    data = guide_data()
    data["items"][0]["steps"][0]["time_limit_days"] = 2  # ED-01 changes
    result = import_guide(file=json.dumps(data).encode(), by=people.admin)
    assert (result.created, result.published, result.unchanged) == (0, 1, 1)
    assert ServiceItem.objects.get(code="ED-01").current.number == 2
    assert ServiceItem.objects.get(code="HO-01").current.number == 1
    assert AuditEvent.objects.filter(action="guide.import").count() == 1


def test_import_can_withdraw_an_item(guide, people):
    data = guide_data()
    data["items"][0]["active"] = False
    import_guide(file=json.dumps(data).encode(), by=people.admin)
    assert ServiceItem.objects.get(code="ED-01").active is False


def test_a_missing_column_is_refused(guide, people):
    data = export_guide(by=people.admin)

    def drop(sheet):
        sheet.delete_cols(_column(sheet, "time_limit_days"))

    assert ("steps", 1, "time_limit_days") in _refused(_edit_sheet(data, "steps", drop), people)


def test_an_unknown_domain_is_refused(guide, people):
    data = export_guide(by=people.admin)

    def change(sheet):
        sheet.cell(row=2, column=_column(sheet, "domain"), value="nowhere")

    assert _refused(_edit_sheet(data, "items", change), people) == [("items", 2, "domain")]


def test_a_step_without_time_limit_is_refused(guide, people):
    data = export_guide(by=people.admin)

    def change(sheet):
        sheet.cell(row=3, column=_column(sheet, "time_limit_days")).value = None

    assert _refused(_edit_sheet(data, "steps", change), people) == [("steps", 3, "time_limit_days")]


def test_a_duplicated_code_is_refused(guide, people):
    data = export_guide(by=people.admin)

    def change(sheet):
        sheet.append([c.value for c in sheet[2]])

    assert _refused(_edit_sheet(data, "items", change), people) == [("items", 3, "code")]


def test_every_error_is_listed_at_once(guide, people):
    data = guide_data()
    data["items"][0]["domain"] = "nowhere"
    data["items"][0]["channels"] = ["fax"]
    data["items"][0]["steps"][1]["department"] = "999"
    data["items"][0]["materials"][0]["name"] = ""
    errors = _refused(json.dumps(data).encode(), people)
    assert set(errors) >= {("items", 1, "domain"), ("items", 1, "channels"), ("steps", 1, "department"),
                           ("materials", 1, "name")}


def test_a_50_mb_file_is_refused(guide, people):
    errors = _refused(b"PK\x03\x04" + b"0" * 50_000_000, people)
    assert errors == [("", 0, "")]


def test_a_file_that_is_not_xlsx_is_refused(guide, people):
    assert _refused(b"%PDF-1.4 not a workbook", people, fmt="xlsx") == [("", 0, "")]
    assert _refused(b"{\"format\": \"something else\"}", people) == [("", 0, "")]


def test_a_workbook_without_the_guide_sheets_is_refused(guide, people):
    workbook = Workbook()
    workbook.active.append(["code", "name"])
    out = io.BytesIO()
    workbook.save(out)
    errors = _refused(out.getvalue(), people)
    assert {e[0] for e in errors} == {"domains", "life_events", "items", "materials", "steps"}


def test_a_community_worker_may_not_import_and_nothing_changes(guide, people):
    data = export_guide(by=people.admin, fmt="json")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_guide(file=data, by=people.worker)
