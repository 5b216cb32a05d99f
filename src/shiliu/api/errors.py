"""Errors as application/problem+json (RFC 9457), in the request's language."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from shiliu.core.concurrency import StaleVersion
from shiliu.core.errors import record_refusal
from shiliu.core.ratelimit import RateLimited

PROBLEM = "application/problem+json"


def problem(api, request, status: int, title: str, detail: str = "", errors: dict | None = None, headers=None):
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = errors
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM
    for key, value in (headers or {}).items():
        response[key] = value
    return response


def _field_name(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "payload", "form")]
    return ".".join(parts) or "__all__"


def _pydantic_message(error: dict) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("This field is not accepted here.")
    if kind == "string_too_long":
        return _("At most %(n)s characters.") % {"n": ctx.get("max_length")}
    if kind.startswith("date"):
        return _("Enter a real date, like 1990-05-17.")
    if kind.startswith("int"):
        return _("Enter a whole number.")
    if kind == "literal_error" or kind == "enum":
        return _("Choose one of the listed options.")
    return _("This value is not valid.")


def install(api) -> None:
    @api.exception_handler(NinjaValidationError)
    def on_schema_error(request, exc):
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(_field_name(error.get("loc", ())), []).append(_pydantic_message(error))
        return problem(api, request, 422, _("The request has invalid fields."), errors=errors)

    @api.exception_handler(DjangoValidationError)
    def on_validation_error(request, exc):
        if hasattr(exc, "error_dict"):
            errors = {field: [str(m) for m in msgs] for field, msgs in exc.message_dict.items()}
        else:
            errors = {"__all__": [str(m) for m in exc.messages]}
        return problem(api, request, 422, _("The request has invalid fields."), errors=errors)

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request, exc):
        return problem(api, request, 413, _("Request too large"),
                       detail=_("The request is larger than the server accepts. Nothing was saved; shorten the text "
                                "or send files one by one."))

    @api.exception_handler(StaleVersion)
    def on_stale(request, exc):
        return problem(api, request, 409, _("Conflict"), detail=str(StaleVersion.message))

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return problem(api, request, 404, _("Not found"))

    @api.exception_handler(PermissionDenied)
    def on_denied(request, exc):
        record_refusal(request, exc)  # E2: every refusal, whoever raised it, once
        return problem(api, request, 403, _("Forbidden"), detail=_("Your role does not allow this."))

    @api.exception_handler(AuthenticationError)
    def on_unauthenticated(request, exc):
        return problem(api, request, 401, _("Unauthorized"), detail=_("Send a valid bearer token."),
                       headers={"WWW-Authenticate": "Bearer"})

    @api.exception_handler(RateLimited)
    def on_rate_limited(request, exc):
        return problem(api, request, 429, _("Too many requests"), detail=_("Wait a little, then try again."),
                       headers={"Retry-After": str(exc.retry_after)})

    @api.exception_handler(HttpError)
    def on_http_error(request, exc):
        return problem(api, request, exc.status_code, str(exc))
