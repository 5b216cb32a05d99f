"""Writes to staff accounts, roles, second factors and API tokens.

Every function here is keyword-only, atomic and audited. Permission to call it is
the caller's check (views and API operations carry an access rule); what depends
on *which* account or place is checked here, so a page and the API cannot differ.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shiliu.accounts.lockout import is_locked, record_attempt
from shiliu.accounts.models import ROLES_REQUIRING_2FA, ApiToken, Role, RoleAssignment, User
from shiliu.accounts.passwords import generate_password
from shiliu.audit.services import audit_security, audit_write

BACKUP_CODE_COUNT = 10


# --- API tokens --------------------------------------------------------------------------------

@transaction.atomic
def token_issue(*, user: User, name: str = "", second_factor: bool = False,
                days: int | None = None) -> tuple[ApiToken, str]:
    """A new bearer token. Returns the row and the secret, which is never stored.

    ``second_factor``: the user proved a second factor just before (a code sent with the
    request, or a verified session). Only such a token works for someone who has or needs
    a second factor (shiliu.api.auth.BearerToken, C5).
    """
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user, name=name.strip()[:60], prefix=secret[:12], key_hash=ApiToken.hash(secret),
        expires_at=timezone.now() + timedelta(days=days or settings.SHILIU_TOKEN_DAYS), second_factor=second_factor,
    )
    audit_security(action="token.issue", by=user,
                   detail={"token": token.pk, "prefix": token.prefix, "second_factor": second_factor})
    return token, secret


def _revoke_all_tokens(user: User) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def _revoke_tokens_without_second_factor(user: User) -> int:
    """Once a user has or needs a second factor, tokens issued without one no longer work
    (shiliu.api.auth.BearerToken); revoking them keeps My account's list truthful."""
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True, second_factor=False).update(
        revoked_at=timezone.now())
    if revoked:
        audit_security(action="token.revoke_without_second_factor", by=user, detail={"count": revoked})
    return revoked


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User) -> None:
    """Revoke one token. The caller has checked that ``by`` may (its owner)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_security(action="token.revoke", by=by, detail={"token": token.pk, "prefix": token.prefix})


# --- accounts ----------------------------------------------------------------------------------

def _manages(by: User, place) -> bool:
    from shiliu.access.policy import Cap
    from shiliu.access.scope import can

    return can(by, Cap.STAFF_MANAGE, place)


def _check_account_in_reach(*, user: User, by: User) -> None:
    """Account-wide changes (disable, reset 2FA) need every role of the account to lie
    in ``by``'s area: an administrator of a subdistrict cannot lock out a district one."""
    if user.pk == by.pk:
        raise ValidationError(_("Use “My account” for your own account."))
    places = [a.place for a in user.role_assignments.filter(is_active=True).select_related("place")]
    if not all(_manages(by, place) for place in places):
        raise PermissionDenied(_("This account also holds roles outside your area."))


def _check_separation(*, user: User, role: str) -> None:
    """The auditor reads the trail and nothing else (D6): no auditor role beside another."""
    others = set(user.role_assignments.filter(is_active=True).values_list("role", flat=True)) - {role}
    if others and (role == Role.AUDITOR or Role.AUDITOR in others):
        raise ValidationError({"role": _("An auditor cannot hold any other role (separation of duties).")})


def _language_errors(languages) -> list[str]:
    """Languages are codes of people.choices.Language, so an order needing one finds its speakers."""
    from shiliu.people.choices import Language

    if not isinstance(languages, list) or any(code not in Language.values for code in languages):
        return [_("Choose languages from the list.")]
    return []


@transaction.atomic
def user_create(*, username: str, display_name: str, languages: list[str], role: str, place,
                password: str = "", by: User) -> tuple[User, str]:
    """Create a named staff account (C1) with its first role at ``place``.

    ``password`` is checked by the password policy (C2); when empty, one is generated.
    Either way it is a one-time password: ``password_changed_at`` stays None, which
    makes its owner choose their own at the first sign-in (shiliu.accounts.passwords).
    Returns the user and the initial password, to be shown once.
    """
    # Every field's problem at once, so a bad username does not hide a weak password.
    errors: dict[str, list[str]] = {}
    if not _manages(by, place):
        errors["place"] = [_("Choose a place within your area.")]
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("This username is taken.")]
    if _language_errors(languages):
        errors["languages"] = _language_errors(languages)
    user = User(username=username, display_name=display_name.strip(), languages=languages)
    try:
        user.full_clean(exclude=["password"], validate_unique=False)  # uniqueness: case-insensitive, above
    except ValidationError as e:
        for field, messages in e.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if password:
        try:
            password_validation.validate_password(password, user)
        except ValidationError as e:
            errors["password"] = e.messages
    else:
        password = generate_password()
    if errors:
        raise ValidationError(errors)
    user.set_password(password)
    user.password_changed_at = None
    user.save()
    audit_write(by=by, action="user.create", target=user, detail={"username": user.username})
    staff_role_grant(user=user, role=role, place=place, by=by)
    return user, password


@transaction.atomic
def user_update_languages(*, user: User, languages: list[str], by: User) -> User:
    """The languages a staff member speaks, so callers can be matched to them."""
    if _language_errors(languages):
        raise ValidationError({"languages": _language_errors(languages)})
    if user.languages != languages:
        user.languages = languages
        user.save(update_fields=["languages"])
        audit_write(by=by, action="user.languages", target=user, detail={"languages": languages})
    return user


