"""Configuration by the district office: categories (with the defaults of their kind, stale
versions refused) and routing rules (create, delete after confirmation, test a route)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion
from shiliu.places.models import PlaceKind
from shiliu.places.services import place_create
from shiliu.workorders.config import (
    applicable_rule,
    category_create,
    category_update,
    routing_rule_create,
    routing_rule_delete,
)
from shiliu.workorders.models import Category, RoutingRule
from shiliu.workorders.services import route

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_only_the_district_office_reaches_the_configuration(wo, login, client):
    urls = [reverse("workorders:categories"), reverse("workorders:category_create"), reverse("workorders:routing"),
            reverse("workorders:category_edit", args=[wo.insurance.pk])]
    for persona in ("officer", "worker", "operator", "liaison", "auditor"):
        client.logout()
        login(getattr(wo.people, persona))
        for url in urls:
            assert client.get(url).status_code == 403, (persona, url)
    client.logout()
    login(wo.people.admin)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_a_category_takes_the_deadlines_of_its_kind_by_default(wo):
    complaint = category_create(by=wo.people.admin, code="noise", name="噪音扰民", kind="complaint")
    assert (complaint.ack_hours, complaint.resolve_days) == (4, 15)
    consultation = category_create(by=wo.people.admin, code="ask", name="政策咨询", kind="consultation",
                                   resolve_days="")
    assert consultation.resolve_days == 2
    assert AuditEvent.objects.filter(action="workorder.category.create").count() == 2


def test_bad_category_input_is_reported_field_by_field(wo):
    with pytest.raises(ValidationError) as e:
        category_create(by=wo.people.admin, code="Bad Code!", name=" ", kind="rumour", ack_hours="x",
                        resolve_days=0)
    assert set(e.value.message_dict) == {"code", "name", "kind", "ack_hours", "resolve_days"}
    with pytest.raises(ValidationError) as e:
        category_create(by=wo.people.admin, code="other", name="其他")
    assert "code" in e.value.message_dict
    with pytest.raises(PermissionDenied):
        category_create(by=wo.people.officer, code="x", name="x")


def test_the_category_pages_create_and_edit_with_a_version(wo, login, client):
    login(wo.people.admin)
    response = client.post(reverse("workorders:category_create"),
                           {"code": "legal-aid", "name": "法律援助", "name_en": "Legal aid", "kind": "help",
                            "ack_hours": "", "resolve_days": "", "active": "on"})
    assert response.status_code == 302
    category = Category.objects.get(code="legal-aid")
    assert category.resolve_days == 10
    url = reverse("workorders:category_edit", args=[category.pk])
    fields = {"name": "法律援助", "name_en": "Legal aid", "kind": "complaint", "ack_hours": "8", "resolve_days": "15",
              "active": "on", "version": category.version}
    assert client.post(url, fields).status_code == 302
    category.refresh_from_db()
    assert (category.kind, category.ack_hours, category.version) == ("complaint", 8, 2)
    response = client.post(url, fields | {"name": "改名"}, **EN)  # version 1 again: stale
    assert response.status_code == 200 and "Someone else changed this record" in response.content.decode()
    category.refresh_from_db()
    assert category.name == "法律援助"
    page = client.get(reverse("workorders:categories"), **EN).content.decode()
    assert "Legal aid" in page and "15 working days" in page


def test_category_update_refuses_a_stale_version(wo):
    category_update(by=wo.people.admin, category=wo.other, version=1, name="其他事项", kind="help", ack_hours=4,
                    resolve_days=10, active=True)
    with pytest.raises(StaleVersion):
        category_update(by=wo.people.admin, category=wo.other, version=1, name="x", kind="help", ack_hours=4,
                        resolve_days=10, active=True)


def test_routing_rules_are_validated(wo):
    admin = wo.people.admin
    with pytest.raises(ValidationError) as e:
        routing_rule_create(by=admin, place=wo.tree.xieshu, category=wo.insurance, unit=wo.tree.district)
    assert {"category", "unit"} <= set(e.value.message_dict)  # a rule exists already; the district is no unit
    with pytest.raises(ValidationError) as e:
        routing_rule_create(by=admin, place=None, category=None, unit=None)
    assert {"place", "unit"} <= set(e.value.message_dict)
    rule = routing_rule_create(by=admin, place=wo.tree.daqi, category=None, unit=wo.tree.daqi)
    assert route(wo.tree.jiufeng, wo.other) == wo.tree.daqi
    routing_rule_delete(by=admin, rule=rule)
    assert route(wo.tree.jiufeng, wo.other) is None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"workorder.routing.create", "workorder.routing.delete"} <= actions


def test_the_rule_shown_by_a_test_is_the_one_the_engine_uses(wo):
    admin = wo.people.admin
    routing_rule_create(by=admin, place=wo.tree.daqi, category=None, unit=wo.tree.daqi)
    school = place_create(code="330206003901", kind=PlaceKind.SCHOOL, name="谢墅小学", parent=wo.tree.xieshu, by=None)
    for place in (wo.tree.xieshu, wo.tree.jiufeng, wo.tree.dagang, wo.tree.daqi, school):
        for category in (wo.insurance, wo.school, wo.other):
            rule = applicable_rule(place, category)
            assert (rule.unit if rule else None) == route(place, category), (place, category)


def test_the_routing_page_adds_tests_and_deletes_after_confirmation(wo, login, client):
    login(wo.people.admin)
    url = reverse("workorders:routing")
    response = client.post(url, {"place": wo.tree.jiufeng.pk, "category": wo.other.pk, "unit": wo.tree.jiufeng.pk})
    assert response.status_code == 302
    rule = RoutingRule.objects.get(place=wo.tree.jiufeng)
    response = client.post(url, {"place": wo.tree.jiufeng.pk, "category": wo.other.pk, "unit": wo.tree.daqi.pk},
                           **EN)
    assert response.status_code == 200 and "already has a rule for this category" in response.content.decode()
    response = client.post(url, {"place": "99999", "category": "", "unit": ""}, **EN)
    assert "Choose a place from the list." in response.content.decode()
    page = client.get(url, {"place": wo.tree.jiufeng.pk, "category": wo.other.pk}, **EN).content.decode()
    assert "An order about 九峰社区 goes to <strong>九峰社区</strong>" in page
    page = client.get(url, {"place": wo.tree.dagang.pk, "category": wo.other.pk}, **EN).content.decode()
    assert "No rule applies to 大港社区" in page
    delete = reverse("workorders:routing_delete", args=[rule.pk])
    assert "Delete the routing rule?" in client.get(delete, **EN).content.decode()
    assert RoutingRule.objects.filter(pk=rule.pk).exists()  # a GET deletes nothing
    assert client.post(delete).status_code == 302
    assert not RoutingRule.objects.filter(pk=rule.pk).exists()
    assert client.get(delete).status_code == 404
