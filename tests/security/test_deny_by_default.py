"""D1: every URL and every API operation declares who may call it; anything not public
needs a sign-in (pages redirect to the login form, the API answers 401)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from shiliu.access.policy import ALL_CAPS
from shiliu.access.rules import LOGIN, PUBLIC
from shiliu.api.api import api

API_PREFIX = "api/v1/"
# URL names that carry no access rule, each with the reason it needs none.
EXEMPT_URL_NAMES = {
    "api:openapi-json": "django-ninja's generated OpenAPI document: describes operations, holds no records",
    "api:openapi-view": "django-ninja's docs page for that document: static HTML, holds no records",
    "api:api-root": "django-ninja's API root: a link to the docs, holds no records",
}
VALID_RULES = {PUBLIC, LOGIN} | ALL_CAPS
ARGUMENT = re.compile(r"<[^>]+>|\{[^}]+\}")


def url_patterns(patterns=None, prefix: str = "", namespace: tuple = ()):
    """(route, name, callback) for every URL pattern, recursing into includes."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            inner = namespace + ((p.namespace,) if p.namespace else ())
            yield from url_patterns(p.url_patterns, prefix + str(p.pattern), inner)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), ":".join(namespace + (p.name or "",)), p.callback


def api_operations():
    """(method, route, operation) for every django-ninja operation of the API."""
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    route = (API_PREFIX + prefix.strip("/") + "/" + path.lstrip("/")).rstrip("/").replace("//", "/")
                    yield method, route, operation


def undeclared(patterns) -> list[str]:
    """Page routes whose view carries no valid access rule (the API is checked per operation)."""
    return [f"{route} ({name})" for route, name, callback in patterns
            if not route.startswith(API_PREFIX) and name not in EXEMPT_URL_NAMES
            and getattr(callback, "access_rule", None) not in VALID_RULES]


def test_every_page_view_declares_an_access_rule():
    missing = undeclared(url_patterns())
    assert not missing, ("Decorate these views with @access_rule(Cap.X), @login_only or @public "
                         "(shiliu.access.rules): " + ", ".join(missing))


def test_the_walk_finds_a_view_without_a_rule():
    def bare(request):
        return None

    assert undeclared([("things/", "things:list", bare)]) == ["things/ (things:list)"]


def test_every_api_operation_declares_an_access_rule():
    missing = [f"{m} /{route}" for m, route, op in api_operations()
               if getattr(op.view_func, "access_rule", None) not in VALID_RULES]
    assert not missing, ("Put @access_rule(Cap.X), @login_only or @public right under the routing decorator of: "
                         + ", ".join(missing))


def test_every_api_url_is_an_operation_or_a_listed_exemption():
    """Nothing reaches /api/v1/ around the operations checked above."""
    operation_routes = {ARGUMENT.sub("*", route) for _m, route, _op in api_operations()}
    for route, name, _callback in url_patterns():
        if route.startswith(API_PREFIX) and name not in EXEMPT_URL_NAMES:
            assert ARGUMENT.sub("*", route.rstrip("/")) in operation_routes, route


def _concrete(route: str) -> str:
    return "/" + ARGUMENT.sub("1", route)


PAGES = [(route, name, cb) for route, name, cb in url_patterns()
         if not route.startswith(API_PREFIX) and getattr(cb, "access_rule", None) != PUBLIC
         and name not in EXEMPT_URL_NAMES]


@pytest.mark.parametrize(("route", "name"), [(r, n) for r, n, _cb in PAGES], ids=[n for _r, n, _cb in PAGES])
def test_every_non_public_page_sends_anonymous_visitors_to_sign_in(client, db, route, name):
    url = _concrete(route)
    response = client.get(url)
    if response.status_code == 405:  # a POST-only view: the POST must be refused the same way
        response = client.post(url)
    assert response.status_code == 302, (url, response.status_code)
    assert response["Location"].startswith("/accounts/login/"), (url, response["Location"])


OPERATIONS = [(m, r, op) for m, r, op in api_operations() if getattr(op.view_func, "access_rule", None) != PUBLIC]


@pytest.mark.parametrize(("method", "route"), [(m, r) for m, r, _op in OPERATIONS],
                         ids=[f"{m} {r}" for m, r, _op in OPERATIONS])
def test_every_non_public_api_operation_answers_anonymous_with_401(client, db, method, route):
    url = _concrete(route)
    response = client.generic(method, url, data="{}", content_type="application/json")
    assert response.status_code == 401, (method, url, response.status_code, response.content[:200])
    assert response["Content-Type"] == "application/problem+json"


def test_there_are_pages_and_operations_to_check():
    assert len(PAGES) >= 5 and len(OPERATIONS) >= 5
    assert {"audit:list", "people:list"} <= {name for _r, name, _cb in PAGES}
