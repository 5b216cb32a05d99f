"""The demo network loads from the demo places, is believable, and loading twice adds nothing."""

from shiliu.core import demo as core_demo
from shiliu.core.demo import load_demo
from shiliu.organizations import demo as org_demo
from shiliu.organizations.choices import GroupKind, OrgKind
from shiliu.organizations.models import Group, GroupMember, Membership, Organization


def test_demo_network_loads_once(db, monkeypatch):
    monkeypatch.setattr(core_demo, "_app_demos", lambda: [org_demo])  # this app's demo on the demo places
    load_demo(residents=0)
    counts = (Organization.objects.count(), Membership.objects.count(), Group.objects.count(),
              GroupMember.objects.count())
    assert Organization.objects.filter(kind=OrgKind.ASSOCIATION).count() == 1
    assert Organization.objects.filter(kind=OrgKind.BRANCH).count() == 10
    assert Organization.objects.filter(kind__in=[OrgKind.GROUP, OrgKind.CONTACT_POINT]).count() >= 15
    for org in Organization.objects.all():
        current = org.memberships.filter(until__isnull=True).count()
        assert 3 <= current <= 6, org.name
    assert Membership.objects.filter(until__isnull=False).exists()  # some history to see
    coordination = Group.objects.get(kind=GroupKind.COORDINATION)
    kinds = set(coordination.members.values_list("unit__kind", flat=True))
    assert {"department", "subdistrict"} <= kinds
    assert Group.objects.filter(kind=GroupKind.LEADERSHIP).count() == 3
    load_demo(residents=0)
    assert counts == (Organization.objects.count(), Membership.objects.count(), Group.objects.count(),
                      GroupMember.objects.count())
