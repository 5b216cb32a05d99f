"""/api/v1/figures: the dashboard's figures as JSON, scoped like the page."""

from datetime import date

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.figures.items import ItemFiguresOut, ItemQuery, item_figures_api
from shiliu.figures.metrics import Period, order_figures, place_in_scope

router = Router(tags=["figures"])


class FigureQuery(Schema):
    place: int | None = Field(None, description="A place in your scope (default: your own)")
    start: date | None = Field(None, description="First day (default: the first of this month)")
    end: date | None = Field(None, description="Last day, included (default: today)")


class Rate(Schema):
    key: str
    label: str
    value: float | None
    numerator: int
    denominator: int


class Breakdown(Schema):
    id: int | None
    name: str
    created: int
    resolved: int


class FiguresOut(Schema):
    place: int
    start: date
    end: date
    totals: dict[str, int]
    rates: list[Rate]
    overdue_now: int
    by_category: list[Breakdown]
    by_place: list[Breakdown]
    returns_by_unit: list[dict]
    calls: dict | None


@router.get("/orders", response=FiguresOut, summary="Work-order and hotline figures for a place and period")
@access_rule(Cap.FIGURES_VIEW)
def figures_orders(request, q: Query[FigureQuery]):
    default = Period.default()
    period = Period(q.start or default.start, q.end or default.end)
    if period.end < period.start:
        raise HttpError(422, _("The end of the period is before its start."))
    place = place_in_scope(request.auth, q.place)
    f = order_figures(request.auth, place, period)
    lang = get_language()
    return {
        "place": place.pk, "start": period.start, "end": period.end, "totals": f.totals,
        "rates": [{**r, "label": str(r["label"])} for r in f.rates], "overdue_now": f.overdue_now,
        "by_category": [{"id": getattr(r["category"], "pk", None),
                         "name": r["category"].label(lang) if r["category"] else "", "created": r["created"],
                         "resolved": r["resolved"]} for r in f.by_category],
        "by_place": [{"id": r["place"].pk, "name": r["place"].name, "created": r["created"],
                      "resolved": r["resolved"]} for r in f.by_place],
        "returns_by_unit": [{"unit": r["unit_id"], "name": r["name"], "returns": r["n"]} for r in f.returns_by_unit],
        "calls": f.calls,
    }


@router.get("/items", response=ItemFiguresOut,
            summary="Orders per service item and channel, on-time rate per item and per step (counts only)")
@access_rule(Cap.FIGURES_VIEW)
def figures_items(request, q: Query[ItemQuery]):
    return item_figures_api(request, q)  # shiliu.figures.items (ADR 0017)
