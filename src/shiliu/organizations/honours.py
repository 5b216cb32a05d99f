"""Honours shown on a unit's pages (issue 5): an organization's page and a place's page.

The honours are read through creation's selectors (``honours_of_organization``,
``honours_of_place``), so the rules are creation's: a holder of ``creation.view`` sees the
honours of their subtree and the public ones of the rest of the district, and nobody else sees
any. A person's honour carries the person's name to whoever sees the honour, as on creation's
honour list, and showing it is written to the audit trail the same way: one list-read record
naming the honours that carry a name (category "name", E1).
"""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode

from shiliu.access.policy import Cap
from shiliu.access.scope import can, holds
from shiliu.audit.services import audit_list_read
from shiliu.creation.models import Honour
from shiliu.creation.selectors import honours_of_organization, honours_of_place

# A page lists at most this many (newest first); creation's honour list holds them all.
SHOWN = 30


def _shown(user, honours: QuerySet[Honour], *, action: str) -> tuple[list[Honour], bool]:
    rows = list(honours.select_related("organization")[:SHOWN + 1])
    rows, more = rows[:SHOWN], len(rows) > SHOWN
    audit_list_read(by=user, action=action, model_label="creation.honour",
                    ids=[h.pk for h in rows if h.person_name], category="name")
    return rows, more


def organization_honours(user, organization) -> tuple[list[Honour], bool]:
    """Honours received by ``organization`` that ``user`` may see, newest first, and whether there are
    more than ``SHOWN``. (Creation keeps no organization on a person's honour, so none names anyone
    today; the audit stays in case that changes.) One query."""
    return _shown(user, honours_of_organization(user, organization), action="org.honours.view")


def place_honours(user, place) -> tuple[list[Honour], bool]:
    """Honours recorded at ``place`` itself (the unit, its organizations, its people) that ``user`` may
    see, newest first, and whether there are more than ``SHOWN``. Audited when a name is shown.
    One query (plus the audit record)."""
    return _shown(user, honours_of_place(user, place), action="org.place.honours.view")


def honours_context(user, honours: tuple[list[Honour], bool], list_place) -> dict:
    """What ``organizations/_honours.html`` needs; ``list_place`` filters creation's full list (None: the
    whole list, for a record outside the user's own area)."""
    rows, more = honours
    url = reverse("creation:honours")
    if list_place is not None and can(user, Cap.CREATION_VIEW, list_place):
        url += "?" + urlencode({"place": list_place.pk})
    return {"can_see_honours": holds(user, Cap.CREATION_VIEW), "honours": rows, "more_honours": more,
            "honours_named": any(h.person_name for h in rows), "honours_url": url}
