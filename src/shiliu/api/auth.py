from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from shiliu.accounts.middleware import second_factor_pending
from shiliu.accounts.models import ApiToken
from shiliu.accounts.passwords import password_expired


class BearerToken(HttpBearer):
    """``Authorization: Bearer shl_...``; tokens are stored hashed and end with the user (C1)."""

    def authenticate(self, request, token):
        try:
            row = ApiToken.objects.select_related("user").get(key_hash=ApiToken.hash(token))
        except ApiToken.DoesNotExist:
            return None
        if not row.is_usable:
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
