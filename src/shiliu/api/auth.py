from functools import cache, reduce
from operator import or_

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_otp import device_classes
from ninja.security import HttpBearer, SessionAuth

from shiliu.accounts.middleware import second_factor_pending
from shiliu.accounts.models import ApiToken
from shiliu.accounts.passwords import password_expired


@cache
def _user_has_device():
    """django_otp.user_has_device as an expression, so the token's own query answers it.
    Built once per process (each query resolves its own copy): building it cost more than
    the query itself on every API request."""
    return reduce(or_, (Exists(model.objects.filter(user=OuterRef("user"), confirmed=True))
                        for model in device_classes()))


class BearerToken(HttpBearer):
    """``Authorization: Bearer shl_...``; tokens are stored hashed and end with the user (C1).

    A token obeys the rules of a session: its user's password has not expired (C2), and
    whoever has or needs a second factor uses a token issued after one (C5), as the pages
    ask for the code (shiliu.accounts.middleware.second_factor_pending).
    """

    def authenticate(self, request, token):
        try:
            row = (ApiToken.objects.select_related("user").annotate(user_has_device=_user_has_device())
                   .get(key_hash=ApiToken.hash(token)))
        except ApiToken.DoesNotExist:
            return None
        if not row.is_usable or password_expired(row.user):
            return None
        if not row.second_factor and (row.user_has_device or row.user.requires_2fa):
            return None
        now = timezone.now()
        if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
            ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
        request.user = row.user
        request.api_token = row
        return row.user


class StaffSession(SessionAuth):
    """The browser's own session (CSRF-checked), so pages can call the API with htmx."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        # The same holds as the pages: second factor first (C5), then an expired password (C2).
        if user is not None and (second_factor_pending(request, user) or password_expired(user)):
            return None
        return user
