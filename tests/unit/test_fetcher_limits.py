"""Small pure parts of the fetcher and its metrics: Retry-After, per-host slots, limits, label bounds."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from prometheus_client import CollectorRegistry

from tocsin.connectors import metrics
from tocsin.connectors.fetcher import FetchLimits, HostSlots, parse_retry_after
from tocsin.metrics import RoleMetrics

NOW = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 7 ", 7.0),
        ("Wed, 01 May 2024 12:01:30 GMT", 90.0),
        ("Wed, 01 May 2024 11:00:00 GMT", 0.0),  # in the past: retry now
        (None, None),
        ("", None),
        ("soon", None),
        ("-5", None),
        ("1.5", None),
    ],
)
def test_retry_after_as_seconds_or_http_date(value, seconds):
    assert parse_retry_after(value, now=NOW) == seconds


def test_limits_derive_from_the_one_timeout_setting():
    assert FetchLimits.from_timeout(10) == FetchLimits(connect_seconds=5, read_seconds=10, total_seconds=30)
    assert FetchLimits.from_timeout(2).connect_seconds == 2


async def test_host_slots_limit_concurrency_per_host_not_globally():
    slots, running, peak = HostSlots(per_host=2), {"a": 0, "b": 0}, {"a": 0, "b": 0}

    async def job(host: str) -> None:
        async with slots(f"https://{host}.example/feed"):
            running[host] += 1
            peak[host] = max(peak[host], running[host])
            await asyncio.sleep(0.01)
            running[host] -= 1

    await asyncio.gather(*(job(host) for host in ("a", "b") * 5))
    assert peak == {"a": 2, "b": 2}
    assert slots("https://A.example/other") is slots("https://a.example/feed")


def test_fetch_results_are_a_bounded_set():
    assert {"ok", "not_modified", "timeout", "http_4xx", "http_5xx", "too_large", "parse_error", "gone"} <= metrics.RESULTS
    registry = CollectorRegistry()
    with pytest.raises(ValueError, match="unknown fetch result"):
        metrics.ConnectorMetrics(RoleMetrics(registry)).count_fetch("s", "https://a.example/feed")
    assert registry.get_sample_value("tocsin_fetches_total", {"source": "s", "result": "https://a.example/feed"}) is None
