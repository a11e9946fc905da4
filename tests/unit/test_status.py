"""`tocsin status` formatting and metrics parsing, from fake snapshots (no broker)."""

from __future__ import annotations

from datetime import UTC, datetime

from tocsin.records import Alert, AlertCounts, AlertStatus, Delivery, DeliveryOutcome, Severity
from tocsin.settings import load_settings
from tocsin.status import (
    PartitionLag,
    Snapshot,
    SourceHealth,
    TopicLag,
    format_lags,
    format_status,
    merge_sources,
    parse_sources,
    run_status,
    topic_lags,
)

NOW = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC).timestamp()
GROUPS = ["tocsin", "tocsin-notifier"]
METRICS = """\
# TYPE tocsin_fetches_total counter
tocsin_fetches_total{result="ok",source="wire"} 12.0
tocsin_fetches_total{result="timeout",source="wire"} 1.0
tocsin_fetches_total{result="http_5xx",source="down"} 7.0
# TYPE tocsin_source_last_success_timestamp_seconds gauge
tocsin_source_last_success_timestamp_seconds{source="wire"} %s
tocsin_source_last_success_timestamp_seconds{source="stale"} %s
# TYPE tocsin_signals_total counter
tocsin_signals_total{region="ukraine_russia",type="shelling"} 3.0
""" % (NOW - 90, NOW - 3 * 3600)


def alert() -> Alert:
    at = datetime(2024, 5, 1, 11, 58, 0, tzinfo=UTC)
    return Alert(
        rule_id="violence",
        severity=Severity.CRITICAL,
        fingerprint="73ae60a64d27b1aca510",
        status=AlertStatus.FIRING,
        revision=2,
        title="shelling in south_caucasus",
        summary="",
        counts=AlertCounts(signals=3, stories=2, sources=2),
        first_seen=at,
        last_seen=at,
    )


def delivery() -> Delivery:
    return Delivery(
        idempotency_key="73ae60a64d27b1aca510:2:slack",
        receiver="slack",
        alert_fingerprint="73ae60a64d27b1aca510",
        alert_revision=2,
        outcome=DeliveryOutcome.DEAD,
        attempts=5,
        at=datetime(2024, 5, 1, 11, 59, 30, tzinfo=UTC),
        error="HTTP 500",
    )


def snapshot(**changes) -> Snapshot:
    values = {
        "now": NOW,
        "lags": [TopicLag("tocsin", "tocsin.articles.raw", 90, 130), TopicLag("tocsin-notifier", "tocsin.alerts", 4, 4)],
        "last_alert": alert(),
        "last_delivery": delivery(),
        "sources": merge_sources([parse_sources(METRICS)]),
        "metrics_errors": [],
    }
    return Snapshot(**{**values, **changes})


def test_parse_sources_reads_success_times_and_results_and_ignores_other_metrics():
    sources = parse_sources(METRICS)
    assert sorted(sources) == ["down", "stale", "wire"]
    assert sources["wire"].last_success == NOW - 90 and sources["wire"].results == {"ok": 12, "timeout": 1}
    assert sources["down"].last_success is None and sources["down"].results == {"http_5xx": 7}


def test_merge_takes_the_latest_success_and_adds_counts_across_connector_processes():
    first = {"wire": SourceHealth("wire", NOW - 4000, {"ok": 2})}
    second = {"wire": SourceHealth("wire", NOW - 60, {"ok": 3, "timeout": 1}), "other": SourceHealth("other", None, {"gone": 1})}
    merged = merge_sources([first, second])
    assert [(s.source, s.last_success, s.results) for s in merged] == [
        ("other", None, {"gone": 1}),
        ("wire", NOW - 60, {"ok": 5, "timeout": 1}),
    ]


