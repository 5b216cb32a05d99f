"""Daily figures of work orders, rolled up by the worker from the orders themselves.

One row per (day the order was opened, the order's place, category). A period's
figures are sums of rows, so the district dashboard reads thousands of rows, not a million
orders. The worker refreshes the days whose orders changed since its last run (at most a
minute behind); ``shiliu figures_rollup --all`` rebuilds everything.
"""

from django.db import models


class OrderCounts(models.Model):
    """The counts of orders of one place and category over a span (a day, a month)."""

    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="+")
    place_path = models.CharField(max_length=255)
    category = models.ForeignKey("workorders.Category", on_delete=models.CASCADE, related_name="+")
    created = models.PositiveIntegerField(default=0)
    cancelled = models.PositiveIntegerField(default=0)
    dispatched = models.PositiveIntegerField(default=0)
    ack_known = models.PositiveIntegerField(default=0)
    ack_on_time = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    resolved_on_time = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    callbacks = models.PositiveIntegerField(default=0)
    solved = models.PositiveIntegerField(default=0)
    partly_solved = models.PositiveIntegerField(default=0)
    satisfied = models.PositiveIntegerField(default=0)
    reopened = models.PositiveIntegerField(default=0)
    returned = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class OrderDayStats(OrderCounts):
    day = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "place", "category"], name="stats_day_place_category")]
        indexes = [models.Index(fields=["place_path", "day"], name="stats_path_day"),
                   models.Index(fields=["day"], name="stats_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.place_id}/{self.category_id}"


class RollupMark(models.Model):
    """How far the rollup has read the orders' changes."""

    name = models.CharField(max_length=40, unique=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}@{self.at:%Y-%m-%d %H:%M:%S}"


class OrderMonthStats(OrderCounts):
    """The daily rows summed per month (first day of the month), so a year reads twelve
    months of rows, not 365 days of them; rebuilt from OrderDayStats by the rollup."""

    month = models.DateField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["month", "place", "category"],
                                               name="stats_month_place_category")]
        indexes = [models.Index(fields=["place_path", "month"], name="stats_path_month")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.place_id}/{self.category_id}"


class SubtreeDayCount(models.Model):
    """Orders opened per day in a place and everything below it (one row per day for each
    place that has orders beneath it): the dashboard's series per day reads one row a day."""

    day = models.DateField()
    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="+")
    created = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["place", "day"], name="subtree_place_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.place_id}: {self.created}"


class OverdueCount(models.Model):
    """Open orders past their deadline per place, counted by the rollup each minute (a
    district's count would otherwise read every open order on each view of the dashboard)."""

    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="+")
    place_path = models.CharField(max_length=255, db_index=True)
    n = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.place_id}: {self.n}"
