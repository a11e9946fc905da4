"""The notifier role: consume `alerts`, send each receiver one message per incident, each once, outlasting outages.

Stages, as in Alertmanager's notification pipeline: dedupe (the delivery log) ->
suppress (silences, inhibition) -> dispatch (notification groups, groups.py) ->
one queue and worker per receiver -> retry -> record. Dedupe and suppression
are plain code in admission.py, groups, queues and retries in groups.py,
delivery.py and retry.py; this module runs them on Kafka and holds the record
stage. Receivers whose kind groups alerts itself (Alertmanager) bypass the
dispatch stage and get every alert revision; each kind is one module of
receivers/ (receivers/registry.py lists them).

Exactly-once towards people rests on two things: every decision about a
notification is recorded in the compacted `notifications` topic under its
idempotency key — `group key:message revision:receiver` for a message,
`fingerprint:revision:receiver` for an alert revision — in the same partition
number as the alerts it is about; and before this process handles the first
alert of a newly assigned partition of `alerts` (or, within a second, even if
none comes) it reads that partition of `notifications` and of
`notification-groups`, so a restarted or re-balanced notifier knows what was
decided, holds the same groups and queues the messages they had not delivered.
(Not in the rebalance callback: aiokafka hands out records of a new assignment
while that callback still runs, and only logs its errors.) The one remaining
window — the receiver accepted, the process died before the record was
written — is covered by the `Idempotency-Key` header on webhook requests (and a
stable Message-ID on email).

Nothing is lost: an alert's offset is committed only when every receiver it
was routed to has it in a written group state or has recorded its delivery
(delivered, suppressed, superseded or dead), so a crash or a stop in the middle
of an outage leaves it uncommitted; the next notifier reads it again, skips what
is recorded or grouped already and resumes retrying the rest, with the same
deadline (the record's timestamp, or the message's time, plus `delivery_window`).
A message waits in the outbox of `notification-groups` until its delivery is
recorded.

Silences and inhibition are applied here, per alert revision: the whole
`silences` topic is read before the first alert is handled and followed after
that; a suppressed notification is not sent but recorded (outcome
`suppressed`, with the silence id or the inhibiting fingerprint), so it stays
decided if the revision is read again after the silence has ended. A revision
older than one already queued or recorded for the same receiver is not sent:
it is recorded `superseded` (the receiver gets the alert's current state).

A delivery still failing at the end of its window is recorded `dead`, with the
alert revision in the record, and a copy goes to the dead-letter topic;
`tocsin deadletter replay` (dead.py) sends dead deliveries again.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import KafkaError
from pydantic import ValidationError

from tocsin.kafka import make_consumer, make_producer, read_to_end
from tocsin.metrics import RoleMetrics
from tocsin.records import Alert, Delivery, DeliveryOutcome
from tocsin.settings import Settings
from tocsin.streams.deadletter import dead_letter, dead_letter_record
from tocsin.streams.notify.admission import admit
from tocsin.streams.notify.delivery import ABANDON, SEND, Job, Lane, Verdict, idempotency_key
from tocsin.streams.notify.dispatch import Message
from tocsin.streams.notify.groups import MESSAGE, GroupStage
from tocsin.streams.notify.memory import DeliveryLog
from tocsin.streams.notify.metrics import NotifierMetrics
from tocsin.streams.notify.offsets import PendingOffsets
from tocsin.streams.notify.receivers.kind import DeliveryError, Receiver, Resources
from tocsin.streams.notify.retry import RetryPolicy
from tocsin.streams.notify.routing import Routing, load_routing
from tocsin.streams.silence.matching import Suppression, suppression
from tocsin.streams.silence.store import SilenceStore

log = logging.getLogger(__name__)

HTTP_LOGGERS = ("httpx", "httpcore")


def build_receivers(routing: Routing, client: httpx.AsyncClient, timeout: float) -> dict[str, Receiver]:
    """One Receiver per configured name, each built by its kind; receivers posting to one place share a rate limiter."""
    resources = Resources(client, timeout, routing.secrets, {})
    return {name: routing.kinds.build(config, resources) for name, config in routing.receivers.items()}


class Notifier:
    """The notifier's stages on Kafka: admission (dedupe, silence/inhibit: admission.py), dispatch (groups.py),
    the receivers' lanes (retry: delivery.py), and the record stage here.

    The record stage writes a delivery's record before its alert's offset can be
    committed, and the offset is committed once every receiver the alert was
    routed to has it grouped or recorded (offsets.py). What was recorded is
    remembered, bounded, in `memory` (memory.py).
    """

    def __init__(
        self,
        settings: Settings,
        producer: AIOKafkaProducer,
        consumer: AIOKafkaConsumer,
        receivers: dict[str, Receiver],
        routing: Routing,
        silences: SilenceStore,
        metrics: NotifierMetrics,
    ):
        self.settings = settings
        self.metrics = metrics
        self.producer = producer
        self.consumer = consumer
        self.routing = routing
        self.silences = silences
        self.policy = RetryPolicy(settings.delivery_window.total_seconds(), settings.delivery_max_backoff.total_seconds())
        self.lanes = {
            name: Lane(receiver, self.policy, self, settings.delivery_queue_size, metrics) for name, receiver in receivers.items()
        }
        self.groups = GroupStage(settings, producer)
        self.memory = DeliveryLog(self.policy.window_seconds)
        self._loading = asyncio.Lock()
        self.loaded: set[int] = set()
        self.epochs: defaultdict[int, int] = defaultdict(int)
        self.pending = PendingOffsets()
        self._committed: dict[int, int] = {}
        self._commit_lock = asyncio.Lock()

    async def admit(self, message: Any) -> None:
        """Handle one record of `alerts`: decide what needs no sending now, queue the rest per receiver."""
        try:
            alert = Alert.from_bytes(message.value)
        except ValidationError as exc:
            await dead_letter(self.producer, self.settings, message, exc, self.metrics.dead_letters)
            alert = None
        jobs = await self._jobs(message, alert) if alert is not None else []
        self.pending.admit(message.partition, message.offset, len(jobs))
        for job in jobs:
            await self.lanes[job.receiver].put(job)
        if not jobs:
            await self.commit()

    async def _jobs(self, message: Any, alert: Alert) -> list[Job]:
        """Run the first stages (admission.py) and carry out their decisions: write what is decided, group what is
        grouped, and return a Job for each receiver to send this revision to."""
        await self._load({message.partition})
        held = suppression(alert, self.silences.silences.values(), datetime.now(UTC))
        admission = admit(alert, self.routing.deliveries(alert), self.memory, held, self.routing.grouped)
        for name in admission.duplicates:
            self.metrics.notifications.labels(name, "duplicate").inc()
        if held is not None:
            await self._suppress(admission.suppressed, alert, held, message.partition)
        for name, timing in admission.grouped.items():
            if not await self.groups.add(alert, name, timing, message.partition, message.offset, datetime.now(UTC)):
                self.metrics.notifications.labels(name, "duplicate").inc()
        for delivery in admission.superseded:
            self.metrics.notifications.labels(delivery.receiver, "superseded").inc()
            await self._write(delivery, message.partition)
        deadline = self.policy.deadline(message.timestamp / 1000)
        epoch = self.epochs[message.partition]
        return [Job(name, alert, message.partition, message.offset, epoch, deadline, message) for name in admission.send]

    async def _suppress(self, records: list[Delivery], alert: Alert, held: Suppression, partition: int) -> None:
        for delivery in records:
            self.metrics.notifications.labels(delivery.receiver, "suppressed").inc()
            why = held.silence_id or held.inhibited_by
            log.info("receiver %s, alert %s rev %d: %s (%s)", delivery.receiver, alert.fingerprint, alert.revision, held.reason, why)
            await self._write(delivery, partition)

    async def dispatch(self) -> None:
        """Once a second: read newly assigned partitions (their undelivered messages), queue the messages due."""
        await self._load({tp.partition for tp in self.consumer.assignment()})
        for message, partition in await self.groups.flush(datetime.now(UTC)):
            await self._queue(message, partition)

    async def _queue(self, message: Message, partition: int) -> None:
        if partition not in self.loaded:  # revoked during the flush: its next owner reads the group and its outbox, or flushes it again
            return
        if message.receiver not in self.lanes:  # taken out of the receivers file: the message stays in the outbox
            log.warning(
                "notifier: receiver %s is not configured: message %s rev %d not sent", message.receiver, message.group_key, message.revision
            )
            return
        deadline = self.policy.deadline(message.at.timestamp())
        await self.lanes[message.receiver].put(Job(message.receiver, message, partition, None, self.epochs[partition], deadline))

    def verdict(self, job: Job) -> Verdict:
        """Asked by a lane before each attempt: is the job still this process's, still undecided, still the newest?"""
        if job.epoch != self.epochs[job.partition] or job.partition not in self.loaded:
            return ABANDON  # the partition was revoked: its next owner reads the alert again
        if self.memory.has(idempotency_key(job.notice, job.receiver)):
            self._finish(job)
            return ABANDON
        newer = self.memory.newer(job.receiver, job.notice) if isinstance(job.notice, Alert) else None
        return Verdict(False, newer) if newer is not None else SEND

    def thread(self, job: Job) -> str | None:
        """The receiver's id of the first message of the job's thread (a Slack `ts`), when it gave one."""
        thread = job.notice.thread if isinstance(job.notice, Message) else None
        return self.memory.thread(f"{thread}:{job.receiver}") if thread else None

    async def record(self, job: Job, delivery: Delivery) -> None:
        """The record stage: the delivery record, a dead letter for a dead one, then the commit it allows."""
        if delivery.outcome == DeliveryOutcome.DEAD:
            await self._dead_letter(job, DeliveryError(f"receiver {delivery.receiver}: {delivery.error}"))
        await self._write(delivery, job.partition)
        if isinstance(job.notice, Message):
            await self.groups.sent(job.notice, job.partition)
        if job.epoch == self.epochs[job.partition]:
            self._finish(job)
            await self.commit()

    def _finish(self, job: Job) -> None:
        if job.offset is not None:
            self.pending.finish(job.partition, job.offset)

    async def _dead_letter(self, job: Job, error: Exception) -> None:
        if job.source is not None:
            await dead_letter(self.producer, self.settings, job.source, error, self.metrics.dead_letters)
            return
        key = (MESSAGE + idempotency_key(job.notice, job.receiver)).encode()
        value = job.notice.model_dump_json().encode()
        record = dead_letter_record(
            self.settings.topics.notification_groups, job.partition, -1, key, value, error, self.metrics.dead_letters
        )
        await self.producer.send_and_wait(self.settings.topics.deadletter, record.to_bytes(), key=key)

    async def commit(self) -> None:
        """Commit, per assigned partition, the offset below which every alert is fully recorded."""
        async with self._commit_lock:
            assigned = {tp.partition for tp in self.consumer.assignment()}
            offsets = {p: o for p, o in self.pending.committable().items() if p in assigned and self._committed.get(p) != o}
            if not offsets:
                return
            try:
                await self.consumer.commit({TopicPartition(self.settings.topics.alerts, p): o for p, o in offsets.items()})
            except KafkaError as exc:  # a rebalance under way: the next owner reads from the last commit
                log.warning("notifier: commit of %s failed: %s", offsets, exc)
                return
            self._committed.update(offsets)

    async def release(self, partitions: set[int]) -> None:
        """Revoked partitions: commit what is done, then drop their jobs (the next owner reads the rest again)."""
        await self.commit()
        for partition in partitions:
            self.epochs[partition] += 1
            self._committed.pop(partition, None)
        self.loaded -= partitions
        self.pending.forget(partitions)
        self.groups.forget(partitions)

    async def _load(self, partitions: set[int]) -> None:
        """Read the delivery records and the groups of newly assigned partitions, once per assignment, before acting on them."""
        async with self._loading:
            fresh = sorted(partitions - self.loaded)
            if not fresh:
                return
            topics = self.settings.topics
            read = await read_compacted(
                self.settings, [TopicPartition(t, p) for p in fresh for t in (topics.notifications, topics.notification_groups)]
            )
            restored = []
            for partition in fresh:
                records = read.get(TopicPartition(topics.notifications, partition), {})
                for key, value in records.items():
                    self.memory.remember(key, _delivery(value))
                groups = read.get(TopicPartition(topics.notification_groups, partition), {})
                async with self.groups.lock:
                    restored.append((partition, *self.groups.load(groups, set(records))))
                self.loaded.add(partition)
                log.info(
                    "notifier: %d delivery record(s), %d group record(s) loaded for partition %d", len(records), len(groups), partition
                )
        for partition, outbox, stale in restored:
            for key in stale:
                await self.groups.drop(key, partition)
            for message in outbox:
                await self._queue(message, partition)
            if outbox:
                log.info("notifier: %d message(s) of partition %d not delivered yet: queued again", len(outbox), partition)

    async def _write(self, delivery: Delivery, partition: int) -> None:
        await self.producer.send_and_wait(
            self.settings.topics.notifications, delivery.to_bytes(), key=delivery.idempotency_key.encode(), partition=partition
        )
        self.memory.remember(delivery.idempotency_key, delivery)


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


