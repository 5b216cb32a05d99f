"""The navigation a user sees depends on what their roles may do."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from shiliu.access.policy import Cap
from shiliu.access.scope import holds

# (url name, label, capability that shows it, url-name prefix of the pages it covers)
NAVIGATION = [
    ("core:home", _("Home"), None, "core:home"),
    ("places:tree", _("Places"), Cap.PLACE_VIEW, "places:"),
    ("hotline:desk", _("Hotline"), Cap.HOTLINE_TAKE, "hotline:"),
    ("workorders:inbox", _("Work orders"), Cap.ORDER_VIEW, "workorders:"),
    ("knowledge:list", _("Knowledge base"), Cap.ORDER_VIEW, "knowledge:"),
    ("figures:dashboard", _("Figures"), Cap.FIGURES_VIEW, "figures:"),
    ("people:list", _("Residents"), Cap.RESIDENT_VIEW, "people:"),
    ("organizations:list", _("Organizations"), Cap.ORG_VIEW, "organizations:"),
    ("activities:list", _("Activities"), Cap.ACTIVITY_VIEW, "activities:"),
    ("creation:home", _("Creation"), Cap.CREATION_VIEW, "creation:"),
    ("culture:home", _("Culture"), Cap.CULTURE_VIEW, "culture:"),
    ("windows:home", _("Service windows"), Cap.WINDOW_VIEW, "windows:"),
    ("guide:home", _("Service guide"), Cap.WINDOW_VIEW, "guide:"),
    ("jobs:home", _("Job market"), Cap.JOB_VIEW, "jobs:"),
    ("news:home", _("News and notices"), Cap.NEWS_WRITE, "news:"),
    ("mydata:requests", _("Data requests"), Cap.DATA_REQUESTS, "mydata:"),
    ("workdays:calendar", _("Working days"), Cap.CALENDAR_EDIT, "workdays:"),
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
            try:
                url = reverse(name)
            except NoReverseMatch:  # an app whose pages are not built yet
                continue
            items.append({"url": url, "label": label, "name": name, "current": view_name.startswith(covers)})
    return {"nav_items": items}
