"""Figures per service item and per step (ADR 0017): orders per item and per channel, and the
on-time rate of items (resolved by the promised date) and of steps (done by their own due time).

Counts only, never people. Scoped like the dashboard: orders about the chosen place and below
(``place_path``), in a period of opening days (items) or of days a step was done (steps).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from ninja import Field, Schema

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.figures.metrics import Period, place_in_scope
from shiliu.places.models import Place
from shiliu.workorders.choices import Channel


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _rate(num: int, den: int) -> float | None:
    return round(100 * num / den, 1) if den else None


@dataclass
class ItemFigures:
    place: Place
    period: Period
    channels: list[str] = field(default_factory=list)
    items: list[dict] = field(default_factory=list)
    steps: list[dict] = field(default_factory=list)


def item_figures(place: Place, period: Period, language: str | None = None) -> ItemFigures:
    """Three grouped queries (orders by item and channel, steps by item and position, the items' names)."""
    from shiliu.guide.models import ServiceItem
    from shiliu.workorders.models import OrderStep, WorkOrder

    start, end = _aware(period.start), _aware(period.end + timedelta(days=1))
    subtree = {"place_path__gte": place.path, "place_path__lt": place.path_upper}
    order_qs = (WorkOrder.objects.filter(item_version__isnull=False, created_at__gte=start, created_at__lt=end,
                                         **subtree)
            .values("item_version__item_id", "channel")
            .annotate(orders=Count("id"), resolved=Count("id", filter=Q(resolved_on_time__isnull=False)),
                      on_time=Count("id", filter=Q(resolved_on_time=True)))
            .order_by())
    step_qs = (OrderStep.objects.filter(done_at__gte=start, done_at__lt=end,
                                          **{f"order__{k}": v for k, v in subtree.items()})
                 .values("order__item_version__item_id", "position", "name", "name_en")
                 .annotate(done=Count("id"), on_time=Count("id", filter=Q(on_time=True)))
                 .order_by())
    rows: list[dict] = [dict(r) for r in order_qs]
    step_rows: list[dict] = [dict(r) for r in step_qs]
    ids = {r["item_version__item_id"] for r in rows} | {r["order__item_version__item_id"] for r in step_rows}
    items = {i.pk: i for i in ServiceItem.objects.filter(pk__in=ids).select_related("current")}

    def name(item_id: int) -> tuple[str, str]:
        item = items.get(item_id)
        if item is None:
            return "", ""
        return item.code, item.current.label(language) if item.current else item.code

    by_item: dict[int, dict] = {}
    for r in rows:
        code, label = name(r["item_version__item_id"])
        entry = by_item.setdefault(r["item_version__item_id"], {
            "id": r["item_version__item_id"], "code": code, "name": label, "orders": 0, "resolved": 0,
            "on_time": 0, "by_channel": dict.fromkeys(Channel.values, 0)})
        entry["orders"] += r["orders"]
        entry["resolved"] += r["resolved"]
        entry["on_time"] += r["on_time"]
        entry["by_channel"][r["channel"]] = entry["by_channel"].get(r["channel"], 0) + r["orders"]
    for entry in by_item.values():
        entry["on_time_rate"] = _rate(entry["on_time"], entry["resolved"])
        entry["channel_counts"] = [(Channel(c).label, entry["by_channel"][c]) for c in Channel.values]
    steps = []
    for r in step_rows:
        code, label = name(r["order__item_version__item_id"])
        english = bool(language and language.startswith("en") and r["name_en"])
        steps.append({"item": r["order__item_version__item_id"], "code": code, "item_name": label,
                      "position": r["position"], "name": r["name_en"] if english else r["name"],
                      "done": r["done"], "on_time": r["on_time"], "on_time_rate": _rate(r["on_time"], r["done"])})
    steps.sort(key=lambda s: (s["code"], s["position"], s["name"]))
    return ItemFigures(place=place, period=period, channels=list(Channel.values),
                       items=sorted(by_item.values(), key=lambda e: e["code"]), steps=steps)


# --- the page ---------------------------------------------------------------------------------

@require_GET
@access_rule(Cap.FIGURES_VIEW)
def items_page(request):
    from shiliu.figures.views import _period

    form, place, period = _period(request)
    language = get_language()
    figures = item_figures(place, period, language)
    return render(request, "figures/items.html", {
        "form": form, "place": place, "place_name": place.display_name(language), "period": period,
        "figures": figures, "channel_labels": [Channel(c).label for c in figures.channels],
    })


# --- the API (routed in figures.api) ----------------------------------------------------------

class ItemQuery(Schema):
    place: int | None = Field(None, description="A place in your scope (default: your own)")
    start: date | None = Field(None, description="First day (default: the first of this month)")
    end: date | None = Field(None, description="Last day, included (default: today)")


class ItemRow(Schema):
    id: int
    code: str
    name: str
    orders: int
    by_channel: dict[str, int]
    resolved: int
    on_time: int
    on_time_rate: float | None


class StepRow(Schema):
    item: int
    code: str
    position: int
    name: str
    done: int
    on_time: int
    on_time_rate: float | None


class ItemFiguresOut(Schema):
    place: int
    start: date
    end: date
    items: list[ItemRow]
    steps: list[StepRow]


def item_figures_api(request, q: ItemQuery) -> dict:
    from ninja.errors import HttpError

    default = Period.default()
    period = Period(q.start or default.start, q.end or default.end)
    if period.end < period.start:
        raise HttpError(422, _("The end of the period is before its start."))
    place = place_in_scope(request.auth, q.place)
    f = item_figures(place, period, get_language())
    return {"place": place.pk, "start": period.start, "end": period.end, "items": f.items, "steps": f.steps}