def test_one_screen_with_lag_last_alert_last_delivery_and_sources():
    text = format_status(snapshot(), GROUPS, scraped=True)
    lines = text.splitlines()
    assert lines[0] == "Consumer lag"
    assert lines[1].split() == ["tocsin", "tocsin.articles.raw", "lag", "40", "(90", "of", "130)"]
    assert lines[2].split()[:4] == ["tocsin-notifier", "tocsin.alerts", "lag", "0"]
    assert lines[3] == "Last alert      2024-05-01 11:58:00Z (2m ago) CRITICAL firing rev 2 violence: shelling in south_caucasus"
    assert lines[4] == (
        "Last delivery   2024-05-01 11:59:30Z (30s ago) dead to slack after 5 attempt(s), alert 73ae60a64d27 rev 2 error: HTTP 500"
    )
    assert lines[5] == "Sources         1 ok, 2 failing"
    assert [line.split()[:2] for line in lines[6:]] == [["down", "FAILING"], ["stale", "FAILING"], ["wire", "ok"]]
    assert "last success never" in lines[6] and "http_5xx=7" in lines[6]
    assert "last success 3h ago" in lines[7] and "last success 1m ago" in lines[8] and "ok=12 timeout=1" in lines[8]


def test_screen_says_what_is_missing():
    text = format_status(snapshot(lags=[], last_alert=None, last_delivery=None, sources=[]), GROUPS, scraped=False)
    assert text.splitlines() == [
        "Consumer lag",
        "  tocsin: no committed offsets (never ran, or the group expired)",
        "  tocsin-notifier: no committed offsets (never ran, or the group expired)",
        "Last alert      none",
        "Last delivery   none",
        "Sources         unknown: pass --metrics URL of each connectors process",
    ]


def test_unreachable_metrics_are_shown_and_make_the_snapshot_unhealthy():
    broken = snapshot(sources=[], metrics_errors=["http://127.0.0.1:9401/metrics: connection refused"])
    assert "  metrics unreachable: http://127.0.0.1:9401/metrics: connection refused" in format_status(broken, GROUPS, scraped=True)
    assert not broken.healthy
    assert not snapshot().healthy, "failing sources"
    assert snapshot(sources=[SourceHealth("wire", NOW - 10, {"ok": 1})]).healthy


def test_without_kafka_run_status_exits_2_with_one_line(capsys):
    settings = load_settings(environ={"KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1"})
    assert run_status(settings, []) == 2
    assert capsys.readouterr().err.startswith("tocsin status: Kafka at 127.0.0.1:1: ")


def test_partition_lags_sum_per_group_and_topic_keeping_the_parts():
    parts = [
        PartitionLag("tocsin", "raw", 1, 50, 80),
        PartitionLag("tocsin", "raw", 0, 10, 10),
        PartitionLag("tocsin", "signals", 0, 3, 3),
        PartitionLag("tocsin-notifier", "raw", 0, 1, 2),
    ]
    lags = topic_lags(parts)
    assert [(lag.group, lag.topic, lag.committed, lag.end, lag.lag) for lag in lags] == [
        ("tocsin", "raw", 60, 90, 30),
        ("tocsin", "signals", 3, 3, 0),
        ("tocsin-notifier", "raw", 1, 2, 1),
    ]
    assert [part.partition for part in lags[0].partitions] == [0, 1], "parts in partition order"


def test_a_lagging_topic_shows_its_lagging_partitions_and_a_caught_up_one_does_not():
    lags = topic_lags(
        [
            PartitionLag("tocsin", "raw", 0, 10, 10),
            PartitionLag("tocsin", "raw", 1, 50, 80),
            PartitionLag("tocsin", "raw", 2, 5, 9),
            PartitionLag("tocsin", "signals", 0, 3, 3),
            PartitionLag("tocsin", "signals", 1, 4, 4),
        ]
    )
    lines = format_lags(lags, ["tocsin"])
    assert [line.split() for line in lines[1:]] == [
        ["tocsin", "raw", "lag", "34", "(65", "of", "99)"],
        ["partition", "1", "lag", "30", "(50", "of", "80)"],
        ["partition", "2", "lag", "4", "(5", "of", "9)"],
        ["tocsin", "signals", "lag", "0", "(7", "of", "7)"],
    ]
