"""The notifier's delivery stages without Kafka: retry policy, offsets that may be committed, the retry stage
against a real local webhook, and the choice of dead deliveries to replay."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from prometheus_client import CollectorRegistry

from tests.helpers.http import LocalServer, Response
from tests.unit.factories import T0, alert
from tocsin.metrics import RoleMetrics
from tocsin.records import Delivery, DeliveryOutcome
from tocsin.streams.notify.dead import Dead, newest_revisions, parse_since, still_dead
from tocsin.streams.notify.delivery import Verdict, deliver, delivery_record
from tocsin.streams.notify.metrics import NotifierMetrics
from tocsin.streams.notify.offsets import PendingOffsets
from tocsin.streams.notify.receivers.webhook import WebhookReceiver
from tocsin.streams.notify.retry import RetryPolicy

FAST = RetryPolicy(window_seconds=3600, max_backoff_seconds=0.01)
#: Metrics off, for the tests that do not count.
NO_METRICS = NotifierMetrics(RoleMetrics(None))


def test_backoff_doubles_up_to_the_cap_and_retry_after_wins() -> None:
    policy = RetryPolicy(window_seconds=3600, max_backoff_seconds=60)
    ceilings = [policy.wait(attempt, None, draw=0.999999) for attempt in (1, 2, 3, 8, 9, 50)]
    assert [round(c, 2) for c in ceilings] == [0.5, 1.0, 2.0, 60.0, 60.0, 60.0]
    assert policy.wait(3, None, draw=0.0) == 0.0, "full jitter"
    assert policy.wait(1, 5.0) == 5.0 and policy.wait(20, 120.0) == 120.0, "Retry-After, even above the cap"


def test_a_delivery_is_retried_until_its_window_ends() -> None:
    policy = RetryPolicy(window_seconds=3600, max_backoff_seconds=60)
    deadline = policy.deadline(1_000.0)
    assert deadline == 4_600.0
    assert not policy.gives_up(now=4_500.0, wait=60.0, deadline=deadline)
    assert policy.gives_up(now=4_580.0, wait=60.0, deadline=deadline)


def test_the_committable_offset_waits_for_the_slowest_receiver() -> None:
    pending = PendingOffsets()
    pending.admit(0, 3, deliveries=2)  # a healthy and a failing receiver
    pending.admit(0, 4, deliveries=2)
    pending.admit(1, 7, deliveries=0)  # nothing to send: done at once
    assert pending.committable() == {0: 3, 1: 8}
    pending.finish(0, 4)
    pending.finish(0, 4)
    pending.finish(0, 3)
    assert pending.committable()[0] == 3, "offset 4 is done, 3 is not: a crash must read 3 again"
    pending.finish(0, 3)
    assert pending.committable() == {0: 5, 1: 8}


def test_a_forgotten_partition_is_neither_committed_nor_finished() -> None:
    pending = PendingOffsets()
    pending.admit(2, 10, deliveries=1)
    pending.forget({2})
    pending.finish(2, 10)
    assert pending.committable() == {}


@pytest.fixture
def webhook(server: LocalServer) -> LocalServer:
    return server


@pytest.fixture
def receiver(webhook: LocalServer, client: httpx.AsyncClient) -> WebhookReceiver:
    return WebhookReceiver("ops", webhook.url("/hook"), "key", client)


class Records(list):
    async def __call__(self, delivery: Delivery) -> None:
        self.append(delivery)


async def test_retries_through_500s_and_429s_until_delivered_and_records_it_once(webhook: LocalServer, receiver: WebhookReceiver) -> None:
    webhook.routes["/hook"] = [Response(500), Response(429, headers={"Retry-After": "0"}), Response(503), Response(200)]
    records, registry = Records(), CollectorRegistry()
    outcome = await deliver(receiver, alert(), time.time() + 60, FAST, records, metrics=NotifierMetrics(RoleMetrics(registry)))
    assert outcome == DeliveryOutcome.DELIVERED
    assert [(r.outcome, r.attempts, r.alert) for r in records] == [(DeliveryOutcome.DELIVERED, 4, None)]
    assert {r.headers["Idempotency-Key"] for r in webhook.received("/hook")} == {records[0].idempotency_key}
    counted = {
        kind: registry.get_sample_value("tocsin_notifications_total", {"receiver": "ops", "outcome": kind})
        for kind in ("retry", "delivered")
    }
    assert counted == {"retry": 3.0, "delivered": 1.0}


async def test_past_its_deadline_a_delivery_is_dead_with_the_alert_kept_for_replay(webhook: LocalServer, receiver: WebhookReceiver) -> None:
    webhook.routes["/hook"] = Response(500)
    records = Records()
    outcome = await deliver(receiver, alert(), time.time() + 0.3, FAST, records, metrics=NO_METRICS)
    (record,) = records
    assert outcome == DeliveryOutcome.DEAD and record.outcome == DeliveryOutcome.DEAD
    assert record.attempts == len(webhook.received("/hook")) >= 2 and record.error == "HTTP 500" and record.alert == alert()


async def test_a_permanent_refusal_is_dead_at_once(webhook: LocalServer, receiver: WebhookReceiver) -> None:
    webhook.routes["/hook"] = Response(410)
    records = Records()
    assert await deliver(receiver, alert(), time.time() + 60, FAST, records, metrics=NO_METRICS) == DeliveryOutcome.DEAD
    assert len(webhook.received("/hook")) == 1 and records[0].error == "HTTP 410"


async def test_a_superseded_revision_stops_retrying_and_an_abandoned_one_records_nothing(
    webhook: LocalServer, receiver: WebhookReceiver
) -> None:
    webhook.routes["/hook"] = Response(500)
    verdicts = iter([Verdict(True), Verdict(True), Verdict(False, superseded_by=3)])
    records = Records()
    assert (
        await deliver(receiver, alert(), time.time() + 60, FAST, records, lambda: next(verdicts), metrics=NO_METRICS)
        == DeliveryOutcome.SUPERSEDED
    )
    assert len(webhook.received("/hook")) == 2
    assert [(r.outcome, r.superseded_by) for r in records] == [(DeliveryOutcome.SUPERSEDED, 3)]
    assert await deliver(receiver, alert(), time.time() + 60, FAST, records, lambda: Verdict(False), metrics=NO_METRICS) is None
    assert len(records) == 1 and len(webhook.received("/hook")) == 2


def dead_entry(fingerprint: str, revision: int, receiver: str, outcome: DeliveryOutcome, at: datetime, partition: int = 0) -> Dead:
    record = delivery_record(receiver, alert().model_copy(update={"fingerprint": fingerprint, "revision": revision}), outcome, 1)
    return Dead(partition, record.model_copy(update={"at": at}))


def test_replay_chooses_the_still_dead_deliveries_of_a_receiver_since_a_moment() -> None:
    entries = [
        dead_entry("a", 1, "ops", DeliveryOutcome.DEAD, T0 + timedelta(minutes=5)),
        dead_entry("b", 1, "ops", DeliveryOutcome.DEAD, T0 + timedelta(minutes=1)),
        dead_entry("c", 1, "ops", DeliveryOutcome.DELIVERED, T0),
        dead_entry("d", 1, "mail", DeliveryOutcome.DEAD, T0),
        dead_entry("e", 1, "ops", DeliveryOutcome.DEAD, T0 - timedelta(hours=2)),
    ]
    latest = {entry.delivery.idempotency_key: entry for entry in entries}
    chosen = still_dead(latest, "ops", T0 - timedelta(hours=1))
    assert [entry.delivery.alert_fingerprint for entry in chosen] == ["b", "a"], "oldest death first"
    assert {e.delivery.alert_fingerprint for e in still_dead(latest, None, None)} == {"a", "b", "d", "e"}


def test_replay_knows_the_newest_revision_of_each_alert_per_receiver() -> None:
    entries = [
        dead_entry("a", 1, "ops", DeliveryOutcome.DEAD, T0),
        dead_entry("a", 3, "ops", DeliveryOutcome.DELIVERED, T0),
        dead_entry("a", 5, "mail", DeliveryOutcome.DEAD, T0),
    ]
    assert newest_revisions({e.delivery.idempotency_key: e for e in entries}) == {("ops", "a"): 3, ("mail", "a"): 5}


def test_since_is_a_duration_back_or_a_time() -> None:
    now = datetime(2026, 2, 1, 12, tzinfo=UTC)
    assert parse_since("2h", now) == datetime(2026, 2, 1, 10, tzinfo=UTC)
    assert parse_since("2026-01-31T08:00", now) == datetime(2026, 1, 31, 8, tzinfo=UTC)
    assert parse_since("2026-01-31T08:00+02:00", now) == datetime(2026, 1, 31, 6, tzinfo=UTC)
    with pytest.raises(ValueError, match="--since 'yesterday'"):
        parse_since("yesterday", now)