def _end_sessions(user: User) -> int:
    """Delete the user's database sessions. ModelBackend already refuses an inactive
    user on every request; deleting the sessions also keeps them dead if the account
    is enabled again. A district has a few thousand sessions at most."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_set_active(*, user: User, active: bool, by: User) -> None:
    """Disable or re-enable an account. Disabling ends its sessions and tokens at once (C1)."""
    _check_account_in_reach(user=user, by=by)
    if user.is_active == active:
        return
    user.is_active = active
    user.save(update_fields=["is_active"])
    detail = {}
    if not active:
        detail["tokens"] = _revoke_all_tokens(user)
        detail["sessions"] = _end_sessions(user)
    audit_write(by=by, action="user.enable" if active else "user.disable", target=user, detail=detail)


# --- roles -------------------------------------------------------------------------------------

@transaction.atomic
def role_grant(*, user: User, role: str, place, by: User | None) -> RoleAssignment:
    """Grant ``role`` at ``place`` without checking ``by``'s area: for loading data
    (demo, tests, commands). Pages and the API use staff_role_grant."""
    if role not in Role.values:
        raise ValidationError({"role": _("Choose one of the listed roles.")})
    _check_separation(user=user, role=role)
    assignment, _created = RoleAssignment.objects.update_or_create(
        user=user, role=role, place=place, defaults={"is_active": True, "granted_by": by,
                                                      "granted_at": timezone.now()}
    )
    user._active_roles = None  # the roles cached on this object are stale now
    if role in ROLES_REQUIRING_2FA:
        _revoke_tokens_without_second_factor(user)
    audit_write(by=by, action="role.grant", target=user, detail={"role": role, "place": place.code})
    return assignment


@transaction.atomic
def staff_role_grant(*, user: User, role: str, place, by: User) -> RoleAssignment:
    """An administrator grants a role: only at a place within their area."""
    if not _manages(by, place):
        raise ValidationError({"place": _("Choose a place within your area.")})
    return role_grant(user=user, role=role, place=place, by=by)


@transaction.atomic
def role_revoke(*, assignment: RoleAssignment, by: User) -> None:
    """End a role. The role's place must lie in ``by``'s area."""
    if not _manages(by, assignment.place):
        raise PermissionDenied(_("This role is outside your area."))
    if assignment.is_active:
        assignment.is_active = False
        assignment.save(update_fields=["is_active"])
        assignment.user._active_roles = None
        audit_write(by=by, action="role.revoke", target=assignment.user,
                    detail={"role": assignment.role, "place": assignment.place.code})


# --- passwords ---------------------------------------------------------------------------------

@transaction.atomic
def password_set(*, user: User, raw: str, by: User | None) -> int:
    """Set a password chosen by its owner (validated by the caller's form); note when,
    for rotation (C2). Other sessions of the user end: their auth hash no longer matches
    (the caller keeps its own with update_session_auth_hash). The user's API tokens are
    revoked too, so a leaked one ends with the old password; the user issues new ones.
    Returns how many tokens were revoked."""
    user.set_password(raw)
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "password_changed_at"])
    revoked = _revoke_all_tokens(user)
    audit_security(action="password.change", by=by or user, detail={"user": user.pk, "tokens_revoked": revoked})
    return revoked


def password_recheck(*, user: User, password: str, address: str, via: str = "") -> bool:
    """Is ``password`` the signed-in user's own? For every place that asks for the password
    again: the re-authentication page, the password change, the API's reveal (C7).

    It obeys the sign-in lockout (C4): refused while the account or address is locked, even
    with the right password; each answer counts as a sign-in attempt. Failures, refusals and
    a lockout are audited (E2). Not atomic on purpose: a failure must stay recorded when the
    caller's transaction rolls back.
    """
    username = user.get_username()
    if is_locked(username, address):
        audit_security(action="reauth.locked", by=user, address=address, detail={"via": via})
        return False
    succeeded = user.check_password(password)
    record_attempt(username, address, succeeded=succeeded)
    if succeeded:
        return True
    audit_security(action="reauth.failed", by=user, address=address, detail={"via": via})
    if is_locked(username, address):
        audit_security(action="reauth.lockout", by=user, address=address, detail={"via": via})
    return False


def password_recheck_error(*, user: User, address: str) -> str:
    """What to tell someone whose password re-check was refused: locked, or wrong password."""
    if is_locked(user.get_username(), address):
        return _("Too many failed attempts. Wait a while, then try again.")
    return _("This password is not right.")


# --- second factor -----------------------------------------------------------------------------

@transaction.atomic
def totp_confirm(*, user: User, key_hex: str, last_t: int) -> TOTPDevice:
    """Keep the authenticator key the user proved they hold (C5). ``last_t`` is the
    time step of the code they entered, so that code cannot be used again."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="default", key=key_hex, confirmed=True, last_t=last_t)
    audit_security(action="2fa.setup", by=user)
    _revoke_tokens_without_second_factor(user)
    return device


@transaction.atomic
def backup_codes_issue(*, user: User) -> list[str]:
    """Ten new single-use backup codes; the old ones stop working. Shown once."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name="backup")
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    audit_security(action="2fa.backup_codes", by=user)
    _revoke_tokens_without_second_factor(user)
    return codes


@transaction.atomic
def second_factor_reset(*, user: User, by: User) -> None:
    """Remove the user's authenticator and backup codes.

    Their own (``by`` is ``user``): refused when a role needs a second factor (C5).
    An administrator's for someone else (lost phone): the account must lie in their area;
    the user sets a new one up at the next sign-in. Callers require re-authentication (C7).
    """
    if by.pk == user.pk:
        if user.requires_2fa:
            raise ValidationError(_("Your role needs a second factor, so it cannot be removed."))
    else:
        _check_account_in_reach(user=user, by=by)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_security(action="2fa.reset" if by.pk != user.pk else "2fa.remove", by=by, detail={"user": user.pk})
