"""Demo: every demo account finds a welcome message under the bell. Run twice, adds nothing."""

from shiliu.notify.models import Notification
from shiliu.notify.services import notify_user

ORDER = 10  # early, so the welcome is the oldest message of each account


def load(*, places, users, admin) -> dict:
    before = Notification.objects.count()
    for username, user in sorted(users.items()):
        notify_user(key=f"demo.welcome.{username}", user=user, template="notify.welcome",
                    params={"name": str(user)}, link="/notifications/")
    return {"notifications": Notification.objects.count() - before}
