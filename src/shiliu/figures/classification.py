"""SECURITY.md A1 for the figures: counts of work orders, no person in them."""

from shiliu.core.classification import FOREVER, GENERAL, ID, F
from shiliu.figures.counts import COUNTS

_C = F(GENERAL, "counts of work orders per day, place and category for the dashboards", FOREVER)
_ROW = ("place", "place_path", "category", *COUNTS)

FIELDS = {
    "figures.OrderDayStats": {name: _C for name in ("day", *_ROW)} | {"id": ID},
    "figures.OrderMonthStats": {name: _C for name in ("month", *_ROW)} | {"id": ID},
    "figures.SubtreeDayCount": {"id": ID, "day": _C, "place": _C, "created": _C},
    "figures.OverdueCount": {"id": ID, "place": _C, "place_path": _C, "n": _C},
    "figures.RollupMark": {"id": ID, "name": F(GENERAL, "progress of the rollup", FOREVER),
                           "at": F(GENERAL, "progress of the rollup", FOREVER)},
}
