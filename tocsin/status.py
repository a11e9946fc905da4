"""`tocsin status`: one screen that says whether Tocsin keeps up, fires and delivers.

Kafka answers for the pipeline: consumer lag per group and topic, and per
partition where a topic lags (the worker's group is the app id, the notifier's
`<app id>-notifier`), the last alert and the last delivery. Source health lives only in the connectors' memory, so it comes
from their `/metrics` (`--metrics URL`), judged as the TocsinSourceFailing alert
in deploy/prometheus/rules/tocsin.yml judges it: no success for 30 minutes.
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError
from prometheus_client.parser import text_string_to_metric_families
from pydantic import ValidationError

from tocsin.kafka import login_refused, make_consumer, topic_partitions
from tocsin.lag import PartitionLag, consumer_lags, groups
from tocsin.records import Alert, Delivery, Record
from tocsin.settings import Settings

SOURCE_STALE_SECONDS = 1800
R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class TopicLag:
    """One group on one topic, summed over partitions; the parts say which partition a lag sits on."""

    group: str
    topic: str
    committed: int
    end: int
    partitions: tuple[PartitionLag, ...] = ()

    @property
    def lag(self) -> int:
        return max(self.end - self.committed, 0)


def topic_lags(lags: Sequence[PartitionLag]) -> list[TopicLag]:
    """Per-partition lags summed per group and topic, in group then topic order."""
    parts: dict[tuple[str, str], list[PartitionLag]] = defaultdict(list)
    for lag in lags:
        parts[(lag.group, lag.topic)].append(lag)
    return [
        TopicLag(group, topic, sum(p.committed for p in mine), sum(p.end for p in mine), tuple(sorted(mine, key=lambda p: p.partition)))
        for (group, topic), mine in parts.items()
    ]


@dataclass
class SourceHealth:
    """One source as its connector's metrics describe it."""

    source: str
    last_success: float | None = None
    results: dict[str, int] = field(default_factory=dict)

    def failing(self, now: float) -> bool:
        return self.last_success is None or now - self.last_success > SOURCE_STALE_SECONDS


@dataclass(frozen=True)
class Snapshot:
    """Everything the screen shows, gathered once so formatting is a pure function."""

    now: float
    lags: list[TopicLag]
    last_alert: Alert | None
    last_delivery: Delivery | None
    sources: list[SourceHealth]
    metrics_errors: list[str]

    @property
    def healthy(self) -> bool:
        return not self.metrics_errors and not any(source.failing(self.now) for source in self.sources)


def _consumer(settings: Settings) -> AIOKafkaConsumer:
    return make_consumer(settings, client_id=f"{settings.app_id}-status", enable_auto_commit=False)


async def last_record(settings: Settings, topic: str, model: type[R], timeout: float = 5.0) -> R | None:
    """The newest record of `topic` by timestamp: the last offset of each partition, compared.

    A consumer of its own: re-assigning a consumer that already fetched another topic
    lost the seek in tests (the old fetch position won).
    """
    consumer = _consumer(settings)
    await consumer.start()
    try:
        newest = await _last_values(consumer, topic, timeout)
    finally:
        await consumer.stop()
    for value in newest:
        try:
            return model.from_bytes(value)
        except ValidationError:
            continue  # an invalid last record says nothing about the last alert; try the next partition's
    return None


async def _last_values(consumer: AIOKafkaConsumer, topic: str, timeout: float) -> list[bytes]:
    """The last value of each non-empty partition, newest first."""
    partitions = await topic_partitions(consumer, topic)
    if not partitions:
        return []
    starts, ends = await consumer.beginning_offsets(partitions), await consumer.end_offsets(partitions)
    filled = [tp for tp in partitions if ends[tp] > starts[tp]]
    if not filled:
        return []
    consumer.assign(filled)
    for tp in filled:
        consumer.seek(tp, ends[tp] - 1)
    newest: dict[TopicPartition, tuple[int, bytes]] = {}
    deadline = time.monotonic() + timeout
    while len(newest) < len(filled) and time.monotonic() < deadline:
        for tp, messages in (await consumer.getmany(timeout_ms=200)).items():
            newest[tp] = (messages[-1].timestamp, messages[-1].value)
    return [value for _, value in sorted(newest.values(), key=lambda item: item[0], reverse=True)]


def parse_sources(text: str) -> dict[str, SourceHealth]:
    """Per-source health from one `/metrics` exposition."""
    sources: dict[str, SourceHealth] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            source = sample.labels.get("source")
            if source is None:
                continue
            if sample.name == "tocsin_source_last_success_timestamp_seconds":
                sources.setdefault(source, SourceHealth(source)).last_success = sample.value
            elif sample.name == "tocsin_fetches_total":
                health = sources.setdefault(source, SourceHealth(source))
                health.results[sample.labels["result"]] = int(sample.value)
    return sources


def merge_sources(scrapes: Sequence[dict[str, SourceHealth]]) -> list[SourceHealth]:
    """One line per source across connector processes: the latest success, counts added."""
    merged: dict[str, SourceHealth] = {}
    for scrape in scrapes:
        for name, health in scrape.items():
            into = merged.setdefault(name, SourceHealth(name))
            stamps = [stamp for stamp in (into.last_success, health.last_success) if stamp is not None]
            into.last_success = max(stamps) if stamps else None
            for result, count in health.results.items():
                into.results[result] = into.results.get(result, 0) + count
    return [merged[name] for name in sorted(merged)]


