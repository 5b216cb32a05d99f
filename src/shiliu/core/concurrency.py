"""Optimistic locking (SECURITY.md H2)."""

from django.utils.translation import gettext_lazy as _


class StaleVersion(Exception):
    """Someone else saved the record after this user loaded it."""

    message = _("Someone else changed this record after you opened it. Reload to see their changes, then try again.")
