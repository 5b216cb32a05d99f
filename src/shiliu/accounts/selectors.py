"""Reads of staff accounts. Staff are seen by an administrator when one of their
roles (current or ended) lies in the administrator's area; any other account
answers 404, exactly like a missing one (D2)."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shiliu.access.policy import Cap
from shiliu.access.scope import can, scope_q
from shiliu.accounts.models import ApiToken, RoleAssignment, User


def staff_for(actor: User, *, search: str = "") -> QuerySet[User]:
    """The accounts ``actor`` manages, with their current roles and 2FA state, by username."""
    in_area = RoleAssignment.objects.filter(scope_q(actor, Cap.STAFF_MANAGE, "place__path"), user=OuterRef("pk"))
    queryset = (
        User.objects.filter(Exists(in_area))
        .annotate(has_totp=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
        .prefetch_related(Prefetch(
            "role_assignments",
            queryset=RoleAssignment.objects.filter(is_active=True).select_related("place").order_by("place__path"),
            to_attr="current_roles",
        ))
        .order_by("username")
    )
    search = search.strip()
    if search:
        queryset = queryset.filter(Q(username__icontains=search) | Q(display_name__icontains=search))
    return queryset


def staff_get_or_404(actor: User, pk) -> User:
    try:
        return staff_for(actor).get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def role_assignment_get_or_404(actor: User, staff_pk, assignment_pk) -> RoleAssignment:
    """One role of a staff member the actor manages, held at a place within the actor's area."""
    staff = staff_get_or_404(actor, staff_pk)
    assignment = staff.role_assignments.select_related("place", "user").filter(pk=assignment_pk).first()
    if assignment is None or not can(actor, Cap.STAFF_MANAGE, assignment.place):
        raise Http404()
    return assignment


def staff_roles(user: User) -> QuerySet[RoleAssignment]:
    """All of the user's roles, current first, for the staff detail page."""
    return user.role_assignments.select_related("place", "granted_by").order_by("-is_active", "place__path")


def tokens_for(user: User) -> QuerySet[ApiToken]:
    """The user's own API tokens that can still be used, newest first."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now()).order_by(
        "-created_at", "-pk")


def second_factor_state(user: User) -> dict:
    """Whether the user has an authenticator app and how many backup codes remain."""
    return {
        "totp": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "backup_codes": StaticToken.objects.filter(device__user=user, device__confirmed=True).count(),
    }