async def scrape_sources(urls: Sequence[str]) -> tuple[list[SourceHealth], list[str]]:
    """Source health from every URL; an unreachable URL is reported, not fatal."""
    scrapes, errors = [], []
    async with httpx.AsyncClient(timeout=5.0) as client:
        for url in urls:
            try:
                response = await client.get(url)
                response.raise_for_status()
                scrapes.append(parse_sources(response.text))
            except (httpx.HTTPError, ValueError) as exc:
                errors.append(f"{url}: {exc or type(exc).__name__}")
    return merge_sources(scrapes), errors


async def gather(settings: Settings, metrics_urls: Sequence[str] = ()) -> Snapshot:
    lags = topic_lags(await consumer_lags(settings))
    last_alert = await last_record(settings, settings.topics.alerts, Alert)
    last_delivery = await last_record(settings, settings.topics.notifications, Delivery)
    sources, errors = await scrape_sources(metrics_urls)
    return Snapshot(time.time(), lags, last_alert, last_delivery, sources, errors)


def _ago(now: float, then: datetime | float) -> str:
    stamp = then.timestamp() if isinstance(then, datetime) else then
    seconds = max(int(now - stamp), 0)
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit} ago"
    return f"{seconds}s ago"


def _when(now: float, then: datetime) -> str:
    return f"{then.astimezone(UTC):%Y-%m-%d %H:%M:%S}Z ({_ago(now, then)})"


def format_lags(lags: Sequence[TopicLag], group_names: Sequence[str]) -> list[str]:
    lines = ["Consumer lag"]
    for group in group_names:
        mine = [lag for lag in lags if lag.group == group]
        if not mine:
            lines.append(f"  {group}: no committed offsets (never ran, or the group expired)")
        for lag in mine:
            lines.append(f"  {group:<24} {lag.topic:<48} lag {lag.lag:>8}  ({lag.committed} of {lag.end})")
            lines.extend(_partition_lines(lag))
    return lines


def _partition_lines(lag: TopicLag) -> list[str]:
    """Where a topic lags, which partitions: one stuck partition (a slow key, a dead worker) shows at once."""
    if not lag.lag or len(lag.partitions) < 2:
        return []
    return [
        f"  {'':<24}   partition {part.partition:<36} lag {part.lag:>8}  ({part.committed} of {part.end})"
        for part in lag.partitions
        if part.lag
    ]


def format_alert(now: float, alert: Alert | None) -> str:
    if alert is None:
        return "Last alert      none"
    return (
        f"Last alert      {_when(now, alert.last_seen)} {alert.severity.value.upper()} {alert.status.value} "
        f"rev {alert.revision} {alert.rule_id}: {alert.title}"
    )


def format_delivery(now: float, delivery: Delivery | None) -> str:
    if delivery is None:
        return "Last delivery   none"
    error = f" error: {delivery.error}" if delivery.error else ""
    return (
        f"Last delivery   {_when(now, delivery.at)} {delivery.outcome.value} to {delivery.receiver} "
        f"after {delivery.attempts} attempt(s), alert {delivery.alert_fingerprint[:12]} rev {delivery.alert_revision}{error}"
    )


def format_sources(now: float, sources: Sequence[SourceHealth], errors: Sequence[str], scraped: bool) -> list[str]:
    if not scraped:
        return ["Sources         unknown: pass --metrics URL of each connectors process"]
    failing = sum(source.failing(now) for source in sources)
    lines = [f"Sources         {len(sources) - failing} ok, {failing} failing"]
    for source in sources:
        state = "FAILING" if source.failing(now) else "ok"
        last = _ago(now, source.last_success) if source.last_success is not None else "never"
        results = " ".join(f"{result}={count}" for result, count in sorted(source.results.items()))
        lines.append(f"  {source.source:<24} {state:<8} last success {last:<10} {results}")
    lines.extend(f"  metrics unreachable: {error}" for error in errors)
    return lines


def format_status(snapshot: Snapshot, group_names: Sequence[str], scraped: bool) -> str:
    now = snapshot.now
    return "\n".join(
        [
            *format_lags(snapshot.lags, group_names),
            format_alert(now, snapshot.last_alert),
            format_delivery(now, snapshot.last_delivery),
            *format_sources(now, snapshot.sources, snapshot.metrics_errors, scraped),
        ]
    )


def status(settings: Settings, metrics_urls: Sequence[str] = ()) -> str:
    """The status screen as text."""
    snapshot = asyncio.run(gather(settings, metrics_urls))
    return format_status(snapshot, groups(settings), bool(metrics_urls))


def run_status(settings: Settings, metrics_urls: Sequence[str]) -> int:
    """Print the screen; exit 0 when healthy, 1 when a source fails or metrics are unreachable, 2 without Kafka."""
    try:
        snapshot = asyncio.run(gather(settings, metrics_urls))
    except KafkaError as exc:
        refused = asyncio.run(login_refused(settings))
        print(f"tocsin status: {refused or f'Kafka at {settings.kafka_bootstrap_servers}: {exc}'}", file=sys.stderr)
        return 2
    print(format_status(snapshot, groups(settings), bool(metrics_urls)))
    return 0 if snapshot.healthy else 1
