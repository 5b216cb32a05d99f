"""The sample guide: at least 30 items in at least 10 domains, every one sample content with Chinese and
English text, materials, owned and time-limited steps (departments from the demo's places), loaded by
the demo and by ``shiliu guide_load_sample``; loading twice adds nothing."""

import pytest
from django.core.management import call_command

from shiliu.core.demo import load_demo
from shiliu.guide.models import Domain, LifeEvent, ServiceItem, Step, StepOwner
from shiliu.places.models import PlaceKind


def _counts():
    return (Domain.objects.count(), LifeEvent.objects.count(), ServiceItem.objects.count(), Step.objects.count())


def test_demo_loads_the_sample_guide_once(db):
    load_demo(residents=0)
    items = list(ServiceItem.objects.select_related("current", "domain"))
    assert len(items) >= 30 and Domain.objects.filter(items__isnull=False).distinct().count() >= 10
    assert LifeEvent.objects.count() >= 6
    for item in items:
        version = item.current
        assert item.sample and version.name and version.name_en and version.promised_days, item.code
        assert version.channels and version.steps.exists(), item.code
        assert sum(s.time_limit_days for s in version.steps.all()) <= version.promised_days, item.code
    department_steps = Step.objects.filter(owner=StepOwner.DEPARTMENT)
    assert department_steps.count() >= 15
    assert all(s.department.kind == PlaceKind.DEPARTMENT for s in department_steps.select_related("department"))
    assert ServiceItem.objects.filter(category__code="labour").exists()  # a category the guide's loader made
    before = _counts()
    load_demo(residents=0)
    assert _counts() == before


@pytest.mark.django_db
def test_the_command_loads_the_sample_on_its_own(people, tree):
    call_command("guide_load_sample", "--as", "admin")
    assert ServiceItem.objects.count() >= 30
    call_command("guide_load_sample")  # acting as the first district administrator; adds nothing
    assert ServiceItem.objects.count() == len({i.code for i in ServiceItem.objects.all()})


@pytest.mark.django_db
def test_export_and_import_commands(people, tree, tmp_path):
    call_command("guide_load_sample", "--as", "admin")
    target = tmp_path / "guide.xlsx"
    call_command("guide_export", str(target), "--as", "admin")
    assert target.stat().st_size > 1000
    call_command("guide_import", str(target), "--as", "admin")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "shiliu-guide", "domains": [], "life_events": [], "items": [{"code": "X"}]}')
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("guide_import", str(broken), "--as", "admin")
