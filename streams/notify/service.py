"""The notifier role: consume `alerts`, deliver each revision once per routed receiver.

Exactly-once towards people rests on two things: every delivery is recorded in the
compacted `notifications` topic under its idempotency key, in the same partition
number as the alert it delivers; and before this process handles the first alert
of a newly assigned partition of `alerts` it reads that partition of
`notifications`, so a restarted or re-balanced notifier knows what was already
sent. (Not in the rebalance callback: aiokafka hands out records of a new
assignment while that callback still runs, and only logs its errors.) The one remaining window — the
receiver accepted, the process died before the record was written — is covered by
the `Idempotency-Key` header on webhook requests (and a stable Message-ID on email).

Silences and inhibition are applied here, per alert revision: the whole `silences`
topic is read before the first alert is handled and followed after that; a
suppressed notification is not sent but recorded (outcome `suppressed`, with the
silence id or the inhibiting fingerprint) under the same idempotency key, so it
stays decided if the revision is read again after the silence has ended.

The receivers of one alert are served concurrently, each with its own retries, so
a slow or dead receiver delays only itself. A delivery that runs out of attempts
is recorded `dead` and its alert goes to the dead-letter topic for replay.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from prometheus_client import Counter, Histogram
from pydantic import ValidationError

from streams.deadletter import dead_letter
from streams.notify.receivers import (
    SLACK_INTERVAL_SECONDS,
    AlertmanagerReceiver,
    ConsoleReceiver,
    DeliveryError,
    EmailReceiver,
    RateLimiter,
    Receiver,
    SlackWebhookReceiver,
    WebhookReceiver,
)
from streams.notify.routing import (
    AlertmanagerConfig,
    ConsoleConfig,
    EmailConfig,
    ReceiverConfig,
    Routing,
    SlackConfig,
    WebhookConfig,
    load_routing,
)
from streams.silence.matching import Suppression, suppression
from streams.silence.store import SilenceStore
from tocsin.kafka import make_consumer, make_producer
from tocsin.records import Alert, Delivery, DeliveryOutcome
from tocsin.settings import Settings
from tocsin.shutdown import uninterrupted

log = logging.getLogger(__name__)

NOTIFICATIONS = Counter("tocsin_notifications_total", "Notification attempts by receiver and outcome.", ["receiver", "outcome"])
DEAD = Counter("tocsin_notifications_dead_total", "Notifications given up after the last attempt.", ["receiver"])
LATENCY = Histogram(
    "tocsin_alert_delivery_latency_seconds",
    "From the newest evidence item's publication, or its fetch, to the alert's delivery.",
    ["since"],
    buckets=(1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600),
)
MAX_BACKOFF_SECONDS = 60.0
HTTP_LOGGERS = ("httpx", "httpcore")


def observe_latency(alert: Alert) -> None:
    """End-to-end latency of a delivery, measured on the evidence that made this revision news."""
    if not alert.evidence:
        return
    newest = max(alert.evidence, key=lambda item: item.fetched or item.published)
    now = datetime.now(UTC)
    LATENCY.labels("published").observe(max(0.0, (now - newest.published).total_seconds()))
    if newest.fetched is not None:
        LATENCY.labels("fetched").observe(max(0.0, (now - newest.fetched).total_seconds()))


def idempotency_key(alert: Alert, receiver: str) -> str:
    return f"{alert.fingerprint}:{alert.revision}:{receiver}"


def build_receivers(routing: Routing, client: httpx.AsyncClient, timeout: float) -> dict[str, Receiver]:
    """One Receiver per configured name; Slack receivers posting to the same URL share a rate limiter."""
    limiters: defaultdict[str, RateLimiter] = defaultdict(lambda: RateLimiter(SLACK_INTERVAL_SECONDS))
    return {name: _receiver(config, routing, client, timeout, limiters) for name, config in routing.receivers.items()}


def _receiver(
    config: ReceiverConfig, routing: Routing, client: httpx.AsyncClient, timeout: float, limiters: defaultdict[str, RateLimiter]
) -> Receiver:
    match config:
        case ConsoleConfig():
            return ConsoleReceiver(config.name)
        case SlackConfig():
            url = routing.secrets[config.url_env]
            return SlackWebhookReceiver(config.name, url, client, limiters[url])
        case WebhookConfig():
            return WebhookReceiver(config.name, config.url, routing.secrets[config.secret_env], client)
        case EmailConfig():
            return EmailReceiver(config, routing.secret(config.password_env), timeout)
        case AlertmanagerConfig():
            return AlertmanagerReceiver(config.name, config.url, client)
    raise AssertionError(f"no receiver for {config!r}")


class Notifier:
    def __init__(self, settings: Settings, producer: AIOKafkaProducer, receivers: dict[str, Receiver], routing: Routing, silences: SilenceStore):
        self.settings = settings
        self.producer = producer
        self.receivers = receivers
        self.routing = routing
        self.silences = silences
        self.delivered: set[str] = set()
        self.loaded: set[int] = set()

    async def handle(self, message: Any, alert: Alert) -> None:
        """Deliver `alert` (read from the aiokafka record `message`) to its routed receivers at once."""
        await self._load(message.partition)
        names = self.routing.receivers_for(alert)
        held = suppression(alert, self.silences.silences.values(), datetime.now(UTC))
        await asyncio.gather(*(self._notify(self.receivers[name], message, alert, held) for name in names))

    async def _load(self, partition: int) -> None:
        """Read the delivery records of `partition` once per assignment, before acting on it."""
        if partition in self.loaded:
            return
        count = await load_delivered(self.settings, [TopicPartition(self.settings.topics.notifications, partition)], self.delivered)
        self.loaded.add(partition)
        log.info("notifier: %d delivery record(s) loaded for partition %d", count, partition)

    async def _notify(self, receiver: Receiver, message: Any, alert: Alert, held: Suppression | None) -> None:
        key = idempotency_key(alert, receiver.name)
        if key in self.delivered:
            NOTIFICATIONS.labels(receiver.name, "duplicate").inc()
            return
        record = self._suppressed(receiver, alert, key, held) if held else await self._deliver(receiver, alert, key)
        if record.outcome == DeliveryOutcome.DEAD:
            DEAD.labels(receiver.name).inc()
            await dead_letter(self.producer, self.settings, message, DeliveryError(f"receiver {receiver.name}: {record.error}"))
        await self.producer.send_and_wait(
            self.settings.topics.notifications, record.to_bytes(), key=key.encode(), partition=message.partition
        )
        self.delivered.add(key)

    async def _deliver(self, receiver: Receiver, alert: Alert, key: str) -> Delivery:
        attempts = self.settings.delivery_attempts
        error = None
        for attempt in range(1, attempts + 1):
            try:
                await receiver.send(alert, key)
                NOTIFICATIONS.labels(receiver.name, "delivered").inc()
                observe_latency(alert)
                return self._record(receiver, alert, key, DeliveryOutcome.DELIVERED, attempt)
            except DeliveryError as exc:
                error = str(exc)
                NOTIFICATIONS.labels(receiver.name, "retry" if attempt < attempts else "dead").inc()
                log.warning("receiver %s, alert %s rev %d: attempt %d/%d failed: %s", receiver.name, alert.fingerprint, alert.revision, attempt, attempts, exc)
                if exc.permanent or attempt == attempts:
                    break
                await asyncio.sleep(exc.retry_after if exc.retry_after is not None else backoff(attempt))
        return self._record(receiver, alert, key, DeliveryOutcome.DEAD, attempt, error)

    def _suppressed(self, receiver: Receiver, alert: Alert, key: str, held: Suppression) -> Delivery:
        NOTIFICATIONS.labels(receiver.name, "suppressed").inc()
        log.info("receiver %s, alert %s rev %d: %s (%s)", receiver.name, alert.fingerprint, alert.revision, held.reason, held.silence_id or held.inhibited_by)
        return self._record(receiver, alert, key, DeliveryOutcome.SUPPRESSED, 0, silenced_by=held.silence_id, inhibited_by=held.inhibited_by)

    @staticmethod
    def _record(receiver: Receiver, alert: Alert, key: str, outcome: DeliveryOutcome, attempts: int, error: str | None = None, **why: str | None) -> Delivery:
        """The Delivery record; `why` is silenced_by or inhibited_by for a suppressed one."""
        return Delivery(
            idempotency_key=key,
            receiver=receiver.name,
            alert_fingerprint=alert.fingerprint,
            alert_revision=alert.revision,
            outcome=outcome,
            attempts=attempts,
            at=datetime.now(UTC),
            error=error,
            **why,
        )


class RedactSecrets(logging.Filter):
    """Blanks secrets in log records: httpx logs every request URL at INFO, and a Slack URL is a credential."""

    def __init__(self, secrets: list[str]):
        super().__init__()
        self.secrets = [secret for secret in secrets if secret]

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        for secret in self.secrets:
            text = text.replace(secret, "<secret>")
        record.msg, record.args = text, ()
        return True


def backoff(attempt: int) -> float:
    """Exponential backoff with full jitter: 0.5 s, 1 s, 2 s ... capped."""
    return random.uniform(0, min(MAX_BACKOFF_SECONDS, 0.5 * 2 ** (attempt - 1)))


class _ForgetRevoked(ConsumerRebalanceListener):
    """A revoked partition may be delivered by another notifier meanwhile: reload it if it comes back."""

    def __init__(self, notifier: Notifier):
        self.notifier = notifier

    async def on_partitions_revoked(self, revoked) -> None:
        self.notifier.loaded -= {tp.partition for tp in revoked}

    async def on_partitions_assigned(self, assigned) -> None:
        pass


async def load_delivered(settings: Settings, partitions: list[TopicPartition], into: set[str]) -> int:
    consumer = make_consumer(settings, enable_auto_commit=False)
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
    """Run the notifier role until cancelled; a bad receivers file stops it before it consumes."""
    routing = load_routing(settings, dict(os.environ))
    redact = RedactSecrets(list(routing.secrets.values()))
    for name in HTTP_LOGGERS:
        logging.getLogger(name).addFilter(redact)
    log.info("notifier: receivers %s; default route %s", sorted(routing.receivers), routing.default)
    producer = make_producer(settings, f"{settings.app_id}-notifier")
    await producer.start()
    client = httpx.AsyncClient(timeout=httpx.Timeout(settings.http_timeout_seconds), headers={"User-Agent": settings.user_agent})
    silences = SilenceStore(settings)
    log.info("notifier: %d silence(s) loaded", await silences.start())
    follower = asyncio.create_task(silences.follow())
    notifier = Notifier(settings, producer, build_receivers(routing, client, settings.http_timeout_seconds), routing, silences)
    consumer = make_consumer(
        settings,
        group_id=f"{settings.app_id}-notifier",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=10_000,
        heartbeat_interval_ms=3_000,
    )
    await consumer.start()
    consumer.subscribe([settings.topics.alerts], listener=_ForgetRevoked(notifier))

    async def handle_and_commit(message: Any) -> None:
        try:
            alert = Alert.from_bytes(message.value)
        except ValidationError as exc:
            await dead_letter(producer, settings, message, exc)
        else:
            await notifier.handle(message, alert)
        await consumer.commit({TopicPartition(message.topic, message.partition): message.offset + 1})

    try:
        async for message in consumer:
            await uninterrupted(handle_and_commit(message))  # a stop lets the alert in hand be delivered and recorded
    finally:
        follower.cancel()
        await consumer.stop()
        await silences.stop()
        await client.aclose()
        await producer.stop()
        for name in HTTP_LOGGERS:
            logging.getLogger(name).removeFilter(redact)
