"""The staff pages: list with search in Chinese, detail with history, editing by formsets, permissions."""

import pytest

from shiliu.guide import services
from shiliu.guide.models import ServiceItem

pytestmark = pytest.mark.django_db


def _form_data(guide, item=None, **overrides) -> dict:
    item = item or ServiceItem.objects.get(pk=guide.item.pk)
    data = {
        "version": item.version, "domain": guide.education.pk, "category": guide.category.pk,
        "life_events": [guide.school.pk], "name": "随迁子女入学", "name_en": "School enrolment",
        "description": "说明", "eligibility": "家长", "promised_days": "10", "fees": "免费",
        "channels": ["window", "online"], "note": "改了名称",
        "materials-TOTAL_FORMS": "2", "materials-INITIAL_FORMS": "1",
        "materials-0-name": "居住证", "materials-0-form": "original", "materials-0-copies": "1",
        "materials-0-required": "on",
        "materials-1-name": "", "materials-1-form": "original", "materials-1-copies": "1",
        "materials-1-required": "on",
        "steps-TOTAL_FORMS": "3", "steps-INITIAL_FORMS": "2",
        "steps-0-name": "受理", "steps-0-owner": "window", "steps-0-time_limit_days": "1",
        "steps-1-name": "审核", "steps-1-owner": "department", "steps-1-department": guide.department.pk,
        "steps-1-time_limit_days": "5",
        "steps-2-name": "", "steps-2-owner": "", "steps-2-time_limit_days": "",
    }
    data.update(overrides)
    return data


def test_list_searches_in_chinese_and_filters_by_domain_and_life_event(guide, people, login, client):
    services.item_create(by=people.admin, code="HO-01", domain=guide.housing, category=guide.category,
                         content=guide.content(name="公共租赁住房申请", description="住房困难家庭申请公租房"))
    login(people.worker)
    page = client.get("/guide/")
    assert page.status_code == 200 and "ED-01" in page.text and "HO-01" in page.text
    found = client.get("/guide/", {"q": "租赁住房"}).text
    assert "HO-01" in found and "ED-01" not in found
    assert "HO-01" not in client.get("/guide/", {"domain": "education"}).text
    by_event = client.get("/guide/", {"life_event": "child-school"}).text
    assert "ED-01" in by_event and "HO-01" not in by_event


def test_list_query_count_is_fixed(guide, people, login, client, django_assert_num_queries):
    login(people.worker)
    client.get("/guide/")
    for n in range(3):
        services.item_create(by=people.admin, code=f"X-{n}", domain=guide.housing, category=guide.category,
                             content=guide.content())
    with django_assert_num_queries(6):
        assert client.get("/guide/").status_code == 200


def test_detail_shows_history_and_compare(guide, people, login, client):
    services.item_publish(by=people.admin, item=guide.item, version=1, content=guide.content(promised_days=12),
                          note="延长时限")
    login(people.worker)
    page = client.get(f"/guide/items/{guide.item.pk}/")
    assert page.status_code == 200 and "延长时限" in page.text and "admin" in page.text
    compare = client.get(f"/guide/items/{guide.item.pk}/compare/", {"a": 1, "b": 2})
    assert compare.status_code == 200 and "<del>10</del>" in compare.text and "<ins>12</ins>" in compare.text


def test_admin_publishes_a_new_version_through_the_form(guide, people, login, client):
    login(people.admin)
    assert client.get(f"/guide/items/{guide.item.pk}/edit/").status_code == 200
    response = client.post(f"/guide/items/{guide.item.pk}/edit/", _form_data(guide))
    assert response.status_code == 302
    item = ServiceItem.objects.get(pk=guide.item.pk)
    assert item.current.number == 2 and item.current.name == "随迁子女入学"
    assert [m.name for m in item.current.materials.all()] == ["居住证"]
    assert [s.owner for s in item.current.steps.all()] == ["window", "department"]


