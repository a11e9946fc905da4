"""Receivers that fail for minutes, on the real broker with a real notifier: nothing lost, nothing delivered twice.

The issue's scenarios share one run, so the suite pays the five minutes once: a
webhook answering 500 for 5 minutes, one answering 429 with `Retry-After: 5` for a
minute, and a healthy one whose latency is compared with a no-fault phase of the
same run; near the end of the outage the notifier is killed and another one
resumes the retries. Then `tocsin deadletter replay`.

Every alert here has a region of its own, so each is its own notification group
and each of its revisions one message (group_wait 0, group_interval 1 s):
what a receiver was told is read from the messages it accepted.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from tests.helpers.http import LocalServer, Response, Until, at_least, wait_for
from tests.helpers.kafka import read_topic
from tests.integration.conftest import BOOTSTRAP, FAST_GROUPS, start_role, write_yaml
from tests.integration.test_notify_receivers import make_alert
from tocsin import PROJECT_ROOT
from tocsin.records import Alert, Delivery, DeliveryOutcome
from tocsin.streams.notify.dispatch import Message, group_key

OUTAGE_SECONDS = 300
STORM_SECONDS = 60
RETRY_AFTER_SECONDS = 5
SECRET = "outage-secret"


def webhooks(server: LocalServer, *names: str) -> list[dict]:
    return [{"name": name, "kind": "webhook", "url": server.url(f"/{name}"), "secret_env": "IT_HOOK_SECRET"} for name in names]


def start_notifier(roles, env: dict[str, str], tmp_path: Path, receivers: list[dict], **settings: str):
    config = write_yaml(
        tmp_path / "receivers.yaml", {"receivers": receivers, "default": {"receivers": [r["name"] for r in receivers], **FAST_GROUPS}}
    )
    return start_role(
        roles,
        "notifier",
        env,
        tmp_path,
        TOCSIN_RECEIVERS_FILE=str(config),
        TOCSIN_CONSOLE_ALERTS="false",
        IT_HOOK_SECRET=SECRET,
        **settings,
    )


def alert(fingerprint: str, revision: int = 1) -> Alert:
    """An alert alone in its notification group: its region is its own."""
    return make_alert(fingerprint, revision=revision, region=f"r-{fingerprint}")


def message_key(fingerprint: str, revision: int, receiver: str) -> str:
    """The idempotency key of message `revision` of the group of `alert(fingerprint)` for `receiver`."""
    return f"{group_key(receiver, {'region': f'r-{fingerprint}'})}:{revision}:{receiver}"


def delivered_keys(server: LocalServer, name: str) -> Counter[str]:
    """Idempotency keys of the requests receiver `name` accepted (2xx), with how often each was accepted."""
    return Counter(r.headers["Idempotency-Key"] for r in server.received(f"/{name}") if r.status < 300)


def told(server: LocalServer, name: str) -> dict[str, float]:
    """Each `fingerprint:revision` the accepted messages of receiver `name` told as new, with when it first arrived."""
    arrived: dict[str, float] = {}
    for request in (r for r in server.received(f"/{name}") if r.status < 300):
        for item in Message.model_validate_json(request.body).alerts:
            if item.new:
                arrived.setdefault(f"{item.alert.fingerprint}:{item.alert.revision}", request.at)
    return arrived


def latest_records(env: dict[str, str]) -> dict[str, Delivery]:
    return {
        key.decode(): Delivery.from_bytes(value) for _, _, key, value in read_topic(BOOTSTRAP, env["TOCSIN_TOPIC_PREFIX"] + "notifications")
    }


def keys_with(env: dict[str, str], outcome: DeliveryOutcome) -> list[str]:
    return [key for key, record in latest_records(env).items() if record.outcome == outcome]


class Producer:
    """Produces alerts on a schedule from one long-lived client, remembering when each was sent."""

    def __init__(self, topic: str):
        self.topic = topic
        self.sent: dict[str, float] = {}

    async def run(self, schedule: list[tuple[float, Alert]]) -> None:
        producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
        await producer.start()
        start = time.monotonic()
        try:
            for offset_seconds, alert in schedule:
                await asyncio.sleep(max(0.0, start + offset_seconds - time.monotonic()))
                self.sent[f"{alert.fingerprint}:{alert.revision}"] = time.time()
                await producer.send_and_wait(self.topic, alert.to_bytes(), key=alert.labels["region"].encode())
        finally:
            await producer.stop()


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def latencies(server: LocalServer, name: str, sent: dict[str, float], revisions: set[str]) -> list[float]:
    """Seconds from production to the receiver's accepted request, for the given `fingerprint:revision`s."""
    arrived = told(server, name)
    return [arrived[revision] - sent[revision] for revision in revisions]


