"""The counters of a rollup row (figures.models.OrderCounts), in the dashboards' order: summed
over rows for any period. Kept apart from the models so the field classification can name them."""

COUNTS = ("created", "cancelled", "dispatched", "ack_known", "ack_on_time", "resolved", "resolved_on_time",
          "closed", "callbacks", "solved", "partly_solved", "satisfied", "reopened", "returned")
