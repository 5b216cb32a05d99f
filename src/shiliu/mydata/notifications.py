"""The texts of the SMS residents get about their data requests; shiliu.notify imports this module.

Parameters carry the request's reference, counts and reasons, never the resident's data (the
outbox keeps parameters in clear).
"""

from django.utils.translation import gettext_lazy as _

from shiliu.notify.messages import register

register("mydata.received",
         subject=_("Request %(reference)s received"),
         body=_("We received your request to %(kind)s your data (reference %(reference)s). The district office "
                "answers within 15 working days; follow it on your data page: %(url)s"))
register("mydata.erased",
         subject=_("Request %(reference)s: your data was erased"),
         body=_("Your deletion request %(reference)s is done. Erased: %(erased)s. Kept, and why: %(kept)s. "
                "Details on your data page: %(url)s"))
register("mydata.answered",
         subject=_("Request %(reference)s answered"),
         body=_("Your request %(reference)s was answered (%(status)s). Read the answer on your data page: %(url)s"))
