"""The unknown-years notice, for any page that wants it (the home page includes it)."""

from django import template
from django.utils import timezone

from shiliu.access.policy import Cap
from shiliu.access.scope import holds
from shiliu.workdays.calendar import unknown_years_notice

register = template.Library()


@register.inclusion_tag("workdays/_notice.html", takes_context=True)
def calendar_notice(context) -> dict:
    """The years (this and next) that count Monday to Friday for want of a calendar; shown
    only to those who can enter one."""
    request = context.get("request")
    user = getattr(request, "user", None)
    years = unknown_years_notice(timezone.localdate()) if user is not None and holds(user, Cap.CALENDAR_EDIT) else []
    return {"notice_years": years, "link": True}
