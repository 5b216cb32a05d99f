"""Reads of the 1+10+N network. Every read for a user starts from shiliu.access.scope.

What a user sees:
- every organization and group at or below the places where they hold ``org.view``;
- besides, once they hold ``org.view`` anywhere, every *public* organization and group of the
  district, read-only;
- anything else answers 404, exactly like a missing record (D2).

Editing needs ``org.edit`` at the record's place: a public record of another area is seen but
refused (403).
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from shiliu.access.policy import Cap
from shiliu.access.scope import can, holds, places_for, scope_q
from shiliu.organizations.choices import LEADING_ROLES, TIER, MemberRole, OrgStatus
from shiliu.organizations.models import Group, GroupMember, Membership, Organization
from shiliu.people.masking import mask_phone
from shiliu.places.models import Place

_ROLE_ORDER = Case(*[When(role=role, then=Value(i)) for i, role in enumerate(MemberRole.values)],
                   output_field=IntegerField())


def _visible_q(user, path_field: str = "place__path") -> Q:
    q = scope_q(user, Cap.ORG_VIEW, path_field)
    if holds(user, Cap.ORG_VIEW):
        q |= Q(public=True)
    return q


def within(place: Place, path_field: str = "place__path") -> Q:
    """Records at ``place`` or anywhere below it: one range on the indexed path."""
    return Q(**{f"{path_field}__gte": place.path, f"{path_field}__lt": place.path_upper})


def existing_during(start: date | None, end: date | None) -> Q:
    """Organizations that existed at some time between ``start`` and ``end`` (both inclusive):
    founded by the end (or founding date unknown) and not dissolved before the start."""
    q = Q()
    if end is not None:
        q &= Q(founded_on__isnull=True) | Q(founded_on__lte=end)
    if start is not None:
        q &= Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=start)
    return q


# --- organizations ----------------------------------------------------------------------------


def orgs_visible(user) -> QuerySet[Organization]:
    return Organization.objects.filter(_visible_q(user)).select_related("place", "parent")


def org_list(user, *, kind: str = "", status: str = "", place: Place | None = None, q: str = "",
             start: date | None = None, end: date | None = None, public: bool | None = None
             ) -> QuerySet[Organization]:
    """The organizations ``user`` may see, in tree order, filtered; each with its count of
    current members (``member_count``)."""
    qs = orgs_visible(user)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if place is not None:
        qs = qs.filter(within(place))
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(name_en__icontains=q))
    if start is not None or end is not None:
        qs = qs.filter(existing_during(start, end))
    if public is not None:
        qs = qs.filter(public=public)
    return (qs.annotate(member_count=Count("memberships", filter=Q(memberships__until__isnull=True)))
            .order_by("place__path", "kind", "name", "id"))


def org_get(user, pk) -> Organization:
    """One organization the user may see; 404 for a missing one and for one they may not see."""
    try:
        return orgs_visible(user).get(pk=pk)
    except (Organization.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def can_edit(user, record: Organization | Group) -> bool:
    return can(user, Cap.ORG_EDIT, record.place)


def org_get_for_edit(user, pk) -> Organization:
    """An organization the user may change: 404 where they may not see it, 403 where they see it
    (a public one of another area) but may not edit it."""
    org = org_get(user, pk)
    if not can_edit(user, org):
        raise PermissionDenied()
    return org


def in_scope(user, record: Organization | Group) -> bool:
    """True when the record lies in the user's own area (not merely visible because public)."""
    return can(user, Cap.ORG_VIEW, record.place)


def editable_places(user) -> QuerySet[Place]:
    """Where the user may put an organization or a group."""
    return places_for(user, Cap.ORG_EDIT).order_by("path")


def viewable_places(user) -> QuerySet[Place]:
    """The places a user may filter by and open the place page of."""
    return places_for(user, Cap.ORG_VIEW).order_by("path")


def parent_choices(user) -> QuerySet[Organization]:
    """Organizations that may stand above another: associations and branches the user sees,
    not dissolved."""
    return (orgs_visible(user).filter(kind__in=[k for k, tier in TIER.items() if tier < 2])
            .exclude(status=OrgStatus.DISSOLVED).order_by("place__path", "kind", "name"))


