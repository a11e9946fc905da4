"""The notifier's metrics; call sites use them through this module (`metrics.NOTIFICATIONS`), see tocsin.metrics."""

from __future__ import annotations

from datetime import UTC, datetime

from prometheus_client import Counter, Gauge, Histogram

from tocsin.records import Alert

NOTIFICATIONS = Counter(
    "tocsin_notifications_total", "Notification attempts and decisions by receiver and outcome.", ["receiver", "outcome"]
)
DEAD = Counter("tocsin_notifications_dead_total", "Notifications given up at the end of their delivery window.", ["receiver"])
QUEUED = Gauge("tocsin_notifications_queued", "Notifications waiting in a receiver's queue, the one being retried included.", ["receiver"])
LATENCY = Histogram(
    "tocsin_alert_delivery_latency_seconds",
    "From the newest evidence item's publication, or its fetch, to the alert's delivery.",
    ["since"],
    buckets=(1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600),
)


def observe_latency(alert: Alert) -> None:
    """End-to-end latency of a delivery, measured on the evidence that made this revision news."""
    if not alert.evidence:
        return
    newest = max(alert.evidence, key=lambda item: item.fetched or item.published)
    now = datetime.now(UTC)
    LATENCY.labels("published").observe(max(0.0, (now - newest.published).total_seconds()))
    if newest.fetched is not None:
        LATENCY.labels("fetched").observe(max(0.0, (now - newest.fetched).total_seconds()))
