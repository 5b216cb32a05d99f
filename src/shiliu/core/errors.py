"""The project's error pages, and the one place where every refusal is recorded (E2)."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render

from shiliu.access.rules import request_user
from shiliu.audit.services import audit_denied


def record_refusal(request, exception=None) -> None:
    """One ``access.denied`` audit record for a refused request, whoever refused it: an access
    rule (which names its rule) or a later check in a selector or service.

    Called where every 403 ends: ``forbidden`` below for pages, the API's PermissionDenied
    handler (shiliu.api.errors). A CSRF failure ends elsewhere (Django's CSRF failure view,
    the API's HttpError handler) and is not a refusal of a role. A request without a signed-in
    user is not recorded: it was refused its sign-in, not a permission, and anonymous requests
    must not be able to fill the trail.
    """
    user = request_user(request)
    if user is None or not user.is_authenticated:
        return
    audit_denied(by=user, path=request.path, rule=getattr(exception, "rule", ""), method=request.method or "")


def forbidden(request, exception=None):
    record_refusal(request, exception)
    return render(request, "errors/403.html", status=403)


def too_many_requests(request, retry_after: int):
    """429 with Retry-After (F6)."""
    response = render(request, "errors/429.html", status=429)
    response["Retry-After"] = str(retry_after)
    return response


def bad_request(request, exception=None):
    """400; or 413 with a page that says what to do when the form was larger than the server
    accepts (DATA_UPLOAD_MAX_MEMORY_SIZE), e.g. a pasted 10 MB text, instead of a bare 400."""
    if isinstance(exception, RequestDataTooBig):
        limit = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_000_000:.1f}"
        return render(request, "errors/413.html", {"limit_mb": limit}, status=413)
    return render(request, "errors/400.html", status=400)


def not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)
