"""Staff accounts, their roles at places, API tokens and login attempts."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OPERATOR = "operator", _("Hotline operator")
    COMMUNITY_WORKER = "community_worker", _("Community worker")
    SUBDISTRICT_OFFICER = "subdistrict_officer", _("Subdistrict officer")
    LIAISON = "liaison", _("Department liaison")
    DISTRICT_ADMIN = "district_admin", _("District administrator")
    AUDITOR = "auditor", _("Auditor")
    # An integration, not a person: the phone system reports call events and nothing else.
    PHONE_SYSTEM = "phone_system", _("Phone system (integration)")


# Roles that must use a second factor (SECURITY.md C5).
ROLES_REQUIRING_2FA = {Role.DISTRICT_ADMIN, Role.AUDITOR}


class User(AbstractUser):
    """A named staff account (C1). Residents never hold one of these."""

    display_name = models.CharField(_("display name"), max_length=60, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    password_changed_at = models.DateTimeField(null=True, blank=True)
    # An integration (the phone system, an Open311 client): no password, never signs in on the
    # pages, works only with API tokens issued by `shiliu machine_token`.
    machine = models.BooleanField(_("integration account"), default=False, editable=False)

    # Roles loaded once per request; services reset it to None when they change roles.
    _active_roles: "list[RoleAssignment] | None" = None

    class Meta:
        verbose_name = _("staff user")
        verbose_name_plural = _("staff users")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def active_roles(self) -> list["RoleAssignment"]:
        cached = self._active_roles
        if cached is None:
            cached = list(self.role_assignments.filter(is_active=True).select_related("place"))
            self._active_roles = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return any(a.role in roles for a in self.active_roles)

    @property
    def requires_2fa(self) -> bool:
        return any(a.role in ROLES_REQUIRING_2FA for a in self.active_roles)


class RoleAssignment(models.Model):
    """A role held at a place. The place bounds what the role reaches: it and below."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="role_assignments",
                              verbose_name=_("place"))
    is_active = models.BooleanField(default=True)
    granted_by = models.ForeignKey(User, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role", "place"], name="unique_role_at_place")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} @ {self.place}"


class ApiToken(models.Model):
    """A bearer token for /api/v1/. Only its SHA-256 is stored; the secret is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=60, blank=True)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Issued right after the user proved a second factor (C5). A token without one stops
    # working once its user has or needs a second factor (shiliu.api.auth.BearerToken).
    second_factor = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.name or self.prefix} ({self.prefix}…)"

    @staticmethod
    def hash(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @staticmethod
    def new_secret() -> str:
        return "shl_" + secrets.token_urlsafe(32)

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now() and self.user.is_active


class LoginAttempt(models.Model):
    """One login try, kept for lockout decisions (C4) and the audit trail (E2)."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.GenericIPAddressField(db_index=True)
    succeeded = models.BooleanField()
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.username} {self.address} {'ok' if self.succeeded else 'failed'}"
