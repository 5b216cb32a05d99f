"""Reads of creation work, always through shiliu.access.scope (D2).

A user holding ``creation.view`` sees every record of their subtree and the ``public``
records of the rest of the district, read-only. Evidence is seen only within scope.
Outside that, a record answers 404 exactly like a missing one.
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from shiliu.access.policy import Cap
from shiliu.access.scope import can, holds, scope_q, scoped
from shiliu.creation.choices import SIX_ONES_ORDER, STANDING, SixOnes
from shiliu.creation.models import Brand, DemonstrationSite, Evidence, Honour, SixOnesItem
from shiliu.places.models import Place

SIX = len(SixOnes.values)


def visible(queryset: QuerySet, user, cap: str = Cap.CREATION_VIEW, path_field: str = "place__path",
            public_field: str = "public") -> QuerySet:
    """Records of the user's subtree, and public ones anywhere, for a holder of ``cap``."""
    if not holds(user, cap):
        return queryset.none()
    return queryset.filter(scope_q(user, cap, path_field) | Q(**{public_field: True}))


def within(queryset: QuerySet, place: Place | None, path_field: str = "place__path") -> QuerySet:
    """Only records at ``place`` or below it."""
    if place is None:
        return queryset
    return queryset.filter(**{f"{path_field}__gte": place.path, f"{path_field}__lt": place.path_upper})


def _get(queryset: QuerySet, user, pk):
    try:
        return visible(queryset, user).get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


def _for_edit(record, user):
    """A visible record the user may change: 403 where they see it but may not edit (D2)."""
    if not can(user, Cap.CREATION_EDIT, record.place):
        raise PermissionDenied()
    return record


# --- demonstration sites ------------------------------------------------------------------------

def with_progress(queryset: QuerySet[DemonstrationSite]) -> QuerySet[DemonstrationSite]:
    """Annotate ``satisfied``: how many of the six items have evidence that is not withdrawn."""
    return queryset.annotate(satisfied=Count(
        "items", distinct=True,
        filter=Q(items__evidence__id__isnull=False, items__evidence__withdrawn_at__isnull=True)))


def site_list(user, *, q: str = "", level: str = "", status: str = "", place: Place | None = None,
              until_year: int | None = None) -> QuerySet[DemonstrationSite]:
    """Sites the user may see, with their progress. ``status`` may be ``standing`` (named or
    under review); ``until_year`` keeps sites named in or before that year."""
    qs = within(visible(DemonstrationSite.objects.select_related("place"), user), place)
    if q.strip():
        qs = qs.filter(name__icontains=q.strip())
    if level:
        qs = qs.filter(level=level)
    if status == "standing":
        qs = qs.filter(status__in=STANDING)
    elif status:
        qs = qs.filter(status=status)
    if until_year:
        qs = qs.filter(named_year__lte=until_year)
    return with_progress(qs).order_by("place__path", "name", "id")


def site_get(user, pk) -> DemonstrationSite:
    return _get(with_progress(DemonstrationSite.objects.select_related("place", "created_by")), user, pk)


def site_get_for_edit(user, pk) -> DemonstrationSite:
    return _for_edit(site_get(user, pk), user)


def checklist(site: DemonstrationSite, user) -> list[Any]:
    """The six items in the report's order. Each carries ``active`` and ``withdrawn`` evidence
    lists when the user may see evidence (within scope), else only ``satisfied``."""
    may_see_evidence = can(user, Cap.CREATION_VIEW, site.place)
    items = site.items.annotate(live=Count("evidence", filter=Q(evidence__withdrawn_at__isnull=True)))
    if may_see_evidence:
        evidence = Evidence.objects.select_related("added_by", "withdrawn_by", "activity").order_by("added_at", "id")
        items = items.prefetch_related(Prefetch("evidence", queryset=evidence))
    result: list[Any] = sorted(items, key=lambda i: SIX_ONES_ORDER.get(i.kind, 99))
    for item in result:
        item.satisfied = item.live > 0
        shown: list[Evidence] = list(item.evidence.all()) if may_see_evidence else []
        item.active = [e for e in shown if e.withdrawn_at is None]
        item.withdrawn = [e for e in shown if e.withdrawn_at is not None]
    return result


def item_get(user, site_pk, kind: str) -> SixOnesItem:
    """An item of a site the user may see within scope (its evidence is not public)."""
    item = (SixOnesItem.objects.select_related("site__place")
            .filter(site_id=site_pk, kind=kind).first() if kind in SixOnes.values else None)
    if item is None or not can(user, Cap.CREATION_VIEW, item.site.place):
        raise Http404()
    return item


def evidence_get(user, pk) -> Evidence:
    try:
        return scoped(Evidence.objects.select_related("item__site__place"), user, Cap.CREATION_VIEW,
                      "item__site__place__path").get(pk=pk)
    except (Evidence.DoesNotExist, ValueError, TypeError):
        raise Http404() from None


# --- brands and honours -------------------------------------------------------------------------

def brand_list(user, *, q: str = "", status: str = "", place: Place | None = None,
               until: date | None = None) -> QuerySet[Brand]:
    qs = within(visible(Brand.objects.select_related("place"), user), place)
    if q.strip():
        qs = qs.filter(name__icontains=q.strip())
    if status:
        qs = qs.filter(status=status)
    if until:
        qs = qs.filter(Q(since__isnull=True) | Q(since__lte=until))
    return qs.order_by("place__path", "name", "id")


def brand_get(user, pk) -> Brand:
    return _get(Brand.objects.select_related("place"), user, pk)


def brand_get_for_edit(user, pk) -> Brand:
    return _for_edit(brand_get(user, pk), user)


def honour_list(user, *, q: str = "", level: str = "", recipient: str = "", place: Place | None = None,
                year_from: int | None = None, year_to: int | None = None) -> QuerySet[Honour]:
    qs = within(visible(Honour.objects.select_related("place", "organization"), user), place)
    if q.strip():
        qs = qs.filter(Q(title__icontains=q.strip()) | Q(awarding_body__icontains=q.strip()))
    if level:
        qs = qs.filter(level=level)
    if recipient:
        qs = qs.filter(recipient=recipient)
    if year_from:
        qs = qs.filter(year__gte=year_from)
    if year_to:
        qs = qs.filter(year__lte=year_to)
    return qs.order_by("-year", "place__path", "title", "id")


def honour_get(user, pk) -> Honour:
    return _get(Honour.objects.select_related("place", "organization"), user, pk)


def honour_get_for_edit(user, pk) -> Honour:
    return _for_edit(honour_get(user, pk), user)


def honours_of_organization(user, organization) -> QuerySet[Honour]:
    """Honours received by an organization: for the organization's page."""
    return visible(Honour.objects.filter(organization=organization), user).order_by("-year", "title", "id")


def honours_of_place(user, place: Place) -> QuerySet[Honour]:
    """Honours received by the unit itself (not by the places below it): for the unit's page."""
    return visible(Honour.objects.filter(place=place), user).order_by("-year", "title", "id")
