"""Shared bits of the notify tests."""

from django.utils.translation import gettext_lazy as _

from shiliu.notify.messages import register

PHONE = "+8613912345678"
PHONE_MASKED = "139****5678"

# A message used only by these tests (its text needs no translation: the language tests use notify.welcome).
register("tests.order_ready", subject=_("Order %(number)s is ready"), body=_("Order %(number)s: track it at %(url)s"))
