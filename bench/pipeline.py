"""End-to-end throughput of the worker (articles.raw to alert decision) against a raw
aiokafka consume-and-produce passthrough, on the same broker, in the same run.

Both sides start consuming first, then the same N records are produced; the clock
runs from the first produce until the last record is through: for the passthrough,
N records on its output topic; for the worker, its consumer group has no lag left
on any of its topics (every article normalized, de-duplicated, classified and
every signal evaluated against the rules).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from tocsin import PROJECT_ROOT
from tocsin.kafka import ensure_topics
from tocsin.records import RawArticle
from tocsin.settings import load_settings

BOOTSTRAP = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
TEXTS = [
    ("Artillery shelled Stepanakert overnight", "Heavy shelling hit the outskirts of Stepanakert, residents said."),
    ("Air-raid sirens sound in Kyiv", "Residents took cover in shelters as sirens sounded across the city."),
    ("Council approves new budget", "The city council approved the budget after a long debate on Tuesday."),
    ("Film bombs at the box office", "The sequel was a box-office bomb, earning less than its budget."),
    ("Rail workers strike over pay", "Commuters faced delays as the union strike entered its second day."),
]


def articles(count: int, seed: int = 7) -> list[RawArticle]:
    rng = random.Random(seed)
    now = datetime.now(UTC)
    out = []
    for index in range(count):
        title, summary = rng.choice(TEXTS)
        out.append(
            RawArticle(
                source_id=f"bench-{index % 50}",
                url=f"https://bench.example/{index}",
                guid=str(index),
                title=f"{title} ({index})",
                summary=f"{summary} Report {index}.",
                published=now,
                fetched=now,
            )
        )
    return out


async def produce(topic: str, records: list[RawArticle]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all", enable_idempotence=True, linger_ms=5)
    await producer.start()
    try:
        for record in records:
            await producer.send(topic, record.to_bytes(), key=record.source_id.encode())
        await producer.flush()
    finally:
        await producer.stop()


async def passthrough(source: str, sink: str, count: int, ready: asyncio.Event) -> None:
    """The baseline: consume, validate nothing, produce each record to another topic."""
    consumer = AIOKafkaConsumer(
        source, bootstrap_servers=BOOTSTRAP, group_id=f"bench-{uuid.uuid4().hex[:6]}", auto_offset_reset="earliest", enable_auto_commit=True
    )
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all", enable_idempotence=True, linger_ms=5)
    await consumer.start()
    await producer.start()
    try:
        while not consumer.assignment():
            await asyncio.sleep(0.05)
        ready.set()
        seen = 0
        while seen < count:
            batches = await consumer.getmany(timeout_ms=200, max_records=1000)
            for messages in batches.values():
                for message in messages:
                    await producer.send(sink, message.value, key=message.key)
                seen += len(messages)
        await producer.flush()
    finally:
        await producer.stop()
        await consumer.stop()


async def measure_passthrough(records: list[RawArticle], prefix: str) -> float:
    settings = load_settings(environ={"TOCSIN_TOPIC_PREFIX": prefix, "KAFKA_BOOTSTRAP_SERVERS": BOOTSTRAP})
    await ensure_topics(settings)
    ready = asyncio.Event()
    task = asyncio.create_task(passthrough(settings.topics.raw, settings.topics.articles, len(records), ready))
    await ready.wait()
    started = time.perf_counter()
    await produce(settings.topics.raw, records)
    await task
    return time.perf_counter() - started


async def group_lag(group: str, topics: list[str]) -> int:
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    await consumer.start()
    try:
        committed = await admin.list_consumer_group_offsets(group)
        ends = await consumer.end_offsets([tp for tp in committed if tp.topic in topics])
        return sum(end - committed[tp].offset for tp, end in ends.items()) if ends else -1
    except KafkaError as exc:
        if exc.retriable:  # e.g. the group's coordinator is not elected yet: not measured, ask again
            return -1
        raise
    finally:
        await consumer.stop()
        await admin.close()


async def measure_worker(records: list[RawArticle], prefix: str, workdir: Path, settings_env: dict[str, str] | None = None) -> float:
    """Seconds one worker process (its settings plus `settings_env`) takes from the first produce to no lag left."""
    env = {
        **os.environ,
        "KAFKA_BOOTSTRAP_SERVERS": BOOTSTRAP,
        "TOCSIN_TOPIC_PREFIX": prefix,
        "TOCSIN_APP_ID": prefix.rstrip("."),
        "TOCSIN_DATA_DIR": str(workdir),
        "TOCSIN_LOG_LEVEL": "warning",
        **(settings_env or {}),
    }
    settings = load_settings(environ=env)
    await ensure_topics(settings)
    log = (workdir / "worker.log").open("wb")
    worker = subprocess.Popen(
        [sys.executable, "-m", "tocsin.cli", "run", "--role", "worker"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    topics = [
        settings.topics.raw,
        settings.topics.by_url,
        settings.topics.by_fingerprint,
        settings.topics.articles,
        settings.topics.signals,
    ]
    try:
        warmup = articles(20, seed=1)
        await produce(settings.topics.raw, warmup)
        while await group_lag(settings.app_id, topics) != 0:
            await asyncio.sleep(0.5)
        started = time.perf_counter()
        await produce(settings.topics.raw, records)
        while await group_lag(settings.app_id, topics) != 0:
            await asyncio.sleep(0.25)
        return time.perf_counter() - started
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def run_worker(records: list[RawArticle], name: str, settings_env: dict[str, str] | None = None) -> float:
    """`measure_worker` on fresh topics and a fresh state directory, so runs do not share anything but the broker."""
    with tempfile.TemporaryDirectory() as tmp:
        return asyncio.run(measure_worker(records, f"bench-{uuid.uuid4().hex[:8]}-{name}.", Path(tmp), settings_env))


def parse_records(description: str, default: int) -> int:
    logging.basicConfig(level=logging.ERROR)  # topic-creation races log retries that are not results
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--records", type=int, default=default)
    return parser.parse_known_args()[0].records


def main() -> None:
    records = articles(parse_records(__doc__, 20_000))
    baseline = asyncio.run(measure_passthrough(records, f"bench-{uuid.uuid4().hex[:8]}-pass."))
    n = len(records)
    print(f"end-to-end throughput, {n} articles, 4 partitions, one worker process:")
    print(f"  aiokafka passthrough (baseline): {n / baseline:10.0f} records/s  ({baseline:.2f} s)")
    for store in ("rocksdb", "memory"):  # the default store first; memory shows what the disk tables cost
        pipeline = run_worker(records, f"worker-{store}", {"TOCSIN_STORE": store})
        print(
            f"  tocsin worker, {store + ' tables,':16} raw -> decision: {n / pipeline:6.0f} articles/s ({pipeline:.2f} s), "
            f"ratio to passthrough {baseline / pipeline:.3f}"
        )
