"""Connector metrics; label values are source ids from the catalog, never URLs."""

from prometheus_client import Counter, Gauge, Histogram

FETCHES = Counter("tocsin_fetches_total", "Fetches by source and result.", ["source", "result"])
FETCH_SECONDS = Histogram(
    "tocsin_fetch_duration_seconds", "Fetch duration.", ["source"], buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
)
ITEMS_EMITTED = Counter("tocsin_items_emitted_total", "Items produced to articles.raw.", ["source"])
LAST_SUCCESS = Gauge("tocsin_source_last_success_timestamp_seconds", "Last successful fetch.", ["source"])