def test_bad_rows_are_shown_next_to_their_cells_and_nothing_is_published(guide, people, login, client):
    login(people.admin)
    response = client.post(f"/guide/items/{guide.item.pk}/edit/", _form_data(
        guide, **{"steps-1-time_limit_days": "", "steps-1-department": "", "channels": []}))
    assert response.status_code == 422
    assert "Every step needs a time limit." in response.text or "每个步骤都需要时限" in response.text
    form = response.context["form"]
    steps = response.context["steps"]
    assert "channels" in form.errors
    assert set(steps.forms[1].errors) == {"time_limit_days", "department"}
    assert ServiceItem.objects.get(pk=guide.item.pk).current.number == 1


def test_a_stale_form_is_refused(guide, people, login, client):
    data = _form_data(guide)
    services.item_publish(by=people.admin, item=guide.item, version=1, content=guide.content(name="别人改的"))
    login(people.admin)
    response = client.post(f"/guide/items/{guide.item.pk}/edit/", data)
    assert response.status_code == 422
    assert ServiceItem.objects.get(pk=guide.item.pk).current.name == "别人改的"


def test_admin_creates_an_item(guide, people, login, client):
    login(people.admin)
    data = _form_data(guide, code="ED-02", **{"materials-INITIAL_FORMS": "0", "steps-INITIAL_FORMS": "0"})
    response = client.post("/guide/items/new/", data)
    assert response.status_code == 302
    assert ServiceItem.objects.get(code="ED-02").current.steps.count() == 2


def test_more_rows_button_adds_empty_rows_without_saving(guide, people, login, client):
    login(people.admin)
    response = client.post(f"/guide/items/{guide.item.pk}/edit/", _form_data(guide, more="1"))
    assert response.status_code == 200 and len(response.context["steps"].forms) > 3
    assert ServiceItem.objects.get(pk=guide.item.pk).current.number == 1


def test_a_community_worker_cannot_edit_the_guide(guide, people, login, client):
    login(people.worker)
    assert client.get(f"/guide/items/{guide.item.pk}/edit/").status_code == 403
    assert client.post(f"/guide/items/{guide.item.pk}/edit/", _form_data(guide)).status_code == 403
    assert client.post(f"/guide/items/{guide.item.pk}/active/", {"version": 1, "active": "0"}).status_code == 403
    assert client.post("/guide/domains/", {"code": "x", "name": "x"}).status_code == 403
    assert client.post("/guide/transfer/", {}).status_code == 403
    item = ServiceItem.objects.get(pk=guide.item.pk)
    assert item.version == 1 and item.active


def test_liaison_and_auditor_cannot_read_the_staff_pages(guide, people, login, client):
    login(people.liaison)
    assert client.get("/guide/").status_code == 403
    assert client.get(f"/guide/items/{guide.item.pk}/").status_code == 403


def test_admin_stops_offering_an_item(guide, people, login, client):
    login(people.admin)
    response = client.post(f"/guide/items/{guide.item.pk}/active/", {"version": 1, "active": "0"})
    assert response.status_code == 302 and not ServiceItem.objects.get(pk=guide.item.pk).active


def test_domains_and_life_events_pages(guide, people, login, client):
    login(people.admin)
    assert "义务教育" in client.get("/guide/domains/").text
    assert client.post("/guide/domains/", {"code": "legal", "name": "法律援助", "position": "5"}).status_code == 302
    bad = client.post("/guide/life-events/", {"code": "bad code", "name": ""})
    assert bad.status_code == 422 and set(bad.context["form"].errors) == {"code", "name"}
    edit = client.post(f"/guide/domains/{guide.housing.pk}/", {"name": "住房", "name_en": "", "position": "1",
                                                                "version": "1"})
    assert edit.status_code == 302


def test_transfer_page_imports_and_lists_errors(guide, people, login, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(people.admin)
    assert client.get("/guide/export.json").status_code == 200
    bad = client.post("/guide/transfer/", {"file": SimpleUploadedFile("g.xlsx", b"not a workbook")})
    assert bad.status_code == 422 and len(bad.context["errors"]) == 1
    xlsx = client.get("/guide/export.xlsx").content
    ok = client.post("/guide/transfer/", {"file": SimpleUploadedFile("g.xlsx", xlsx)})
    assert ok.status_code == 200 and ok.context["result"].unchanged == 1
