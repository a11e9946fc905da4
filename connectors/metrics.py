"""Connector metrics; label values are source ids from the catalog and bounded result names, never URLs."""

from typing import get_args

from tocsin.connectors.fetcher import ErrorKind
from tocsin.metrics import RoleMetrics

# ok, not_modified, parse_error (a body that yielded nothing), internal_error (a bug), and the fetch failure kinds
RESULTS = frozenset({"ok", "not_modified", "parse_error", "internal_error", *get_args(ErrorKind)})


class ConnectorMetrics:
    """The connector role's metrics, defined on its registry (tocsin.metrics) and handed to the Poller."""

    def __init__(self, role: RoleMetrics):
        self.fetches = role.counter("tocsin_fetches_total", "Fetches by source and result.", ["source", "result"])
        self.fetch_seconds = role.histogram(
            "tocsin_fetch_duration_seconds", "Fetch duration.", ["source"], buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
        )
        self.bytes_fetched = role.counter("tocsin_fetched_bytes_total", "Response body bytes received, after decompression.", ["source"])
        self.items_emitted = role.counter("tocsin_items_emitted_total", "Items produced to articles.raw.", ["source"])
        self.items_dead_lettered = role.counter(
            "tocsin_items_dead_lettered_total", "Items too large for a Kafka record even cut, sent to the dead-letter topic.", ["source"]
        )
        self.article_fetches = role.counter(
            "tocsin_article_fetches_total",
            "Article pages fetched for short items (extract_text), by result: ok, fetch_failed, no_text, over_budget.",
            ["source", "result"],
        )
        self.last_success = role.gauge("tocsin_source_last_success_timestamp_seconds", "Last successful fetch.", ["source"])

    def count_fetch(self, source_id: str, result: str) -> None:
        """Count one fetch; a result outside RESULTS is a bug, refused so no message or URL becomes a label."""
        if result not in RESULTS:
            raise ValueError(f"unknown fetch result {result!r}")
        self.fetches.labels(source_id, result).inc()
