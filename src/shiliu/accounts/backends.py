from django.contrib.auth.backends import ModelBackend

from shiliu.accounts.lockout import is_locked, record_attempt
from shiliu.audit.services import audit_security
from shiliu.core.net import client_address


class LockoutModelBackend(ModelBackend):
    """Username and password, refused while the account or the address is locked.

    Every attempt is recorded for lockout (C4) and in the audit trail (E2). A refused
    attempt marks ``request.login_locked`` so the form can say why. ModelBackend
    also refuses disabled accounts, here and on every later request (C1).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        address = client_address(request) if request is not None else "127.0.0.1"
        if is_locked(username, address):
            audit_security(action="login.locked", username=username, address=address)
            _mark_locked(request)
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        record_attempt(username, address, succeeded=user is not None)
        if user is None:
            audit_security(action="login.failed", username=username, address=address)
            if is_locked(username, address):
                audit_security(action="login.lockout", username=username, address=address)
                _mark_locked(request)
        else:
            audit_security(action="login.password_ok", by=user, address=address)
        return user


def _mark_locked(request) -> None:
    if request is not None:
        request.login_locked = True
