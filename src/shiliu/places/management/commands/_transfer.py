"""What both transfer commands share: acting as a named district administrator."""

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from shiliu.access.policy import Cap
from shiliu.access.scope import holds
from shiliu.accounts.models import User


def acting_user(username: str) -> User:
    """The named, active account the command acts as; it must hold PLACE_TRANSFER."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None or not holds(user, Cap.PLACE_TRANSFER):
        raise CommandError(_("“%(name)s” is not an active account allowed to import and export places.")
                           % {"name": username})
    return user
