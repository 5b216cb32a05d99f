"""The demo's activities load, make sense, and are not added twice."""

from shiliu.accounts.models import User
from shiliu.activities import demo
from shiliu.activities.choices import ActivityStatus, RegistrationStatus
from shiliu.activities.models import Activity, ParticipantCount, Registration
from shiliu.core.demo import DEMO_ACCOUNTS, _account, _place_tree


def test_demo_activities_load_once_with_a_waiting_list_and_held_outcomes(db):
    admin = User.objects.create(username="admin")
    places = _place_tree(admin)
    users = {u: _account(u, d, role, places[code], False, admin) for u, d, role, code, _2fa in DEMO_ACCOUNTS}
    assert demo.load(places=places, users=users, admin=admin) == {"activities_created": len(demo.PLAN)}
    counts = (Activity.objects.count(), Registration.objects.count(), ParticipantCount.objects.count())
    assert demo.load(places=places, users=users, admin=admin) == {"activities_created": 0}
    assert (Activity.objects.count(), Registration.objects.count(), ParticipantCount.objects.count()) == counts
    assert Activity.objects.filter(status=ActivityStatus.DONE).count() == 8
    assert Registration.objects.filter(status=RegistrationStatus.WAITLISTED).count() == 4
    assert Registration.objects.filter(status=RegistrationStatus.CHECKED_IN).exists()
    assert Activity.objects.filter(published=True).exists()
    assert len({a.type for a in Activity.objects.all()}) >= 10
