"""Publishing the guide: versions, validation by field, the optimistic lock, permissions, audit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from shiliu.audit.models import AuditEvent
from shiliu.core.concurrency import StaleVersion
from shiliu.guide import services
from shiliu.guide.models import ItemVersion, ServiceItem

pytestmark = pytest.mark.django_db


def _errors(call) -> dict:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


def test_create_makes_version_one_with_materials_and_steps_and_is_audited(guide):
    item = guide.item
    assert item.current.number == 1 and item.version == 1
    assert [m.name for m in item.current.materials.all()] == ["居住证", "户口簿"]
    steps = list(item.current.steps.all())
    assert [(s.position, s.owner, s.time_limit_days) for s in steps] == [(1, "window", 1), (2, "department", 5)]
    assert steps[1].department == guide.department
    assert AuditEvent.objects.filter(action="guide.item.create", target_id=str(item.pk)).count() == 1


def test_publish_adds_a_version_and_leaves_the_old_one_unchanged(guide, people):
    old = guide.item.current
    result = services.item_publish(by=people.admin, item=guide.item, version=1,
                                   content=guide.content(name="新名称", promised_days=12), note="改名")
    item = ServiceItem.objects.get(pk=guide.item.pk)
    assert item.current == result.version and item.current.number == 2 and item.version == 2
    assert item.current.name == "新名称" and item.current.note == "改名"
    old.refresh_from_db()
    assert old.name == "随迁子女义务教育入学申请" and old.promised_days == 10
    assert old.materials.count() == 2 and old.steps.count() == 2
    assert ItemVersion.objects.filter(item=item).count() == 2
    assert AuditEvent.objects.filter(action="guide.item.publish").count() == 1


def test_a_stale_edit_is_refused_and_changes_nothing(guide, people):
    services.item_publish(by=people.admin, item=guide.item, version=1, content=guide.content(name="第一次"))
    with pytest.raises(StaleVersion):
        services.item_publish(by=people.admin, item=guide.item, version=1, content=guide.content(name="第二次"))
    item = ServiceItem.objects.get(pk=guide.item.pk)
    assert item.current.name == "第一次" and item.versions.count() == 2


def test_each_bad_value_is_named_by_its_field(guide):
    bad = guide.content(name=" ", promised_days=0, channels=["window", "fax"])
    bad["materials"][1]["name"] = ""
    bad["steps"][0]["time_limit_days"] = None
    bad["steps"][1]["department"] = None
    errors = _errors(lambda: services.clean_content(bad))
    assert set(errors) == {"name", "promised_days", "channels", "materials-1-name", "steps-0-time_limit_days",
                           "steps-1-department"}
    assert "fax" in errors["channels"][0]


def test_a_department_step_needs_a_place_of_kind_department(guide, tree):
    bad = guide.content()
    bad["steps"][1]["department"] = tree.xieshu  # a community, not a department
    assert "steps-1-department" in _errors(lambda: services.clean_content(bad))


def test_steps_may_not_take_longer_than_the_promised_time_limit(guide):
    assert "promised_days" in _errors(lambda: services.clean_content(guide.content(promised_days=3)))


def test_an_item_needs_a_step_and_an_owner(guide):
    assert "steps" in _errors(lambda: services.clean_content(guide.content(steps=[])))
    bad = guide.content(steps=[{"name": "x", "owner": "mayor", "time_limit_days": 1}])
    assert "steps-0-owner" in _errors(lambda: services.clean_content(bad))


def test_a_duplicated_code_or_empty_name_is_refused_and_nothing_saved(guide, people):
    errors = _errors(lambda: services.item_create(by=people.admin, code="ed-01", domain=guide.education,
                                                  category=guide.category, content=guide.content(name="")))
    assert set(errors) == {"code", "name"}
    assert ServiceItem.objects.count() == 1 and ItemVersion.objects.count() == 1


def test_a_community_worker_may_not_edit_the_guide(guide, people):
    with pytest.raises(PermissionDenied):
        services.item_publish(by=people.worker, item=guide.item, version=1, content=guide.content())
    with pytest.raises(PermissionDenied):
        services.domain_create(by=people.worker, code="x", name="x")
    assert ServiceItem.objects.get(pk=guide.item.pk).version == 1


def test_deactivate_and_activate_use_the_lock(guide, people):
    item = services.item_set_active(by=people.admin, item=guide.item, version=1, active=False)
    assert item.active is False and item.version == 2
    with pytest.raises(StaleVersion):
        services.item_set_active(by=people.admin, item=guide.item, version=1, active=True)
    item = services.item_set_active(by=people.admin, item=item, version=2, active=True)
    assert item.active and AuditEvent.objects.filter(action__startswith="guide.item.").count() == 3


def test_publishing_the_same_content_only_if_changed_publishes_nothing(guide, people):
    same = services.item_publish(by=people.admin, item=guide.item, version=1, content=guide.content(),
                                 only_if_changed=True)
    assert same.version is None and ServiceItem.objects.get(pk=guide.item.pk).version == 1


def test_domains_and_life_events_crud(guide, people):
    domain = services.domain_update(by=people.admin, domain=guide.housing, version=1, name="住房",
                                    name_en="Housing", position=5)
    assert domain.name == "住房" and domain.version == 2
    with pytest.raises(StaleVersion):
        services.domain_update(by=people.admin, domain=guide.housing, version=1, name="x")
    assert "code" in _errors(lambda: services.domain_delete(by=people.admin, domain=guide.education))
    services.domain_delete(by=people.admin, domain=guide.housing)
    event = services.life_event_update(by=people.admin, life_event=guide.school, version=1, name="上学")
    assert event.name == "上学"
    services.life_event_delete(by=people.admin, life_event=guide.school)
    assert guide.item.life_events.count() == 0
    assert "code" in _errors(lambda: services.life_event_create(by=people.admin, code="education x", name="x"))


def test_content_helper_matches_what_is_stored(guide):
    assert services.content_of(guide.item.current) == services.clean_content(guide.content())

