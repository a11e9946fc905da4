"""Connector metrics; label values are source ids from the catalog and bounded result names, never URLs."""

from typing import get_args

from prometheus_client import Counter, Gauge, Histogram

from connectors.fetcher import ErrorKind

# ok, not_modified, parse_error (a body that yielded nothing), internal_error (a bug), and the fetch failure kinds
RESULTS = frozenset({"ok", "not_modified", "parse_error", "internal_error", *get_args(ErrorKind)})

FETCHES = Counter("tocsin_fetches_total", "Fetches by source and result.", ["source", "result"])
FETCH_SECONDS = Histogram("tocsin_fetch_duration_seconds", "Fetch duration.", ["source"], buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
BYTES_FETCHED = Counter("tocsin_fetched_bytes_total", "Response body bytes received, after decompression.", ["source"])
ITEMS_EMITTED = Counter("tocsin_items_emitted_total", "Items produced to articles.raw.", ["source"])
ITEMS_DEAD_LETTERED = Counter(
    "tocsin_items_dead_lettered_total", "Items too large for a Kafka record even cut, sent to the dead-letter topic.", ["source"]
)
ARTICLE_FETCHES = Counter(
    "tocsin_article_fetches_total",
    "Article pages fetched for short items (extract_text), by result: ok, fetch_failed, no_text, over_budget.",
    ["source", "result"],
)
LAST_SUCCESS = Gauge("tocsin_source_last_success_timestamp_seconds", "Last successful fetch.", ["source"])


def count_fetch(source_id: str, result: str) -> None:
    """Count one fetch; a result outside RESULTS is a bug, refused so no message or URL becomes a label."""
    if result not in RESULTS:
        raise ValueError(f"unknown fetch result {result!r}")
    FETCHES.labels(source_id, result).inc()
