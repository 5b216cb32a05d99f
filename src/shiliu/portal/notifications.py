"""The texts of the messages the portal sends; shiliu.notify imports this module at start-up."""

from django.utils.translation import gettext_lazy as _

from shiliu.notify.messages import register

register("portal.code",
         subject=_("Your verification code"),
         body=_("Your Shiliu verification code is %(code)s. It is valid for 5 minutes. "
                "Never give it to anyone, not even to staff."))
