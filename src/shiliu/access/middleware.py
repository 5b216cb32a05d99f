"""The anti-surveillance invariant at the door (D4): no request may filter, search,
sort or group by ethnicity or religion. Such a parameter answers 400, on every path.
"""

import json

from django.http import HttpResponse
from django.utils.translation import gettext as _

FORBIDDEN_PARAMETERS = ("ethnicity", "ethnic", "nation", "nationality", "religion", "faith", "minzu")


def forbidden_parameter(request) -> str | None:
    for key in request.GET.keys():
        lowered = key.lower()
        if any(word in lowered for word in FORBIDDEN_PARAMETERS):
            return key
    for value in request.GET.getlist("ordering") + request.GET.getlist("order") + request.GET.getlist("sort"):
        if any(word in value.lower() for word in FORBIDDEN_PARAMETERS):
            return value
    return None


class AntiSurveillanceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = forbidden_parameter(request)
        if key is not None:
            detail = _("Shiliu does not list, filter, search or sort people by ethnicity or religion.")
            body = {"type": "about:blank", "title": _("Bad request"), "status": 400, "detail": detail,
                    "parameter": key}
            return HttpResponse(json.dumps(body, ensure_ascii=False), status=400,
                                content_type="application/problem+json; charset=utf-8")
        return self.get_response(request)
