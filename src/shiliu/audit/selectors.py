"""Reads of the audit trail (E1–E5).

The trail is not a record of any one place: it is read whole, and only by a user who
holds Cap.AUDIT_VIEW at the top of the place tree (the district auditor and the
district administrator). A holder lower down sees nothing, so the rule fails closed.
"""

from django.db.models import QuerySet
from django.http import Http404

from shiliu.access.policy import Cap
from shiliu.access.scope import roots
from shiliu.accounts.models import Role
from shiliu.audit.models import AuditEvent


def audit_events_visible(user) -> QuerySet[AuditEvent]:
    if any(place.parent_id is None for place in roots(user, Cap.AUDIT_VIEW)):
        return AuditEvent.objects.order_by("-id")
    return AuditEvent.objects.none()


def audit_events(user, filters: dict) -> QuerySet[AuditEvent]:
    """The records matching ``filters`` (AuditFilterForm.filters()), newest first."""
    qs = audit_events_visible(user)
    if "who" in filters:
        qs = qs.filter(actor_name__iexact=filters["who"])
    if "kind" in filters:
        qs = qs.filter(kind=filters["kind"])
    if "action" in filters:
        qs = qs.filter(action__startswith=filters["action"])
    if "target_type" in filters:
        qs = qs.filter(target_type=filters["target_type"].lower())
    if "target_id" in filters:
        qs = qs.filter(target_id=filters["target_id"])
    if "subject" in filters:
        qs = qs.filter(subject_id=filters["subject"])
    if "at_from" in filters:
        qs = qs.filter(at__gte=filters["at_from"])
    if "at_before" in filters:
        qs = qs.filter(at__lt=filters["at_before"])
    return qs


def audit_event_get(user, pk) -> AuditEvent:
    try:
        return audit_events_visible(user).get(pk=pk)
    except (AuditEvent.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def role_labels(event: AuditEvent) -> list[str]:
    """'community_worker@330206003001' as 'Community worker @ 330206003001'."""
    labels = dict(Role.choices)
    out = []
    for item in filter(None, event.actor_roles.split(",")):
        role, _sep, place = item.partition("@")
        out.append(f"{labels.get(role, role)} @ {place}" if place else str(labels.get(role, role)))
    return out