@pytest.mark.timeout(OUTAGE_SECONDS + 240)
def test_five_minute_500_a_429_storm_and_a_crash_lose_nothing_and_do_not_slow_the_healthy_receiver(pipeline_env, roles, server, tmp_path):
    names = ("down", "storm", "healthy")
    for name in names:
        server.routes[f"/{name}"] = Response(200)
    receivers = webhooks(server, *names)
    # A 10 s backoff cap (default 60 s) so the suite waits seconds, not a minute, after the outage ends.
    first = start_notifier(roles, pipeline_env, tmp_path, receivers, TOCSIN_DELIVERY_MAX_BACKOFF="10s")
    producer = Producer(pipeline_env["TOCSIN_TOPIC_PREFIX"] + "alerts")
    warmup = [(0.0, alert("fp-warmup"))]
    asyncio.run(producer.run(warmup))
    wait_for(lambda: all(delivered_keys(server, n) for n in names), 90, "the notifier to deliver its first alert", running=roles)

    # No faults: the healthy receiver's latency to compare with.
    calm = [(float(i), alert(f"fp-calm-{i}")) for i in range(10)]
    asyncio.run(producer.run(calm))
    wait_for(lambda: all(len(delivered_keys(server, n)) == 11 for n in names), 60, "the no-fault phase", running=roles)

    # Faults: 500 for five minutes, 429 with Retry-After for one; an alert every 5 s, and one alert revised.
    server.routes["/down"] = Until(time.monotonic() + OUTAGE_SECONDS, Response(500, b"boom"), Response(200))
    server.routes["/storm"] = Until(
        time.monotonic() + STORM_SECONDS, Response(429, b"slow down", {"Retry-After": str(RETRY_AFTER_SECONDS)}), Response(200)
    )
    faulty = [(5.0 * i, alert(f"fp-fault-{i}")) for i in range(50)]
    revised = [(100.0, alert("fp-revised", revision=1)), (120.0, alert("fp-revised", revision=2))]
    asyncio.run(producer.run(sorted(faulty + revised, key=lambda item: item[0])))
    every = {f"{a.fingerprint}:{a.revision}" for _, a in warmup + calm + faulty + revised}
    wait_for(
        lambda: len(delivered_keys(server, "healthy")) == len(delivered_keys(server, "storm")) == len(every),
        60,
        "the healthy and storm receivers",
        running=roles,
    )

    # A crash while "down" still retries 51 messages: they wait in the groups' outbox, the next notifier resumes.
    first.kill()
    start_notifier(roles, pipeline_env, tmp_path, receivers, TOCSIN_DELIVERY_MAX_BACKOFF="10s")
    wait_for(
        lambda: len(delivered_keys(server, "down")) == len(every), 150, "the down receiver's backlog after recovery", running=roles[1:]
    )
    time.sleep(3)  # a duplicate would arrive now

    for name in names:
        counts = delivered_keys(server, name)
        assert max(counts.values()) == 1, f"{name}: delivered twice: {[k for k, n in counts.items() if n > 1]}"
        assert set(told(server, name)) == every, f"{name}: lost {every - set(told(server, name))}"
    records = latest_records(pipeline_env)
    assert len(records) == 3 * len(every), "one message per alert revision and receiver"
    assert {record.outcome for record in records.values()} == {DeliveryOutcome.DELIVERED}
    assert records[message_key("fp-revised", 2, "down")].outcome == DeliveryOutcome.DELIVERED, "a group's messages are each sent, in order"
    assert len([r for r in server.received("/storm") if r.status == 429]) <= STORM_SECONDS // RETRY_AFTER_SECONDS + 2, (
        "Retry-After honoured"
    )

    calm_p95 = p95(latencies(server, "healthy", producer.sent, {f"{a.fingerprint}:{a.revision}" for _, a in calm}))
    fault_p95 = p95(latencies(server, "healthy", producer.sent, {f"{a.fingerprint}:{a.revision}" for _, a in faulty + revised}))
    print(
        f"\nhealthy receiver p95 latency: {calm_p95:.3f} s without faults, {fault_p95:.3f} s with them; requests (accepted): "
        + ", ".join(f"{n} {len(server.received('/' + n))} ({sum(delivered_keys(server, n).values())})" for n in names)
    )
    assert fault_p95 <= calm_p95 + 2.0, f"healthy receiver slowed by the others: p95 {fault_p95:.2f} s against {calm_p95:.2f} s"