def org_children(user, org: Organization) -> QuerySet[Organization]:
    return orgs_visible(user).filter(parent=org).order_by("place__path", "kind", "name")


# --- members ----------------------------------------------------------------------------------


def memberships(org: Organization, *, current: bool | None = None) -> QuerySet[Membership]:
    """An organization's memberships: current ones first, by role, then ended ones (history)."""
    qs = org.memberships.all()
    if current is True:
        qs = qs.filter(until__isnull=True)
    elif current is False:
        qs = qs.filter(until__isnull=False)
    return qs.annotate(role_order=_ROLE_ORDER).order_by(
        Case(When(until__isnull=True, then=Value(0)), default=Value(1)), "role_order", "-until", "since", "id")


def member_rows(user, org: Organization) -> tuple[list[dict], bool]:
    """The rows a user may see of an organization's members, and whether they see them all.

    In the user's own area: every member, current and past, with a masked phone (B1). For a
    public organization of another area: only the current chair, vice chairs, secretary and
    liaisons, by name and role, without any phone: the contacts of a public body, no more.
    """
    full = in_scope(user, org)
    qs = memberships(org) if full else memberships(org, current=True).filter(role__in=LEADING_ROLES)
    return [{"membership": m, "phone_masked": mask_phone(m.phone) if full else ""} for m in qs], full


def membership_get(user, org: Organization, pk, *, for_edit: bool = False) -> Membership:
    """One membership of an organization the user may see in their own area; 404 otherwise."""
    if not in_scope(user, org):
        raise Http404()
    if for_edit and not can_edit(user, org):
        raise PermissionDenied()
    try:
        return org.memberships.get(pk=pk)
    except (Membership.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def memberships_for_export(user, orgs: QuerySet[Organization]) -> QuerySet[Membership]:
    """Memberships of the given organizations that lie in the user's own area (never those of a
    public organization elsewhere): the export carries only what the member list shows in full."""
    return (Membership.objects.filter(organization__in=orgs.filter(scope_q(user, Cap.ORG_VIEW, "place__path")))
            .select_related("organization", "organization__place")
            .annotate(role_order=_ROLE_ORDER)
            .order_by("organization__place__path", "organization__name", "organization_id",
                      Case(When(until__isnull=True, then=Value(0)), default=Value(1)), "role_order", "id"))


# --- groups -----------------------------------------------------------------------------------


def groups_visible(user) -> QuerySet[Group]:
    return Group.objects.filter(_visible_q(user)).select_related("place")


def group_list(user, *, kind: str = "", level: str = "", place: Place | None = None) -> QuerySet[Group]:
    qs = groups_visible(user)
    if kind:
        qs = qs.filter(kind=kind)
    if level:
        qs = qs.filter(level=level)
    if place is not None:
        qs = qs.filter(within(place))
    return (qs.annotate(member_count=Count("members", filter=Q(members__until__isnull=True)))
            .order_by("place__path", "kind", "name", "id"))


def group_get(user, pk) -> Group:
    try:
        return groups_visible(user).get(pk=pk)
    except (Group.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def group_get_for_edit(user, pk) -> Group:
    group = group_get(user, pk)
    if not can_edit(user, group):
        raise PermissionDenied()
    return group


def group_members(group: Group, *, current: bool | None = None) -> QuerySet[GroupMember]:
    qs = group.members.select_related("unit")
    if current is True:
        qs = qs.filter(until__isnull=True)
    elif current is False:
        qs = qs.filter(until__isnull=False)
    order = Case(*[When(role=r, then=Value(i)) for i, r in enumerate(["leader", "deputy", "office", "member"])],
                 output_field=IntegerField())
    return qs.annotate(role_order=order).order_by(
        Case(When(until__isnull=True, then=Value(0)), default=Value(1)), "role_order", "unit__path", "id")


def group_member_get(user, group: Group, pk) -> GroupMember:
    if not can_edit(user, group):
        raise PermissionDenied()
    try:
        return group.members.get(pk=pk)
    except (GroupMember.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def groups_with_members(user, groups: QuerySet[Group]) -> QuerySet[Group]:
    """Groups with their members prefetched (for the export): two queries whatever the count."""
    return groups.prefetch_related(Prefetch("members", queryset=GroupMember.objects.select_related("unit")
                                            .order_by("until", "role", "id")))
