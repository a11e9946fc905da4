"""Per-receiver delivery: one bounded queue and one worker per receiver, and the retry stage.

The notifier's stages have Alertmanager's shape: on the consumer side
(service.py) dedupe against the delivery log, suppress (silences, inhibition),
then fan out a `Job` to the `Lane` of each routed receiver; here each lane's
worker runs the retry stage on its jobs and hands the outcome to the record
stage (service.py), which writes it to the `notifications` topic and lets the
alert's offset be committed once every receiver has recorded its delivery.

One worker per receiver, one job at a time, in order: a receiver that is down
holds up only its own queue; it is probed by one request per backoff rather than
one per queued alert; and once it is back it gets an alert's revisions in order.
A job that waits behind a failing one keeps its own deadline, but always gets
at least one attempt.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from streams.notify import metrics
from streams.notify.receivers import DeliveryError, Receiver
from streams.notify.retry import RetryPolicy
from tocsin.records import Alert, Delivery, DeliveryOutcome
from tocsin.shutdown import uninterrupted

log = logging.getLogger(__name__)

Record = Callable[[Delivery], Awaitable[None]]


def idempotency_key(alert: Alert, receiver: str) -> str:
    return f"{alert.fingerprint}:{alert.revision}:{receiver}"


def delivery_record(receiver: str, alert: Alert, outcome: DeliveryOutcome, attempts: int, **details: Any) -> Delivery:
    """The Delivery record of `alert` for `receiver`; `details` are error, silenced_by, inhibited_by, superseded_by."""
    return Delivery(
        idempotency_key=idempotency_key(alert, receiver), receiver=receiver, alert_fingerprint=alert.fingerprint,
        alert_revision=alert.revision, outcome=outcome, attempts=attempts, at=datetime.now(UTC),
        alert=alert if outcome == DeliveryOutcome.DEAD else None, **details,
    )


@dataclass(frozen=True)
class Verdict:
    """Whether a delivery is still to be attempted: `send`, or not, and then maybe because a newer revision came."""

    send: bool
    superseded_by: int | None = None


SEND = Verdict(True)
ABANDON = Verdict(False)


async def deliver(receiver: Receiver, alert: Alert, deadline: float, policy: RetryPolicy, record: Record,
                  verdict: Callable[[], Verdict] = lambda: SEND) -> DeliveryOutcome | None:
    """The retry stage: attempt until delivered, refused for good, superseded or past `deadline`; record the outcome.

    `verdict` is asked before every attempt. Each attempt and the record of its
    success are one unit that a stop does not cut; the waits between attempts are
    cut at once (the alert's offset is not committed, so the next notifier resumes).
    Returns the recorded outcome, or None when the verdict abandoned the delivery.
    """
    attempt = 0
    while True:
        current = verdict()
        if current.superseded_by is not None:
            metrics.NOTIFICATIONS.labels(receiver.name, "superseded").inc()
            await uninterrupted(record(delivery_record(receiver.name, alert, DeliveryOutcome.SUPERSEDED, attempt, superseded_by=current.superseded_by)))
            return DeliveryOutcome.SUPERSEDED
        if not current.send:
            return None
        attempt += 1
        error = await uninterrupted(_attempt(receiver, alert, attempt, record))
        if error is None:
            return DeliveryOutcome.DELIVERED
        wait = policy.wait(attempt, error.retry_after)
        if error.permanent or policy.gives_up(time.time(), wait, deadline):
            metrics.NOTIFICATIONS.labels(receiver.name, "dead").inc()
            metrics.DEAD.labels(receiver.name).inc()
            log.error("receiver %s, alert %s rev %d: dead after %d attempt(s): %s", receiver.name, alert.fingerprint, alert.revision, attempt, error)
            await uninterrupted(record(delivery_record(receiver.name, alert, DeliveryOutcome.DEAD, attempt, error=str(error))))
            return DeliveryOutcome.DEAD
        metrics.NOTIFICATIONS.labels(receiver.name, "retry").inc()
        log.warning("receiver %s, alert %s rev %d: attempt %d failed: %s; next in %.1f s",
                    receiver.name, alert.fingerprint, alert.revision, attempt, error, wait)
        await asyncio.sleep(wait)


async def _attempt(receiver: Receiver, alert: Alert, attempt: int, record: Record) -> DeliveryError | None:
    """One call to the receiver, and the record of its success; the failure is returned, not raised."""
    try:
        await receiver.send(alert, idempotency_key(alert, receiver.name))
    except DeliveryError as exc:
        return exc
    metrics.NOTIFICATIONS.labels(receiver.name, "delivered").inc()
    metrics.observe_latency(alert)
    await record(delivery_record(receiver.name, alert, DeliveryOutcome.DELIVERED, attempt))
    return None


@dataclass(frozen=True)
class Job:
    """One alert revision for one receiver, with the aiokafka record it was read from."""

    receiver: str
    alert: Alert
    message: Any
    epoch: int
    deadline: float


class LaneOwner(Protocol):
    """What a lane needs from the consumer side: a verdict per job, and the record stage."""

    def verdict(self, job: Job) -> Verdict: ...

    async def record(self, job: Job, delivery: Delivery) -> None: ...


class Lane:
    """A receiver's bounded queue and its worker task."""

    def __init__(self, receiver: Receiver, policy: RetryPolicy, owner: LaneOwner, size: int):
        self.receiver = receiver
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
        metrics.QUEUED.labels(self.receiver.name).inc()

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
                await deliver(self.receiver, job.alert, job.deadline, self.policy,
                              lambda delivery, job=job: self.owner.record(job, delivery), lambda job=job: self.owner.verdict(job))
            except Exception:  # a bug or a Kafka failure on one job must not end the receiver's worker
                log.exception("receiver %s, alert %s rev %d: delivery failed; it is retried after a restart", name, job.alert.fingerprint, job.alert.revision)
            finally:
                metrics.QUEUED.labels(name).dec()
