"""`tocsin deadletter replay`: send dead deliveries again, through the notifier's own idempotent path.

Dead deliveries are read from the `notifications` topic, not from the dead-letter
topic: it is compacted and keyed by idempotency key, so the latest record of a
key says whether that delivery is still dead, and a dead record carries what it
was about: the grouped message, or (Alertmanager receivers) the alert revision. (The dead-letter topic keeps a copy for `tocsin tail deadletter`,
but nothing there says that a delivery succeeded later.) Each replayed delivery
is sent with its usual `Idempotency-Key` and recorded under the same key and
partition — delivered, superseded or dead again — so a second replay finds
nothing left to send.

Per receiver, dead deliveries go in the order they died; a dead message older than
another message of the same group recorded for that receiver (a dead revision
older than another of the same alert) is recorded superseded, not sent: the
receiver has the group's later state. A delivery that still
fails after REPLAY_PATIENCE_SECONDS of retries stays dead, and so do the rest of
that receiver's: the receiver is still down; other receivers go on.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from aiokafka import TopicPartition

from tocsin.durations import parse_duration
from tocsin.kafka import make_producer
from tocsin.metrics import RoleMetrics
from tocsin.records import Delivery, DeliveryOutcome
from tocsin.settings import Settings
from tocsin.streams.notify.delivery import Record, dead_notice, deliver, delivery_record
from tocsin.streams.notify.metrics import NotifierMetrics
from tocsin.streams.notify.receivers.kind import Receiver
from tocsin.streams.notify.retry import RetryPolicy
from tocsin.streams.notify.routing import load_routing
from tocsin.streams.notify.service import build_receivers, load_records

#: A replay is a one-off command with no /metrics page: its deliveries are not counted.
UNCOUNTED = NotifierMetrics(RoleMetrics(None))

#: How long replay retries one delivery before it leaves that receiver's deliveries dead.
REPLAY_PATIENCE_SECONDS = 60.0


@dataclass(frozen=True)
class Dead:
    """A dead delivery as the latest record of its key, in partition `partition` of `notifications`."""

    partition: int
    delivery: Delivery


def parse_since(value: str, now: datetime) -> datetime:
    """`--since`: a duration back from now (30m, 2h, 1d) or an ISO 8601 time (UTC when no offset is given)."""
    try:
        return now - parse_duration(value)
    except ValueError:
        pass
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"--since {value!r}: expected a duration such as 30m, 2h or 1d, or a time such as 2024-05-01T12:00Z") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def still_dead(latest: dict[str, Dead], receiver: str | None, since: datetime | None) -> list[Dead]:
    """The dead deliveries to replay, oldest death first: of `receiver` (all when None), dead at or after `since`."""
    chosen = [
        entry
        for entry in latest.values()
        if entry.delivery.outcome == DeliveryOutcome.DEAD
        and dead_notice(entry.delivery) is not None
        and (receiver is None or entry.delivery.receiver == receiver)
        and (since is None or entry.delivery.at >= since)
    ]
    return sorted(chosen, key=lambda entry: (entry.delivery.at, entry.delivery.alert_revision))


def newest_revisions(latest: dict[str, Dead]) -> dict[tuple[str, str], int]:
    """The newest revision of each alert recorded for each receiver, by (receiver, fingerprint)."""
    newest: dict[tuple[str, str], int] = {}
    for entry in latest.values():
        key = (entry.delivery.receiver, entry.delivery.alert_fingerprint)
        newest[key] = max(newest.get(key, 0), entry.delivery.alert_revision)
    return newest


async def read_latest(settings: Settings) -> dict[str, Dead]:
    """The latest record of every key of `notifications`, with its partition."""
    latest: dict[str, Dead] = {}
    for partition in range(settings.partitions):
        records = await load_records(settings, [TopicPartition(settings.topics.notifications, partition)])
        latest.update((key, Dead(partition, delivery)) for key, delivery in records.items() if delivery is not None)
    return latest


def summary(counts: Counter[DeliveryOutcome]) -> str:
    return (
        f"{counts[DeliveryOutcome.DELIVERED]} delivered, {counts[DeliveryOutcome.SUPERSEDED]} superseded, "
        f"{counts[DeliveryOutcome.DEAD]} still dead"
    )


async def replay_dead(
    settings: Settings, receiver: str | None, since: datetime | None, say: Callable[[str], object]
) -> Counter[DeliveryOutcome]:
    """Send the chosen dead deliveries again; `say` gets one line per delivery; the outcomes are counted."""
    latest = await read_latest(settings)
    chosen = still_dead(latest, receiver, since)
    newest = newest_revisions(latest)
    counts: Counter[DeliveryOutcome] = Counter()
    if not chosen:
        return counts
    routing = load_routing(settings, dict(os.environ))
    policy = RetryPolicy(REPLAY_PATIENCE_SECONDS, settings.delivery_max_backoff.total_seconds())
    producer = make_producer(settings, f"{settings.app_id}-deadletter-replay")
    await producer.start()
    client = httpx.AsyncClient(timeout=httpx.Timeout(settings.http_timeout_seconds), headers={"User-Agent": settings.user_agent})
    try:
        receivers = build_receivers(routing, client, settings.http_timeout_seconds)
        down: set[str] = set()
        for entry in chosen:
            dead = entry.delivery
            key = dead.idempotency_key

            async def record(delivery: Delivery, partition: int = entry.partition) -> None:
                await producer.send_and_wait(
                    settings.topics.notifications, delivery.to_bytes(), key=delivery.idempotency_key.encode(), partition=partition
                )

            if dead.receiver not in receivers or dead.receiver in down:
                why = "not in the receivers file" if dead.receiver not in receivers else "still failing"
                counts[DeliveryOutcome.DEAD] += 1
                say(f"still dead  {key}  (receiver {dead.receiver} {why})")
                continue
            newer = newest.get((dead.receiver, dead.alert_fingerprint), 0)
            outcome = await _replay_one(receivers[dead.receiver], dead, newer if newer > dead.alert_revision else None, policy, record)
            if outcome == DeliveryOutcome.DEAD:
                down.add(dead.receiver)
            counts[outcome] += 1
            say(f"{'still dead' if outcome == DeliveryOutcome.DEAD else outcome.value:<11} {key}")
    finally:
        await client.aclose()
        await producer.stop()
    return counts


async def _replay_one(receiver: Receiver, dead: Delivery, newer: int | None, policy: RetryPolicy, record: Record) -> DeliveryOutcome:
    """Supersede, or deliver with retries until the replay's patience runs out."""
    notice = dead_notice(dead)
    assert notice is not None  # still_dead chose it
    if newer is not None:
        await record(delivery_record(dead.receiver, notice, DeliveryOutcome.SUPERSEDED, 0, superseded_by=newer))
        return DeliveryOutcome.SUPERSEDED
    outcome = await deliver(receiver, notice, policy.deadline(time.time()), policy, record, metrics=UNCOUNTED)
    return outcome or DeliveryOutcome.DEAD
