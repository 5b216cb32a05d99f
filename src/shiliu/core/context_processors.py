"""The navigation a user sees depends on what their roles may do."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.access.scope import holds

# (url name, label, capability that shows it)
NAVIGATION = [
    ("core:home", _("Home"), None),
    ("places:tree", _("Places"), Cap.PLACE_VIEW),
    ("people:list", _("Residents"), Cap.RESIDENT_VIEW),
    ("accounts:staff_list", _("Staff"), Cap.STAFF_MANAGE),
    ("audit:list", _("Audit trail"), Cap.AUDIT_VIEW),
]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    match = getattr(request, "resolver_match", None)
    current = match.namespace if match else ""
    items = []
    for name, label, cap in NAVIGATION:
        if cap is None or holds(user, cap):
            try:
                namespace = name.split(":")[0]
                is_current = (match.view_name == name) if namespace == "core" and match else namespace == current
                items.append({"url": reverse(name), "label": label, "name": name, "current": is_current})
            except Exception:  # noqa: BLE001,S112 - a section not yet installed is simply not shown
                continue
    return {"nav_items": items}
