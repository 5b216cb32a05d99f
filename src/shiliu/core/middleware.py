from django.utils.cache import patch_cache_control

from shiliu.audit.context import RequestOrigin, current_origin
from shiliu.core.net import RESIDENT_TOKEN_HEADER, client_address


class RequestOriginMiddleware:
    """Makes the client address available to audit records written anywhere below."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.client_address = client_address(request)
        token = current_origin.set(RequestOrigin(address=request.client_address))
        try:
            return self.get_response(request)
        finally:
            current_origin.reset(token)


class NoStoreForStaffMiddleware:
    """Pages and API answers for a signed-in user carry personal data: no browser or proxy
    may keep a copy (a shared computer at a service window, a back button after sign-out).
    So do API answers to a credential header (a resident token in X-Resident-Token or as a
    bearer token: the portal, the employers' desk, my data), where ``request.user`` is anonymous."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        credential = RESIDENT_TOKEN_HEADER in request.META or "HTTP_AUTHORIZATION" in request.META
        if credential or (user is not None and user.is_authenticated):
            patch_cache_control(response, no_store=True, private=True)
        return response