class _ReleaseRevoked(ConsumerRebalanceListener):
    """A revoked partition may be delivered by another notifier meanwhile: commit what is done, drop the rest."""

    def __init__(self, notifier: Notifier):
        self.notifier = notifier

    async def on_partitions_revoked(self, revoked) -> None:
        await self.notifier.release({tp.partition for tp in revoked})

    async def on_partitions_assigned(self, assigned) -> None:
        pass


async def load_records(settings: Settings, partitions: list[TopicPartition]) -> dict[str, Delivery | None]:
    """The latest record of every idempotency key in `partitions` of `notifications` (None: a value that does not parse)."""
    read = await read_compacted(settings, partitions)
    return {key: _delivery(value) for records in read.values() for key, value in records.items()}


async def read_compacted(settings: Settings, partitions: list[TopicPartition]) -> dict[TopicPartition, dict[str, bytes | None]]:
    """Per partition of compacted topics, the latest value of every key (None: deleted)."""
    consumer = make_consumer(settings, enable_auto_commit=False)
    await consumer.start()
    records: dict[TopicPartition, dict[str, bytes | None]] = {tp: {} for tp in partitions}
    try:
        async for message in read_to_end(consumer, partitions):
            if message.key:
                records[TopicPartition(message.topic, message.partition)][message.key.decode()] = message.value
    finally:
        await consumer.stop()
    return records


