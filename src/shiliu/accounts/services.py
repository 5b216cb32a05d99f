"""Writes to staff accounts, roles and API tokens."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shiliu.accounts.models import ApiToken, RoleAssignment, User
from shiliu.audit.services import audit_security, audit_write


@transaction.atomic
def token_issue(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new bearer token. Returns the row and the secret, which is never stored."""
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user, name=name[:60], prefix=secret[:12], key_hash=ApiToken.hash(secret),
        expires_at=timezone.now() + timedelta(days=settings.SHILIU_TOKEN_DAYS),
    )
    audit_security(action="token.issue", by=user, detail={"token": token.pk, "prefix": token.prefix})
    return token, secret


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_security(action="token.revoke", by=by, detail={"token": token.pk, "prefix": token.prefix})


@transaction.atomic
def user_set_active(*, user: User, active: bool, by: User) -> None:
    """Disable or re-enable an account. Disabling ends its sessions and tokens at once (C1)."""
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit_write(by=by, action="user.enable" if active else "user.disable", target=user)


@transaction.atomic
def role_grant(*, user: User, role: str, place, by: User | None) -> RoleAssignment:
    assignment, _created = RoleAssignment.objects.update_or_create(
        user=user, role=role, place=place, defaults={"is_active": True, "granted_by": by}
    )
    user._active_roles = None  # the cached roles are stale now
    audit_write(by=by, action="role.grant", target=user, detail={"role": role, "place": place.code})
    return assignment


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, by: User) -> None:
    assignment.is_active = False
    assignment.save(update_fields=["is_active"])
    assignment.user._active_roles = None
    audit_write(by=by, action="role.revoke", target=assignment.user,
                detail={"role": assignment.role, "place": assignment.place.code})


def password_set(*, user: User, raw: str, by: User | None) -> None:
    """Set a password (validated by the caller's form) and note when, for rotation (C2)."""
    user.set_password(raw)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_changed_at"])
    audit_security(action="password.change", by=by or user, detail={"user": user.pk})
