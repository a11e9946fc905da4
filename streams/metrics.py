"""Stream-stage metrics; label values are bounded by config (signal types, regions, rule ids, partitions)."""

from prometheus_client import Counter, Gauge

ARTICLES_IN = Counter("tocsin_articles_received_total", "Raw articles consumed by the normalizer.")
DUPLICATES = Counter("tocsin_articles_duplicate_total", "Articles dropped as exact duplicates.", ["key"])
ARTICLES_OUT = Counter("tocsin_articles_total", "Unique articles produced to the articles topic.")
SIGNALS = Counter("tocsin_signals_total", "Signals produced.", ["type", "region"])
ALERTS = Counter("tocsin_alerts_total", "Alert revisions produced.", ["rule", "severity", "status"])
ESCALATION = Gauge("tocsin_escalation_index", "A region's escalation score over the last hour.", ["region"])
CONSUMER_LAG = Gauge(
    "tocsin_consumer_lag", "Records not yet processed, by consumer group, topic and partition.", ["group", "topic", "partition"]
)
REREADS = Counter(
    "tocsin_records_reread_total", "Records read again because a rebalance passed over them (streams/transport.py).", ["topic"]
)
