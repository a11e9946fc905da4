"""Per-receiver delivery: one bounded queue and one worker per receiver, and the retry stage.

The notifier's stages have Alertmanager's shape: on the consumer side
(admission.py, run by service.py) dedupe against the delivery log, suppress
(silences, inhibition), group (groups.py), then hand a `Job` — a group's message, or an alert revision
for an Alertmanager receiver — to the `Lane` of its receiver; here each lane's
worker runs the retry stage on its jobs and hands the outcome to the record
stage (service.py), which writes it to the `notifications` topic.

One worker per receiver, one job at a time, in order: a receiver that is down
holds up only its own queue; it is probed by one request per backoff rather than
one per queued job; and once it is back it gets a group's messages in order.
A job that waits behind a failing one keeps its own deadline, but always gets
at least one attempt.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from tocsin.records import Alert, Delivery, DeliveryOutcome
from tocsin.shutdown import uninterrupted
from tocsin.streams.notify.dispatch import Message
from tocsin.streams.notify.metrics import NotifierMetrics
from tocsin.streams.notify.receivers.kind import DeliveryError, Receiver
from tocsin.streams.notify.retry import RetryPolicy

log = logging.getLogger(__name__)

Record = Callable[[Delivery], Awaitable[None]]

#: What one delivery is about: a group's message, or one alert revision (Alertmanager receivers group themselves).
Notice = Alert | Message


def subject(notice: Notice) -> tuple[str, int]:
    """(what the notice is about, its revision): the alert's fingerprint or the group's key."""
    return (notice.fingerprint, notice.revision) if isinstance(notice, Alert) else (notice.group_key, notice.revision)


def idempotency_key(notice: Notice, receiver: str) -> str:
    """`fingerprint:revision:receiver` of an alert, `group key:message revision:receiver` of a message."""
    about, revision = subject(notice)
    return f"{about}:{revision}:{receiver}"


def delivery_record(receiver: str, notice: Notice, outcome: DeliveryOutcome, attempts: int, **details: Any) -> Delivery:
    """The Delivery record of `notice` for `receiver`; `details` are error, silenced_by, inhibited_by, superseded_by, thread_ref."""
    about, revision = subject(notice)
    dead = outcome == DeliveryOutcome.DEAD
    return Delivery(
        idempotency_key=idempotency_key(notice, receiver),
        receiver=receiver,
        alert_fingerprint=about,
        alert_revision=revision,
        outcome=outcome,
        attempts=attempts,
        at=datetime.now(UTC),
        alert=notice if dead and isinstance(notice, Alert) else None,
        message=notice.model_dump(mode="json") if dead and isinstance(notice, Message) else None,
        **details,
    )


def dead_notice(delivery: Delivery) -> Notice | None:
    """What a dead delivery was about, as kept in its record (None: a record that kept nothing)."""
    if delivery.alert is not None:
        return delivery.alert
    return Message.model_validate(delivery.message) if delivery.message is not None else None


@dataclass(frozen=True)
class Verdict:
    """Whether a delivery is still to be attempted: `send`, or not, and then maybe because a newer revision came."""

    send: bool
    superseded_by: int | None = None


SEND = Verdict(True)
ABANDON = Verdict(False)


async def deliver(
    receiver: Receiver,
    notice: Notice,
    deadline: float,
    policy: RetryPolicy,
    record: Record,
    verdict: Callable[[], Verdict] = lambda: SEND,
    thread: str | None = None,
    *,
    metrics: NotifierMetrics,
) -> DeliveryOutcome | None:
    """The retry stage: attempt until delivered, refused for good, superseded or past `deadline`; record the outcome.

    `thread` is the receiver's id of the message a grouped message replies to.
    `verdict` is asked before every attempt. Each attempt and the record of its
    success are one unit that a stop does not cut; the waits between attempts are
    cut at once (the alert's offset is not committed, so the next notifier resumes).
    Returns the recorded outcome, or None when the verdict abandoned the delivery.
    """
    attempt = 0
    while True:
        current = verdict()
        if current.superseded_by is not None:
            metrics.notifications.labels(receiver.name, "superseded").inc()
            await uninterrupted(
                record(delivery_record(receiver.name, notice, DeliveryOutcome.SUPERSEDED, attempt, superseded_by=current.superseded_by))
            )
            return DeliveryOutcome.SUPERSEDED
        if not current.send:
            return None
        attempt += 1
        error = await uninterrupted(_attempt(receiver, notice, attempt, record, thread, metrics))
        if error is None:
            return DeliveryOutcome.DELIVERED
        wait = policy.wait(attempt, error.retry_after)
        if error.permanent or policy.gives_up(time.time(), wait, deadline):
            metrics.notifications.labels(receiver.name, "dead").inc()
            metrics.dead.labels(receiver.name).inc()
            log.error("receiver %s, %s rev %d: dead after %d attempt(s): %s", receiver.name, *subject(notice), attempt, error)
            await uninterrupted(record(delivery_record(receiver.name, notice, DeliveryOutcome.DEAD, attempt, error=str(error))))
            return DeliveryOutcome.DEAD
        metrics.notifications.labels(receiver.name, "retry").inc()
        log.warning("receiver %s, %s rev %d: attempt %d failed: %s; next in %.1f s", receiver.name, *subject(notice), attempt, error, wait)
        await asyncio.sleep(wait)


async def _attempt(
    receiver: Receiver, notice: Notice, attempt: int, record: Record, thread: str | None, metrics: NotifierMetrics
) -> DeliveryError | None:
    """One call to the receiver, and the record of its success; the failure is returned, not raised."""
    try:
        ref = await receiver.send(notice, idempotency_key(notice, receiver.name), thread)
    except DeliveryError as exc:
        return exc
    metrics.notifications.labels(receiver.name, "delivered").inc()
    for alert in [notice] if isinstance(notice, Alert) else [item.alert for item in notice.alerts if item.new]:
        metrics.observe_latency(alert)
    await record(delivery_record(receiver.name, notice, DeliveryOutcome.DELIVERED, attempt, thread_ref=ref))
    return None


@dataclass(frozen=True)
class Job:
    """One notice for one receiver; an alert's with the aiokafka record it was read from, a message's with its partition."""

    receiver: str
    notice: Notice
    partition: int
    offset: int | None
    epoch: int
    deadline: float
    source: Any = None  # the aiokafka record of an alert, for its dead letter


class LaneOwner(Protocol):
    """What a lane needs from the consumer side: a verdict per job, and the record stage."""

    def verdict(self, job: Job) -> Verdict: ...

    def thread(self, job: Job) -> str | None: ...

    async def record(self, job: Job, delivery: Delivery) -> None: ...


class Lane:
    """A receiver's bounded queue and its worker task."""

    def __init__(self, receiver: Receiver, policy: RetryPolicy, owner: LaneOwner, size: int, metrics: NotifierMetrics):
        self.receiver = receiver
        self.metrics = metrics
        self.policy = policy
        self.owner = owner
        self.queue: asyncio.Queue[Job] = asyncio.Queue(size)
        self._task: asyncio.Task | None = None

    def start(self) -> Lane:
        self._task = asyncio.create_task(self._work(), name=f"notify-{self.receiver.name}")
        return self

    async def put(self, job: Job) -> None:
        """Queue `job`; when the queue is full, wait for room (the consumer stops reading meanwhile)."""
        if self.queue.full():
            log.warning("receiver %s: queue full (%d): reading alerts pauses until it has room", self.receiver.name, self.queue.maxsize)
        await self.queue.put(job)
        self.metrics.queued.labels(self.receiver.name).inc()

    async def stop(self) -> None:
        """Cancel the worker: an attempt in hand finishes and is recorded, a wait ends at once."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _work(self) -> None:
        name = self.receiver.name
        while True:
            job = await self.queue.get()
            try:
                await deliver(
                    self.receiver,
                    job.notice,
                    job.deadline,
                    self.policy,
                    functools.partial(self.owner.record, job),
                    functools.partial(self.owner.verdict, job),
                    self.owner.thread(job),
                    metrics=self.metrics,
                )
            except Exception:  # a bug or a Kafka failure on one job must not end the receiver's worker
                log.exception("receiver %s, %s rev %d: delivery failed; it is retried after a restart", name, *subject(job.notice))
            finally:
                self.metrics.queued.labels(name).dec()
