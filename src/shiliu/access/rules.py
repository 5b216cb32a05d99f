"""Every URL and API operation declares who may call it (D1).

Decorate a view or an API operation with ``@access_rule(cap)``, ``@login_only`` or
``@public``. A test walks every URL pattern and API operation and fails on one
without a declaration, so a new endpoint cannot forget.

A refusal is not recorded here: every 403 ends in one place (shiliu.core.errors.forbidden
for pages, the API's PermissionDenied handler), which writes one ``access.denied`` record
whether the rule or a later check in a selector or service refused (E2).
"""

import functools

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from shiliu.access.scope import holds

PUBLIC = "public"
LOGIN = "login"


class RuleRefused(PermissionDenied):
    """The caller does not hold the rule's capability; carries the rule for the audit record."""

    def __init__(self, rule: str):
        super().__init__()
        self.rule = rule


def request_user(request):
    """The API's authenticated user, else the page's."""
    auth = getattr(request, "auth", None)
    if auth is not None and getattr(auth, "is_authenticated", False):
        return auth
    return getattr(request, "user", None)


def _declare(rule: str):
    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if rule != PUBLIC:
                user = request_user(request)
                if user is None or not user.is_authenticated:
                    if request.path.startswith("/api/"):
                        raise PermissionDenied()
                    return redirect_to_login(request.get_full_path())
                if rule != LOGIN and not holds(user, rule):
                    raise RuleRefused(rule)
            return view(request, *args, **kwargs)

        wrapped.access_rule = rule
        return wrapped

    return decorator


def access_rule(cap: str):
    """The caller must hold ``cap`` somewhere; the view then scopes each record itself."""
    return _declare(cap)


public = _declare(PUBLIC)
login_only = _declare(LOGIN)
