"""The texts of the messages activities send; shiliu.notify imports this module at start-up."""

from django.utils.translation import gettext_lazy as _

from shiliu.notify.messages import register

register("activities.registered",
         subject=_("Registered: %(title)s"),
         body=_("You are registered for %(title)s, %(starts)s, at %(venue)s. Your check-in code is %(code)s."))
register("activities.waitlisted",
         subject=_("Waiting list: %(title)s"),
         body=_("%(title)s (%(starts)s) is full. You are on the waiting list and will get a message if a place "
                "frees up. To leave the list, enter your code %(code)s at %(leave_url)s"))
register("activities.promoted",
         subject=_("A place for you: %(title)s"),
         body=_("A place freed up: you are now registered for %(title)s, %(starts)s, at %(venue)s. Your check-in "
                "code is %(code)s. If you cannot come, free the place again at %(leave_url)s"))
register("activities.cancelled",
         subject=_("Cancelled: %(title)s"),
         body=_("%(title)s (%(starts)s) has been cancelled. We are sorry for the trouble."))
