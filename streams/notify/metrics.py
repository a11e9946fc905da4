"""The notifier's metrics; label values are receiver names from the receivers file and bounded outcomes."""

from __future__ import annotations

from datetime import UTC, datetime

from tocsin.metrics import RoleMetrics
from tocsin.records import Alert
from tocsin.streams.deadletter import dead_letter_counter


class NotifierMetrics:
    """The notifier role's metrics, defined on its registry (tocsin.metrics) and handed to the Notifier and its lanes."""

    def __init__(self, role: RoleMetrics):
        self.notifications = role.counter(
            "tocsin_notifications_total", "Notification attempts and decisions by receiver and outcome.", ["receiver", "outcome"]
        )
        self.dead = role.counter(
            "tocsin_notifications_dead_total", "Notifications given up at the end of their delivery window.", ["receiver"]
        )
        self.queued = role.gauge(
            "tocsin_notifications_queued", "Notifications waiting in a receiver's queue, the one being retried included.", ["receiver"]
        )
        self.latency = role.histogram(
            "tocsin_alert_delivery_latency_seconds",
            "From the newest evidence item's publication, or its fetch, to the alert's delivery.",
            ["since"],
            buckets=(1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600),
        )
        self.dead_letters = dead_letter_counter(role)

    def observe_latency(self, alert: Alert) -> None:
        """End-to-end latency of a delivery, measured on the evidence that made this revision news."""
        if not alert.evidence:
            return
        newest = max(alert.evidence, key=lambda item: item.fetched or item.published)
        now = datetime.now(UTC)
        self.latency.labels("published").observe(max(0.0, (now - newest.published).total_seconds()))
        if newest.fetched is not None:
            self.latency.labels("fetched").observe(max(0.0, (now - newest.fetched).total_seconds()))
