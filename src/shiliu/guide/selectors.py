"""Reads of the service guide.

The guide belongs to the whole district and holds no personal data, so there is no place
subtree to scope by: the public reads the items on offer, staff who work at windows
(``window.view``) or edit the guide (``guide.edit``) also read withdrawn items and the version
history. Search in Chinese uses the knowledge base's jieba words and synonym table.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from shiliu.access.policy import Cap
from shiliu.access.scope import holds
from shiliu.guide.models import Domain, ItemVersion, LifeEvent, Material, ServiceItem, Step
from shiliu.knowledge import search

PAGE_SIZE = 50


def may_read_staff(user) -> bool:
    return holds(user, Cap.WINDOW_VIEW) or holds(user, Cap.GUIDE_EDIT)


def require_staff_read(user) -> None:
    if not may_read_staff(user):
        raise PermissionDenied()


def _base() -> QuerySet[ServiceItem]:
    return ServiceItem.objects.filter(current__isnull=False).select_related("current", "domain")


def items_public() -> QuerySet[ServiceItem]:
    """Items on offer, with their current version and domain (one query)."""
    return _base().filter(active=True)


def items_staff(user, *, include_inactive: bool = True) -> QuerySet[ServiceItem]:
    require_staff_read(user)
    qs = _base()
    return qs if include_inactive else qs.filter(active=True)


def _group_q(group: search.Group) -> Q:
    q = Q(pk__in=[])
    for alternative in group:
        part = Q()
        for word in sorted(alternative):
            part &= Q(current__search_words__contains=f" {word} ")
        q |= part
    return q


def search_items(qs: QuerySet[ServiceItem], query: str) -> QuerySet[ServiceItem]:
    """Items whose current version holds every word of ``query`` (with synonyms), or whose code it is."""
    from shiliu.knowledge.selectors import synonym_classes

    query = (query or "").strip()
    if not query:
        return qs
    groups = search.query_groups(query, synonym_classes())
    if not groups:
        return qs.filter(code__iexact=query[:20])
    q = Q()
    for group in groups:
        q &= _group_q(group)
    return qs.filter(q | Q(code__iexact=query[:20]))


def filter_items(qs: QuerySet[ServiceItem], *, query: str = "", domain: str = "", life_event: str = ""):
    if domain:
        qs = qs.filter(domain__code=domain)
    if life_event:
        qs = qs.filter(life_events__code=life_event)
    return search_items(qs, query).order_by("domain__position", "domain__code", "code")


def domains() -> QuerySet[Domain]:
    return Domain.objects.all()


def life_events() -> QuerySet[LifeEvent]:
    return LifeEvent.objects.all()


def domains_with_items(qs: QuerySet[ServiceItem]) -> list[Domain]:
    """Domains with ``items_shown`` (their items among ``qs``), in the guide's order (two queries)."""
    items = list(qs)
    by_domain: dict[int, list[ServiceItem]] = {}
    for item in items:
        by_domain.setdefault(item.domain_id, []).append(item)
    found = []
    for domain in Domain.objects.filter(pk__in=by_domain):
        domain.items_shown = by_domain[domain.pk]  # type: ignore[attr-defined]
        found.append(domain)
    return found


def _full(qs: QuerySet[ServiceItem]) -> QuerySet[ServiceItem]:
    return qs.select_related("category").prefetch_related(
        "life_events",
        Prefetch("current__materials", queryset=Material.objects.order_by("position")),
        Prefetch("current__steps", queryset=Step.objects.select_related("department").order_by("position")),
    )


def item_public_get(code: str) -> ServiceItem:
    item = _full(items_public()).filter(code=code).first()
    if item is None:
        raise Http404()
    return item


def item_staff_get(user, pk: int) -> ServiceItem:
    item = _full(items_staff(user)).filter(pk=pk).first()
    if item is None:
        raise Http404()
    return item


def item_get_by_code(user, code: str) -> ServiceItem:
    item = _full(items_staff(user)).filter(code=code).first()
    if item is None:
        raise Http404()
    return item


def versions_of(item: ServiceItem) -> QuerySet[ItemVersion]:
    return (ItemVersion.objects.filter(item=item).select_related("published_by")
            .prefetch_related(Prefetch("materials", queryset=Material.objects.order_by("position")),
                              Prefetch("steps", queryset=Step.objects.select_related("department")
                                       .order_by("position")))
            .order_by("-number"))


def version_get(item: ServiceItem, number: int) -> ItemVersion:
    version = versions_of(item).filter(number=number).first()
    if version is None:
        raise Http404()
    return version
