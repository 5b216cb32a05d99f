from shiliu.audit.context import RequestOrigin, current_origin
from shiliu.core.net import client_address


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
