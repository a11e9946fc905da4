"""The worker's metrics; label values are bounded by config (signal types, regions, rule ids, partitions)."""

from tocsin.metrics import RoleMetrics
from tocsin.streams.deadletter import dead_letter_counter


class WorkerMetrics:
    """The worker role's metrics, defined on its registry (tocsin.metrics); the agents reach them through `Wiring`."""

    def __init__(self, role: RoleMetrics):
        self.articles_in = role.counter("tocsin_articles_received_total", "Raw articles consumed by the normalizer.")
        self.duplicates = role.counter("tocsin_articles_duplicate_total", "Articles dropped as exact duplicates.", ["key"])
        self.articles_out = role.counter("tocsin_articles_total", "Unique articles produced to the articles topic.")
        self.signals = role.counter("tocsin_signals_total", "Signals produced.", ["type", "region"])
        self.alerts = role.counter("tocsin_alerts_total", "Alert revisions produced.", ["rule", "severity", "status"])
        self.escalation = role.gauge("tocsin_escalation_index", "A region's escalation score over the last hour.", ["region"])
        self.consumer_lag = role.gauge(
            "tocsin_consumer_lag", "Records not yet processed, by consumer group, topic and partition.", ["group", "topic", "partition"]
        )
        self.rereads = role.counter(
            "tocsin_records_reread_total", "Records read again because a rebalance passed over them (streams/transport.py).", ["topic"]
        )
        self.dead_letters = dead_letter_counter(role)