def _delivery(value: bytes | None) -> Delivery | None:
    try:
        return Delivery.from_bytes(value) if value else None
    except ValidationError:
        return None


#: How often due groups are flushed: the resolution of group_wait and group_interval.
DISPATCH_SECONDS = 1.0


async def _every(seconds: float, step) -> None:
    """Run `step` every `seconds`; a failure is logged and the next round tries again (the groups' state is on Kafka)."""
    while True:
        try:
            await step()
        except Exception:  # a Kafka failure or a bug must not stop the groups' messages for good
            log.exception("notifier: dispatch failed; retried in %.0f s", seconds)
        await asyncio.sleep(seconds)


async def run_notifier(settings: Settings, metrics: RoleMetrics) -> None:
    """Run the notifier role until cancelled, its metrics defined on `metrics`; a bad receivers file stops it before it consumes."""
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
    consumer = make_consumer(
        settings,
        group_id=f"{settings.app_id}-notifier",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        session_timeout_ms=10_000,
        heartbeat_interval_ms=3_000,
    )
    receivers = build_receivers(routing, client, settings.http_timeout_seconds)
    notifier = Notifier(settings, producer, consumer, receivers, routing, silences, NotifierMetrics(metrics))
    await consumer.start()
    consumer.subscribe([settings.topics.alerts], listener=_ReleaseRevoked(notifier))
    for lane in notifier.lanes.values():
        lane.start()
    dispatcher = asyncio.create_task(_every(DISPATCH_SECONDS, notifier.dispatch), name="notify-dispatch")
    try:
        async for message in consumer:
            await notifier.admit(message)
    finally:
        dispatcher.cancel()
        await asyncio.gather(dispatcher, return_exceptions=True)
        # A stop: each receiver finishes and records the attempt in hand, then what is fully recorded is committed.
        for lane in notifier.lanes.values():
            await lane.stop()
        await notifier.commit()
        follower.cancel()
        await consumer.stop()
        await silences.stop()
        await client.aclose()
        await producer.stop()
        for name in HTTP_LOGGERS:
            logging.getLogger(name).removeFilter(redact)
