"""What the guide's commands share: acting as a named account that may edit the guide."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from shiliu.accounts.models import User
from shiliu.guide.services import may_edit


def acting_user(username: str | None) -> User:
    """The named active account, or the first active district administrator when none is named."""
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
    else:
        user = next((u for u in User.objects.filter(is_active=True).order_by("pk") if may_edit(u)), None)
    if user is None or not may_edit(user):
        raise CommandError(_("“%(name)s” is not an active account allowed to edit the service guide.")
                           % {"name": username or "?"})
    return user
