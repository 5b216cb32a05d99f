"""Reads of windows, visits and their figures: scoped to the user where they start (D2).

Windows themselves hold no personal data; visits do (the visitor's name and phone), so a visit's
page writes an audit record (E1). The public reads (``windows_public``, ``windows_offering``)
only ever return public windows in service, and never a visit or a duty roster.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from shiliu.access.policy import Cap
from shiliu.access.scope import get_scoped_or_404, places_for, scoped
from shiliu.audit.services import audit_read
from shiliu.guide.models import Material, ServiceItem
from shiliu.places.models import Place
from shiliu.windows.hours import OpenState, open_state
from shiliu.windows.models import Closure, DutyShift, OpeningHours, ServiceWindow, Visit, VisitItem
from shiliu.workdays.calendar import _district_rule

PAGE_SIZE = 50


def _with_hours(qs: QuerySet[ServiceWindow]) -> QuerySet[ServiceWindow]:
    today = timezone.localdate()
    return qs.select_related("place").prefetch_related(
        Prefetch("hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
        Prefetch("closures", queryset=Closure.objects.filter(ends_on__gte=today).order_by("starts_on")))


def state_of(window: ServiceWindow, now: datetime | None = None, rule=None) -> OpenState:
    """Open now / opens next, from the prefetched hours and closures and the district's calendar."""
    now = timezone.localtime(now or timezone.now())
    return open_state(now, [(h.weekday, h.opens, h.closes) for h in window.hours.all()],
                      [(c.starts_on, c.ends_on) for c in window.closures.all()],
                      rule or _district_rule(), window.open_on_rest_days)


def annotate_states(windows: list[ServiceWindow], now: datetime | None = None) -> list[ServiceWindow]:
    rule = _district_rule()  # read the calendar once for the whole list
    for window in windows:
        window.state = state_of(window, now, rule)  # type: ignore[attr-defined]
    return windows


def windows_visible(user) -> QuerySet[ServiceWindow]:
    return scoped(ServiceWindow.objects.all(), user, Cap.WINDOW_VIEW)


def windows_list(user, *, query: str = "", kind: str = "") -> QuerySet[ServiceWindow]:
    qs = (_with_hours(windows_visible(user)).annotate(item_count=Count("items", distinct=True))
          .order_by("place__path", "kind", "name", "id"))  # a GROUP BY query drops Meta.ordering
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(address__icontains=query) | Q(place__name__icontains=query))
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def window_get(user, pk, cap: str = Cap.WINDOW_VIEW) -> ServiceWindow:
    return get_scoped_or_404(_with_hours(ServiceWindow.objects.all()), user, cap, pk=pk)


def window_items(window: ServiceWindow) -> list[ServiceItem]:
    return list(window.items.filter(current__isnull=False).select_related("current", "domain").order_by("code"))


def duty_of(window: ServiceWindow, *, since: date | None = None) -> QuerySet[DutyShift]:
    since = since or timezone.localdate()
    return window.duty.filter(date__gte=since).select_related("user").order_by("date", "user__username")


def windows_for_intake(user) -> list[ServiceWindow]:
    """Windows in service where the user may take visitors; those they are on duty at today first."""
    qs = scoped(ServiceWindow.objects.filter(active=True).select_related("place"), user, Cap.WINDOW_INTAKE)
    on_duty = set(DutyShift.objects.filter(user=user, date=timezone.localdate()).values_list("window_id", flat=True))
    windows = list(qs)
    for window in windows:
        window.on_duty = window.pk in on_duty  # type: ignore[attr-defined]
    return sorted(windows, key=lambda w: (w.pk not in on_duty, w.place.path, w.name))


def intake_window_get(user, pk) -> ServiceWindow:
    return get_scoped_or_404(ServiceWindow.objects.filter(active=True).select_related("place"), user,
                             Cap.WINDOW_INTAKE, pk=pk)


def items_search(*, query: str = "", domain: str = "", life_event: str = "") -> QuerySet[ServiceItem]:
    """Items on offer in the guide, by Chinese words, domain or life event (the guide's own search)."""
    from shiliu.guide import selectors as guide

    return guide.filter_items(guide.items_public(), query=query, domain=domain, life_event=life_event)


