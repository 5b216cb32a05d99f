"""The words of the residents' data page, for the collectors of every app (``shiliu.<app>.mydata``).

They live here, in one catalog, so that a collector added to another app needs no translation of
its own: it picks its labels and reasons from this module.
"""

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

# Section titles
ORDERS = _("Your requests for help (work orders)")
ONLINE = _("Requests you made on the portal")
REGISTRATIONS = _("Your activity registrations")
BOOKINGS = _("Museum visits you booked")
AUDIT = _("Records of who looked at your data")

# Field labels
TRACKING_CODE = _("Tracking code")
OPENED = _("Opened on")
CATEGORY = pgettext_lazy("my data", "Subject")
STATUS = pgettext_lazy("my data", "Status")
DESCRIPTION = pgettext_lazy("my data", "What you asked")
REPLY = _("Our reply")
CONTACT_NAME = _("Name you gave")
PHONE = pgettext_lazy("my data", "Phone")
ACTIVITY = pgettext_lazy("my data", "Activity")
WHEN = pgettext_lazy("my data", "When")
REGISTERED_AT = _("Registered on")
GROUP = _("Visiting group")
GROUP_SIZE = _("People in the group")
REFERENCE = pgettext_lazy("my data", "Reference")
CONSENT_VERSION = _("Consent text you accepted (version)")
CONSENTED_AT = _("Accepted on")

# Notes on sections
BOOKINGS_NOTE = _("Museum bookings keep no blind index of the phone: they are found by decrypting each "
                  "booking's contact number.")


def _later(make):
    """A count's message, put into words only when shown (in the reader's language)."""
    return lazy(make, str)()


# What was erased
def registrations_anonymised(n: int):
    return _later(lambda: ngettext("%(n)d activity registration anonymised (name and phone removed)",
                         "%(n)d activity registrations anonymised (names and phones removed)", n) % {"n": n})


def registrations_cancelled(n: int):
    return _later(lambda: ngettext("%(n)d registration for a coming activity cancelled",
                         "%(n)d registrations for coming activities cancelled", n) % {"n": n})


def bookings_anonymised(n: int):
    return _later(lambda: ngettext("%(n)d museum booking's contact removed",
                         "%(n)d museum bookings' contacts removed", n) % {"n": n})


def orders_kept(n: int):
    return _later(lambda: ngettext("%(n)d work order", "%(n)d work orders", n) % {"n": n})


def online_kept(n: int):
    return _later(lambda: ngettext("%(n)d online request", "%(n)d online requests", n) % {"n": n})


def bookings_kept(n: int):
    return _later(lambda: ngettext("%(n)d museum booking still to come",
                                   "%(n)d museum bookings still to come", n) % {"n": n})


# Why something is kept (with its legal ground)
ORDERS_OPEN = _("Still being handled: we need your contact to help you. Ask again once it is closed.")
ORDERS_RETAINED = _("Records of public service are kept 5 years after the order closes (archives rules for "
                    "requests and petitions; PIPL art. 47 allows keeping what another law requires), then "
                    "anonymised. Only the staff handling them can see them.")
ONLINE_RETAINED = _("The link between your phone and your online request, and the consent you gave, are kept as "
                    "long as the work order (PIPL art. 47: proof of consent; the work order's retention).")
BOOKINGS_COMING = _("The visit is still to come: the museum needs a contact to confirm or move it. Cancel the "
                    "booking, or ask again after the visit.")
AUDIT_RETAINED = _("The audit trail of who read or changed your data is kept at least 180 days and cannot be "
                   "changed (Cybersecurity Law art. 21; it protects you).")
