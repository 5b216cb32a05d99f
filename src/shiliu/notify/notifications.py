"""notify's own messages (see shiliu.notify.messages)."""

from django.utils.translation import gettext_lazy as _

from shiliu.notify.messages import register

register(
    "notify.welcome",
    subject=_("Welcome to Shiliu, %(name)s"),
    body=_("Messages about your work orders and activities appear here. "
           "The bell at the top of every page counts the ones you have not read."),
)
