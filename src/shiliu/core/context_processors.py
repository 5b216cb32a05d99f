"""The navigation a user sees depends on what their roles may do."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.access.scope import holds

# (url name, label, capability that shows it, url-name prefix of the pages it covers)
NAVIGATION = [
    ("core:home", _("Home"), None, "core:home"),
    ("places:tree", _("Places"), Cap.PLACE_VIEW, "places:"),
    ("people:list", _("Residents"), Cap.RESIDENT_VIEW, "people:"),
    ("accounts:staff_list", _("Staff"), Cap.STAFF_MANAGE, "accounts:staff"),
    ("audit:list", _("Audit trail"), Cap.AUDIT_VIEW, "audit:"),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    if user.requires_2fa and not user.is_verified():
        return {"nav_items": []}  # nothing to go to before the second factor is done
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    items = []
    for name, label, cap, covers in NAVIGATION:
        if cap is None or holds(user, cap):
            items.append({"url": reverse(name), "label": label, "name": name,
                          "current": view_name.startswith(covers)})
    return {"nav_items": items}