def items_with_materials(pks: list[int]) -> list[ServiceItem]:
    return list(ServiceItem.objects.filter(pk__in=pks).select_related("current", "category").prefetch_related(
        Prefetch("current__materials", queryset=Material.objects.order_by("position"))).order_by("code"))


# --- visits ---------------------------------------------------------------------------------------

def visit_get(user, pk, *, audit_action: str = "windows.visit.view") -> Visit:
    """One visit in scope with its lines and orders; the read of the visitor's data is audited (E1)."""
    visit = get_scoped_or_404(
        Visit.objects.select_related("window", "place", "resident", "taken_by").prefetch_related(
            Prefetch("lines", queryset=VisitItem.objects.select_related("item_version", "order", "item")
                     .prefetch_related("item_version__materials").order_by("id"))),
        user, Cap.WINDOW_VIEW, pk=pk)
    audit_read(by=user, action=audit_action, target=visit, subject_id=visit.resident_id, category="contact")
    return visit


def visits_of(user, window: ServiceWindow, limit: int = 20) -> list[Visit]:
    """The latest visits at a window: numbers and items only, no visitor's data (nothing to audit)."""
    qs = scoped(Visit.objects.filter(window=window), user, Cap.WINDOW_VIEW)
    return list(qs.prefetch_related(Prefetch("lines", queryset=VisitItem.objects.select_related(
        "item_version", "order")))[:limit])


def materials_to_bring(line: VisitItem) -> list[Material]:
    wanted = set(line.materials_missing)
    return [m for m in line.item_version.materials.all() if m.pk in wanted]


# --- public ---------------------------------------------------------------------------------------

def windows_public() -> QuerySet[ServiceWindow]:
    return _with_hours(ServiceWindow.objects.filter(public=True, active=True))


def _closeness(window: ServiceWindow, near: Place | None) -> int:
    if near is None:
        return 0
    common = 0
    for a, b in zip(window.place.ancestor_ids(), near.ancestor_ids(), strict=False):
        if a != b:
            break
        common += 1
    return common


def windows_offering(item: ServiceItem, near: Place | None = None, limit: int = 10) -> list[ServiceWindow]:
    """Public windows in service that offer ``item``, nearest first: the same community, then the
    same subdistrict, then the rest of the district (by how much of the place tree they share)."""
    windows = list(windows_public().filter(items=item))
    windows.sort(key=lambda w: (-_closeness(w, near), w.kind != "centre", w.place.path, w.name))
    return annotate_states(windows[:limit])


# --- figures --------------------------------------------------------------------------------------

@dataclass
class PlaceCount:
    place: Place
    windows: int
    centres: int


def figures_by_place(user) -> list[PlaceCount]:
    """Windows and centres in service per place of the user's scope (counts only)."""
    rows = (windows_visible(user).filter(active=True).values("place_id", "kind").annotate(n=Count("id"))
            .order_by())
    counts: dict[int, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["place_id"], {})[row["kind"]] = row["n"]
    places = Place.objects.filter(pk__in=counts).order_by("path")
    return [PlaceCount(p, counts[p.pk].get("window", 0), counts[p.pk].get("centre", 0)) for p in places]


def figures_items_served(user, *, start: date | None = None, end: date | None = None) -> list[dict]:
    """Orders opened at each window by item (counts only), in the user's scope."""
    qs = scoped(VisitItem.objects.all(), user, Cap.WINDOW_VIEW, path_field="visit__place__path")
    if start:
        qs = qs.filter(visit__taken_at__date__gte=start)
    if end:
        qs = qs.filter(visit__taken_at__date__lte=end)
    rows = (qs.values("visit__window_id", "visit__window__name", "item__code", "item__current__name")
            .annotate(orders=Count("order_id", distinct=True)).order_by("visit__window__name", "item__code"))
    return [{"window_id": r["visit__window_id"], "window": r["visit__window__name"], "item": r["item__code"],
             "item_name": r["item__current__name"] or r["item__code"], "orders": r["orders"]} for r in rows]


def scope_places(user, cap: str = Cap.WINDOW_EDIT) -> QuerySet[Place]:
    return places_for(user, cap)


def window_get_any(pk: int) -> ServiceWindow:
    """A window already authorised by the caller, read again with hours, closures and items."""
    return _with_hours(ServiceWindow.objects.all()).prefetch_related("items").get(pk=pk)
