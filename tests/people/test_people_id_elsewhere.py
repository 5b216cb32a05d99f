"""An ID number recorded outside the worker's places: refused, and the attempt is audited."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from people_helpers import ID_NUMBER, make_id

from shiliu.audit.models import AuditEvent
from shiliu.people.models import Resident
from shiliu.people.services import resident_create, resident_update


def _dagang_id():
    return make_id(born="19950303")


def test_a_number_recorded_elsewhere_is_refused_and_the_attempt_is_audited(people, tree, residents, login, client):
    login(people.worker)
    response = client.post("/residents/new/", {"name": "某人", "place": tree.xieshu.pk, "basis": "asked",
                                               "id_number": _dagang_id()}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "outside your places" in " ".join(response.context["form"].errors["id_number"])
    assert not Resident.objects.filter(name="某人").exists()
    event = AuditEvent.objects.get(action="resident.id_number_elsewhere")
    assert (event.actor, event.subject_id) == (people.worker, residents.dagang.pk)


def test_a_number_recorded_in_the_workers_places_points_to_search_and_is_not_flagged(people, tree, residents):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        resident_create(by=people.officer, name="某人", place=tree.jiufeng, basis="asked", id_number=ID_NUMBER)
    assert "already recorded in your places" in " ".join(caught.value.message_dict["id_number"])
    assert not AuditEvent.objects.filter(action="resident.id_number_elsewhere").exists()


def test_other_field_errors_are_reported_together_with_the_number(people, tree, residents):
    with pytest.raises(ValidationError) as caught:
        resident_create(by=people.worker, name="", place=tree.xieshu, basis="asked", id_number=_dagang_id())
    assert set(caught.value.message_dict) == {"name", "id_number"}


def test_an_operator_learns_nothing_and_nothing_is_flagged(people, tree, residents):
    """A role that may not handle ID numbers is refused before any lookup."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        resident_create(by=people.operator, name="某人", place=tree.xieshu, basis="asked", id_number=_dagang_id())
    assert not AuditEvent.objects.filter(action="resident.id_number_elsewhere").exists()


def test_editing_to_a_number_recorded_elsewhere_is_refused_and_audited(people, residents):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        resident_update(resident=residents.xieshu, by=people.worker, version=residents.xieshu.version,
                        id_number=_dagang_id())
    assert "outside your places" in " ".join(caught.value.message_dict["id_number"])
    residents.refresh()
    assert residents.xieshu.id_number == ID_NUMBER
    assert AuditEvent.objects.filter(action="resident.id_number_elsewhere", actor=people.worker).count() == 1


def test_keeping_ones_own_number_on_edit_is_not_a_duplicate(people, residents):
    updated = resident_update(resident=residents.xieshu, by=people.worker, version=residents.xieshu.version,
                              id_number=ID_NUMBER, name="阿依古丽·新")
    assert updated.name == "阿依古丽·新"
