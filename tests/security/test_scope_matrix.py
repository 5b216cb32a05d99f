"""D2: for every role × capability × place inside or outside the role's subtree,
shiliu.access.scope answers exactly what shiliu.access.policy.CAPABILITIES says."""

import pytest

from shiliu.access.policy import ALL_CAPS, CAPABILITIES
from shiliu.access.scope import can, places_for, scoped
from shiliu.accounts.models import Role, User
from shiliu.accounts.services import role_grant
from shiliu.people.models import Resident

MATRIX = [(role, cap) for role in Role.values for cap in sorted(ALL_CAPS)]


def _holder(role: str, place) -> User:
    user = User.objects.create(username=f"holder_{role}")
    role_grant(user=user, role=role, place=place, by=None)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def residents(tree, people):
    inside = Resident.objects.create(name="里面", place=tree.xieshu, basis="asked", created_by=people.admin)
    outside = Resident.objects.create(name="外面", place=tree.dagang, basis="asked", created_by=people.admin)
    above = Resident.objects.create(name="上面", place=tree.district, basis="asked", created_by=people.admin)
    return inside, outside, above


@pytest.mark.parametrize(("role", "cap"), MATRIX)
def test_scope_follows_the_capability_table_inside_and_outside_the_subtree(tree, residents, role, cap):
    user = _holder(role, tree.daqi)  # a role held at 大碶 reaches 大碶 and below
    granted = cap in CAPABILITIES[role]
    for place in (tree.daqi, tree.xieshu, tree.jiufeng):
        assert can(user, cap, place) is granted, (role, cap, place.name)
    for place in (tree.district, tree.xinqi, tree.dagang, tree.education):
        assert can(user, cap, place) is False, (role, cap, place.name)

    expected_places = {tree.daqi.pk, tree.xieshu.pk, tree.jiufeng.pk} if granted else set()
    assert set(places_for(user, cap).values_list("pk", flat=True)) == expected_places
    inside, outside, above = residents
    visible = set(scoped(Resident.objects.all(), user, cap).values_list("pk", flat=True))
    assert visible == ({inside.pk} if granted else set()), (role, cap)
    assert outside.pk not in visible and above.pk not in visible


@pytest.mark.parametrize("cap", sorted(ALL_CAPS))
def test_a_user_without_a_role_or_disabled_reaches_nothing(tree, residents, people, cap):
    assert not can(people.nobody, cap, tree.xieshu)
    assert not scoped(Resident.objects.all(), people.nobody, cap).exists()
    people.admin.is_active = False
    assert not can(people.admin, cap, tree.xieshu)
    assert not scoped(Resident.objects.all(), people.admin, cap).exists()


def test_a_revoked_role_no_longer_reaches_its_places(tree, residents):
    user = _holder(Role.COMMUNITY_WORKER, tree.xieshu)
    assignment = user.role_assignments.get()
    assignment.is_active = False
    assignment.save()
    user = User.objects.get(pk=user.pk)
    assert not can(user, "resident.view", tree.xieshu)
