"""The notifier role: consume `alerts`, deliver each revision once per receiver.

Exactly-once towards people rests on two things: every delivery is recorded in the
compacted `notifications` topic under its idempotency key, in the same partition
number as the alert it delivers; and when this process is assigned a partition of
`alerts` it first reads that partition of `notifications`, so a restarted or
re-balanced notifier knows what was already sent. The one remaining window — the
receiver accepted, the process died before the record was written — is covered by
the `Idempotency-Key` header on webhook requests.
"""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import UTC, datetime

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from prometheus_client import Counter
from pydantic import ValidationError

from streams.deadletter import dead_letter
from streams.notify.receivers import ConsoleReceiver, DeliveryError, Receiver, SlackWebhookReceiver
from tocsin.kafka import make_producer
from tocsin.records import Alert, Delivery, DeliveryOutcome
from tocsin.settings import Settings

log = logging.getLogger(__name__)

NOTIFICATIONS = Counter("tocsin_notifications_total", "Notification attempts by receiver and outcome.", ["receiver", "outcome"])
MAX_BACKOFF_SECONDS = 60.0


def idempotency_key(alert: Alert, receiver: str) -> str:
    return f"{alert.fingerprint}:{alert.revision}:{receiver}"


def receivers_from(settings: Settings, client: httpx.AsyncClient) -> list[Receiver]:
    receivers: list[Receiver] = []
    if settings.console_alerts:
        receivers.append(ConsoleReceiver())
    if settings.webhook_url:
        receivers.append(SlackWebhookReceiver(settings.webhook_url, client))
    return receivers


class Notifier:
    def __init__(self, settings: Settings, producer: AIOKafkaProducer, receivers: list[Receiver]):
        self.settings = settings
        self.producer = producer
        self.receivers = receivers
        self.delivered: set[str] = set()

    async def handle(self, partition: int, alert: Alert) -> None:
        for receiver in self.receivers:
            key = idempotency_key(alert, receiver.name)
            if key in self.delivered:
                NOTIFICATIONS.labels(receiver.name, "duplicate").inc()
                continue
            record = await self._deliver(receiver, alert, key)
            await self.producer.send_and_wait(
                self.settings.topics.notifications, record.to_bytes(), key=key.encode(), partition=partition
            )
            self.delivered.add(key)

    async def _deliver(self, receiver: Receiver, alert: Alert, key: str) -> Delivery:
        attempts = self.settings.delivery_attempts
        error = None
        for attempt in range(1, attempts + 1):
            try:
                await receiver.send(alert, key)
                NOTIFICATIONS.labels(receiver.name, "delivered").inc()
                return self._record(receiver, alert, key, DeliveryOutcome.DELIVERED, attempt)
            except DeliveryError as exc:
                error = str(exc)
                NOTIFICATIONS.labels(receiver.name, "retry" if attempt < attempts else "dead").inc()
                log.warning("receiver %s, alert %s rev %d: attempt %d/%d failed: %s", receiver.name, alert.fingerprint, alert.revision, attempt, attempts, exc)
                if exc.permanent or attempt == attempts:
                    break
                await asyncio.sleep(exc.retry_after if exc.retry_after is not None else backoff(attempt))
        return self._record(receiver, alert, key, DeliveryOutcome.DEAD, attempt, error)

    @staticmethod
    def _record(receiver: Receiver, alert: Alert, key: str, outcome: DeliveryOutcome, attempts: int, error: str | None = None) -> Delivery:
        return Delivery(
            idempotency_key=key,
            receiver=receiver.name,
            alert_fingerprint=alert.fingerprint,
            alert_revision=alert.revision,
            outcome=outcome,
            attempts=attempts,
            at=datetime.now(UTC),
            error=error,
        )


def backoff(attempt: int) -> float:
    """Exponential backoff with full jitter: 0.5 s, 1 s, 2 s ... capped."""
    return random.uniform(0, min(MAX_BACKOFF_SECONDS, 0.5 * 2 ** (attempt - 1)))


class _LoadDelivered(ConsumerRebalanceListener):
    """On assignment, read the matching partitions of `notifications` before consuming alerts."""

    def __init__(self, settings: Settings, notifier: Notifier):
        self.settings = settings
        self.notifier = notifier

    async def on_partitions_revoked(self, revoked) -> None:
        pass

    async def on_partitions_assigned(self, assigned) -> None:
        partitions = [TopicPartition(self.settings.topics.notifications, tp.partition) for tp in assigned]
        if partitions:
            count = await load_delivered(self.settings, partitions, self.notifier.delivered)
            log.info("notifier: %d delivery record(s) loaded for partitions %s", count, sorted(tp.partition for tp in partitions))


async def load_delivered(settings: Settings, partitions: list[TopicPartition], into: set[str]) -> int:
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    count = 0
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        remaining = {tp for tp in partitions if ends[tp] > 0}
        while remaining:
            batches = await consumer.getmany(*remaining, timeout_ms=1000)
            for tp, messages in batches.items():
                for message in messages:
                    if message.key:
                        into.add(message.key.decode())
                        count += 1
            remaining = {tp for tp in remaining if await consumer.position(tp) < ends[tp]}
    finally:
        await consumer.stop()
    return count


async def run_notifier(settings: Settings) -> None:
    """Run the notifier role until cancelled."""
    producer = make_producer(settings, f"{settings.app_id}-notifier")
    await producer.start()
    client = httpx.AsyncClient(timeout=httpx.Timeout(settings.http_timeout_seconds), headers={"User-Agent": settings.user_agent})
    notifier = Notifier(settings, producer, receivers_from(settings, client))
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        group_id=f"{settings.app_id}-notifier",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=10_000,
        heartbeat_interval_ms=3_000,
    )
    await consumer.start()
    consumer.subscribe([settings.topics.alerts], listener=_LoadDelivered(settings, notifier))
    try:
        async for message in consumer:
            try:
                alert = Alert.from_bytes(message.value)
            except ValidationError as exc:
                await dead_letter(producer, settings, message, exc)
            else:
                await notifier.handle(message.partition, alert)
            await consumer.commit({TopicPartition(message.topic, message.partition): message.offset + 1})
    finally:
        await consumer.stop()
        await client.aclose()
        await producer.stop()
