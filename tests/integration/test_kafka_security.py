"""Managed-Kafka settings against a real SASL_PLAINTEXT (PLAIN) listener.

deploy/kafka/server.properties.in opens one on the broker port + 2 with the test
user `tocsin`. A broker started before that listener existed lacks it; then this
module starts a throwaway broker of its own with `kafka.sh` (about 12 s).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.http import free_port, wait_for
from tests.integration.conftest import BOOTSTRAP, delete_topics, start_role
from tests.unit.factories import raw_article
from tocsin import PROJECT_ROOT
from tocsin.kafka import ensure_topics, login_refused, make_admin, make_consumer, make_producer
from tocsin.records import Article
from tocsin.settings import load_settings

KAFKA_SH = PROJECT_ROOT / "deploy" / "kafka" / "kafka.sh"
USER, PASSWORD = "tocsin", "tocsin-test-password"


#: Topic prefixes (= app ids) the tests used: deleted afterwards from a shared broker.
PREFIXES: list[str] = []


def sasl_env(bootstrap: str, password: str = PASSWORD) -> dict[str, str]:
    run = uuid.uuid4().hex[:10]
    PREFIXES.append(f"sasl-{run}")
    return {
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "TOCSIN_KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        "TOCSIN_KAFKA_SASL_MECHANISM": "PLAIN",
        "TOCSIN_KAFKA_SASL_USERNAME": USER,
        "TOCSIN_KAFKA_SASL_PASSWORD": password,
        "TOCSIN_TOPIC_PREFIX": f"sasl-{run}.",
        "TOCSIN_APP_ID": f"sasl-{run}",
        "TOCSIN_LOG_LEVEL": "info",
    }


def accepts_login(bootstrap: str) -> bool:
    """True when a SASL/PLAIN login as the test user succeeds there."""
    settings = load_settings(environ=sasl_env(bootstrap))

    async def probe() -> None:
        admin = make_admin(settings, "sasl-probe")
        try:
            await asyncio.wait_for(admin.start(), 20)
        finally:
            await admin.close()

    try:
        asyncio.run(probe())
    except Exception:  # noqa: BLE001 - anything but success means: not this listener
        return False
    return True


def three_free_ports() -> int:
    """A port P with P+1 (controller) and P+2 (SASL) free too, as kafka.sh lays them out."""
    for _ in range(50):
        port = free_port()
        if port + 2 < 65536 and all(_free(port + offset) for offset in (1, 2)):
            return port
    raise AssertionError("no three consecutive free ports")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@pytest.fixture(scope="module")
def sasl_bootstrap() -> Iterator[str]:
    host, _, port = BOOTSTRAP.split(",")[0].rpartition(":")
    shared = f"{host}:{int(port) + 2}"
    if accepts_login(shared):
        yield shared
        asyncio.run(delete_topics(tuple(PREFIXES)))  # the same broker's PLAINTEXT listener
        return
    port = three_free_ports()
    var = Path(tempfile.mkdtemp(prefix="tocsin-sasl-"))
    env = {key: value for key, value in os.environ.items() if key != "KAFKA_BOOTSTRAP_SERVERS"}
    env.update(TOCSIN_KAFKA_PORT=str(port), TOCSIN_KAFKA_HEAP="256m", TOCSIN_VAR_DIR=str(var))
    started = subprocess.run(["bash", str(KAFKA_SH), "up"], env=env, capture_output=True, text=True, timeout=180)
    try:
        assert started.returncode == 0, f"throwaway SASL broker did not start:\n{started.stderr}"
        yield f"127.0.0.1:{port + 2}"
    finally:
        subprocess.run(["bash", str(KAFKA_SH), "down"], env=env, capture_output=True, timeout=60)
        shutil.rmtree(var, ignore_errors=True)


async def round_trip(env: dict[str, str]) -> list[bytes]:
    settings = load_settings(environ=env)
    await ensure_topics(settings, attempts=5)
    producer = make_producer(settings, "sasl-test")
    await producer.start()
    try:
        await producer.send_and_wait(settings.topics.deadletter, b"through SASL", key=b"k", partition=0)
    finally:
        await producer.stop()
    consumer = make_consumer(settings, settings.topics.deadletter, auto_offset_reset="earliest", group_id=None)
    await consumer.start()
    try:
        batch = await consumer.getmany(timeout_ms=10_000)
        return [message.value for messages in batch.values() for message in messages]
    finally:
        await consumer.stop()


def test_topics_producer_and_consumer_log_in_with_tocsin_settings(sasl_bootstrap):
    assert asyncio.run(round_trip(sasl_env(sasl_bootstrap))) == [b"through SASL"]


def test_a_faust_worker_logs_in_and_normalizes(sasl_bootstrap, roles, tmp_path):
    """faust_settings' broker_credentials: the worker consumes and produces through the SASL listener."""
    env = {**sasl_env(sasl_bootstrap), "TOCSIN_DATA_DIR": str(tmp_path / "state"), "TOCSIN_PARTITIONS": "1"}
    settings = load_settings(environ=env)
    asyncio.run(ensure_topics(settings, attempts=5))
    start_role(roles, "worker", env, tmp_path)
    raw = raw_article()

    async def produce() -> None:
        producer = make_producer(settings, "sasl-test")
        await producer.start()
        try:
            await producer.send_and_wait(settings.topics.raw, raw.to_bytes(), key=raw.source_id.encode())
        finally:
            await producer.stop()

    async def normalized() -> list[Article]:
        consumer = make_consumer(settings, settings.topics.by_url, auto_offset_reset="earliest", group_id=None)
        await consumer.start()
        try:
            batch = await consumer.getmany(timeout_ms=2_000)
            return [Article.from_bytes(message.value) for messages in batch.values() for message in messages]
        finally:
            await consumer.stop()

    asyncio.run(produce())
    articles = wait_for(lambda: asyncio.run(normalized()), 120, "the worker to normalize through SASL", interval=1, running=roles)
    assert [(article.source_id, article.title, "utm_source" in article.canonical_url) for article in articles] == [
        (raw.source_id, raw.title, False)
    ], "normalized: tracking parameters gone"


def test_wrong_password_is_one_clear_line_that_names_the_settings_and_hides_the_password(sasl_bootstrap):
    wrong = "not-the-password-8413"
    env = {**os.environ, **sasl_env(sasl_bootstrap, password=wrong)}
    for command in (["topics"], ["status"]):
        result = subprocess.run(
            [sys.executable, "-m", "tocsin.cli", *command], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 2, (command, result.stderr[-2000:])
        last = result.stderr.strip().splitlines()[-1]
        assert f"refused the PLAIN login of user '{USER}'" in last and "TOCSIN_KAFKA_SASL_PASSWORD" in last, (command, last)
        assert "Invalid username or password" in last, last
        assert wrong not in result.stderr + result.stdout, command


def test_the_right_password_is_not_refused(sasl_bootstrap):
    assert asyncio.run(login_refused(load_settings(environ=sasl_env(sasl_bootstrap)))) is None
