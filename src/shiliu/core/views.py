from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from shiliu.access.policy import Cap
from shiliu.access.rules import login_only, public
from shiliu.access.scope import holds, places_for
from shiliu.people.selectors import residents_visible


@require_GET
@never_cache
@public
def healthz(request):
    """JSON health report with a real database round trip."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception:  # noqa: BLE001 - any failure means unhealthy; the reason goes to the log
        database = "error"
    status = 200 if database == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "error", "database": database}, status=status)


@require_GET
@login_only
def home(request):
    """The user's roles and the size of what they look after, counted within their scope."""
    user = request.user
    counts = []
    if holds(user, Cap.PLACE_VIEW):
        counts.append((_("Places"), places_for(user).count()))
    if holds(user, Cap.RESIDENT_VIEW):
        counts.append((_("Residents recorded"), residents_visible(user).count()))
    return render(request, "core/home.html", {"roles": user.active_roles, "counts": counts})
