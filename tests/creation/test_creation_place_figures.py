"""Creation figures on the place page: counted from records, each equal to the rows behind its link."""

from datetime import date

from creation_helpers import pdf_bytes, upload

from shiliu.creation.place_figures import figures, records
from shiliu.creation.recognition import brand_create, honour_create
from shiliu.creation.services import evidence_add, site_create
from shiliu.organizations.place_page import place_figures, place_records

YEAR = (date(2024, 1, 1), date(2024, 12, 31))


def _data(tree, people):
    admin = people.admin
    site_create(by=admin, name="谢墅示范点", level="city", place=tree.xieshu, status="named", named_year=2021)
    site_create(by=admin, name="九峰复核点", level="district", place=tree.jiufeng, status="reviewing", named_year=2024)
    site_create(by=admin, name="九峰新点", level="district", place=tree.jiufeng, status="named", named_year=2025)
    site_create(by=admin, name="九峰候选", level="district", place=tree.jiufeng)
    site_create(by=admin, name="大港示范点", level="city", place=tree.dagang, status="named", named_year=2020)
    brand_create(by=admin, name="贝大姐热线", place=tree.daqi, since=date(2016, 3, 8))
    brand_create(by=admin, name="新品牌", place=tree.xieshu, since=date(2025, 1, 1))
    brand_create(by=admin, name="停办品牌", place=tree.xieshu, status="ended")
    honour_create(by=admin, title="先进集体", level="district", year=2024, place=tree.daqi)
    honour_create(by=admin, title="先进个人", level="city", year=2024, place=tree.xieshu, recipient="person",
                  person_name="马秀兰")
    honour_create(by=admin, title="旧荣誉", level="city", year=2019, place=tree.xieshu)
    honour_create(by=admin, title="大港荣誉", level="city", year=2024, place=tree.dagang)


def test_each_figure_equals_the_rows_behind_its_link(people, tree, login, client):
    _data(tree, people)
    found = {f["key"]: f for f in figures(people.officer, tree.daqi, *YEAR)}
    assert {k: f["value"] for k, f in found.items()} == {"creation.sites": 2, "creation.brands": 1,
                                                       "creation.honours": 2}
    login(people.officer)
    for figure in found.values():
        response = client.get(figure["url"])
        assert response.status_code == 200, figure
        assert response.context["page"].paginator.count == figure["value"], figure


def test_no_figures_or_records_without_the_capability(people, tree):
    assert figures(people.operator, tree.daqi, *YEAR) == []
    assert records(people.liaison, tree.daqi) == []


def test_records_list_sites_brands_and_honours_without_personal_names(people, tree):
    _data(tree, people)
    site = site_create(by=people.admin, name="进度点", level="district", place=tree.xieshu)
    evidence_add(item=site.items.get(kind="activity_venue"), by=people.admin, kind="document",
                 file=upload("a.pdf", pdf_bytes()))
    sections = {s["title"]: s["items"] for s in records(people.worker, tree.xieshu)}
    assert ("进度点 · 区级 · 培育中 · 六个一 1/6", f"/creation/sites/{site.pk}/") in sections["示范点"]
    honours = [label for label, _url in sections["荣誉"]]
    assert honours == ["2024 · 先进个人 · 市级", "2019 · 旧荣誉 · 市级"]
    assert "马秀兰" not in str(sections)


def test_the_place_page_gathers_creation_work(people, tree):
    _data(tree, people)
    keys = [f["key"] for f in place_figures(people.officer, tree.daqi, *YEAR)]
    assert {"creation.sites", "creation.brands", "creation.honours"} <= set(keys)
    titles = [s["title"] for s in place_records(people.officer, tree.daqi)]
    assert {"示范点", "特色品牌", "荣誉"} <= set(titles)


def test_figures_cost_a_fixed_number_of_queries(people, tree, django_assert_num_queries):
    _data(tree, people)
    with django_assert_num_queries(1 + 3):  # the user's roles, then one aggregate per model
        figures(people.officer, tree.daqi, *YEAR)