def replay(env: dict[str, str], tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        **env,
        "TOCSIN_RECEIVERS_FILE": str(tmp_path / "receivers.yaml"),
        "TOCSIN_CONSOLE_ALERTS": "false",
        "IT_HOOK_SECRET": SECRET,
    }
    return subprocess.run(
        [sys.executable, "-m", "tocsin.cli", "deadletter", "replay", *args],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deadletter_replay_resends_dead_deliveries_once(pipeline_env, roles, server, tmp_path):
    server.routes["/flaky"] = Response(500, b"boom")
    server.routes["/steady"] = Response(200)
    notifier = start_notifier(
        roles, pipeline_env, tmp_path, webhooks(server, "flaky", "steady"), TOCSIN_DELIVERY_WINDOW="5s", TOCSIN_DELIVERY_MAX_BACKOFF="1s"
    )
    producer = Producer(pipeline_env["TOCSIN_TOPIC_PREFIX"] + "alerts")
    asyncio.run(producer.run([(0.0, alert(f"fp-dead-{i}")) for i in range(3)]))
    dead = wait_for(lambda: at_least(keys_with(pipeline_env, DeliveryOutcome.DEAD), 3), 90, "three dead deliveries", running=roles)
    assert sorted(dead) == sorted(message_key(f"fp-dead-{i}", 1, "flaky") for i in range(3))

    server.routes["/flaky"] = Response(200)
    asyncio.run(producer.run([(0.0, alert("fp-dead-0", revision=2))]))  # the first one's group sends its next message
    wait_for(lambda: delivered_keys(server, "flaky"), 60, "the newer revision", running=roles)
    assert notifier.stop() == 0

    assert replay(pipeline_env, tmp_path, "--since", "2030-01-01T00:00").stdout == "", "--since in the future: nothing"
    assert replay(pipeline_env, tmp_path, "--receiver", "steady").stdout == "", "--receiver: only that receiver's"
    done = replay(pipeline_env, tmp_path, "--receiver", "flaky", "--since", "1h")
    assert done.returncode == 0, done.stderr
    assert "2 delivered, 1 superseded, 0 still dead" in done.stderr
    assert delivered_keys(server, "flaky") == Counter(message_key(f"fp-dead-{i}", 2 if i == 0 else 1, "flaky") for i in range(3))
    assert set(told(server, "flaky")) == {"fp-dead-0:2", "fp-dead-1:1", "fp-dead-2:1"}
    records = latest_records(pipeline_env)
    assert records[message_key("fp-dead-0", 1, "flaky")].outcome == DeliveryOutcome.SUPERSEDED
    assert {records[message_key(f"fp-dead-{i}", 1, "flaky")].outcome for i in (1, 2)} == {DeliveryOutcome.DELIVERED}

    again = replay(pipeline_env, tmp_path)
    assert (again.returncode, again.stdout) == (0, "") and "0 delivered" in again.stderr
    assert sum(delivered_keys(server, "flaky").values()) == 3, "a second replay sends nothing"
