"""End-to-end throughput of the worker (articles.raw to alert decision) against a raw
aiokafka consume-and-produce passthrough, on the same broker, in the same run.

Both sides start consuming first, then the same N news-like records (bench/news.py)
are produced; the clock runs from the first produce until the last record is
through: for the passthrough, N records on its output topic; for the worker, its
consumer group has no lag left on any topic it reads (every article normalized,
de-duplicated, clustered, classified and every signal evaluated against the rules).
Then two workers on the same input, and a backlog drained by one worker from its
start. `--worker-path` measures another checkout's worker (e.g. main) in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from bench.news import corpus_note, news
from tocsin import PROJECT_ROOT
from tocsin.kafka import ensure_topics
from tocsin.records import RawArticle
from tocsin.settings import Settings, load_settings

BOOTSTRAP = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")


def articles(count: int, seed: int = 7) -> list[RawArticle]:
    """The bench input: `count` news-like raw items (bench/news.py)."""
    return news(count, seed)


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
    try:
        ready = asyncio.Event()
        task = asyncio.create_task(passthrough(settings.topics.raw, settings.topics.articles, len(records), ready))
        await ready.wait()
        started = time.perf_counter()
        await produce(settings.topics.raw, records)
        await task
        return time.perf_counter() - started
    finally:
        await delete_topics(prefix)


async def delete_topics(prefix: str) -> None:
    """Delete a run's topics (its own and the worker's changelogs: all begin with `prefix` up to its dot).

    Why: every run makes a score of fresh topics, and a development broker that kept
    them all ran out of file handles ("Too many open files") after some fifty runs.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        topics = [topic for topic in await admin.list_topics() if topic.startswith(prefix.rstrip("."))]
        if topics:
            await admin.delete_topics(topics)
    finally:
        await admin.close()


async def group_lag(settings: Settings) -> int | None:
    """The group's lag summed over every partition it committed (ticks aside); None until `articles.raw` has commits.

    Counted over what the group committed rather than a list of topics, so that a
    worker of another version (another set of internal topics) is measured alike.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    await consumer.start()
    try:
        committed = await admin.list_consumer_group_offsets(settings.app_id)
        tps = [tp for tp in committed if tp.topic != settings.topics.ticks]
        if not any(tp.topic == settings.topics.raw for tp in tps):
            return None
        ends = await consumer.end_offsets(tps)
        return sum(end - committed[tp].offset for tp, end in ends.items())
    except KafkaError as exc:
        if exc.retriable:  # e.g. the group's coordinator is not elected yet: not measured, ask again
            return None
        raise
    finally:
        await consumer.stop()
        await admin.close()


@dataclass(frozen=True)
class WorkerRun:
    """One measured run: seconds from the first record produced (or from the start, for a backlog) to no lag left."""

    seconds: float
    peak_rss_mb: float
    busy: tuple[float, ...] = ()  # each worker's CPU seconds over the measured seconds: 1.0 is a core
    machine: float = 0.0  # the share of the machine's CPU time in use over the measured seconds, every process

    @property
    def busy_note(self) -> str:
        """How busy the workers' cores were, and the machine: a worker below 1.0 on a machine below 1.0 waited for something."""
        workers = " + ".join(f"{share:.2f}" for share in self.busy)
        return f"CPU {workers} of a core, machine {self.machine:.0%} busy"


@dataclass(frozen=True)
class WorkerSpec:
    """What to run: a store, how many worker processes, from which checkout, under cProfile or not."""

    store: str = "rocksdb"
    workers: int = 1
    checkout: Path = PROJECT_ROOT
    profile: Path | None = None
    env: tuple[tuple[str, str], ...] = ()  # more settings, as TOCSIN_* variables


def worker_env(prefix: str, workdir: Path, spec: WorkerSpec) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(spec.checkout),
        "KAFKA_BOOTSTRAP_SERVERS": BOOTSTRAP,
        "TOCSIN_TOPIC_PREFIX": prefix,
        "TOCSIN_APP_ID": prefix.rstrip("."),
        "TOCSIN_DATA_DIR": str(workdir),
        "TOCSIN_LOG_LEVEL": "warning",
        "TOCSIN_STORE": spec.store,
        **dict(spec.env),
    }


def start_worker(env: dict[str, str], workdir: Path, index: int, spec: WorkerSpec) -> subprocess.Popen:
    """A worker process; under cProfile (stopped with SIGINT, so that it writes its profile) when the spec asks."""
    log = (workdir / f"worker-{index}.log").open("wb")
    profiler = ["-m", "cProfile", "-o", str(spec.profile)] if spec.profile else []
    command = [sys.executable, *profiler, "-m", "tocsin.cli", "run", "--role", "worker"]
    return subprocess.Popen(command, cwd=spec.checkout, env=env, stdout=log, stderr=subprocess.STDOUT)


def cpu_seconds(process: subprocess.Popen) -> float:
    """The process's user and system CPU time so far; 0 where /proc cannot say."""
    try:
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime: fields 14 and 15 of stat(5)


def machine_cpu() -> tuple[int, int]:
    """CPU time of every core so far, (all, idle or waiting on I/O), in ticks (/proc/stat)."""
    ticks = [int(field) for field in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(ticks), ticks[3] + ticks[4]


def peak_rss_mb(process: subprocess.Popen) -> float:
    """The process's peak resident set (VmHWM), in MB; 0 where /proc cannot say."""
    try:
        status = Path(f"/proc/{process.pid}/status").read_text()
    except OSError:
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0.0)


async def group_members(settings: Settings) -> tuple[str, int]:
    """The consumer group's state ("Stable" once a rebalance is over) and how many members it has."""
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        (response,) = await admin.describe_consumer_groups([settings.app_id])
        _error, _group, state, _protocol_type, _protocol, members, *_ = response.groups[0]
        return state, len(members)
    finally:
        await admin.close()


async def joined(settings: Settings, workers: int) -> None:
    """Wait until every worker process is a member of the stable group: a join is a rebalance, not what is measured."""
    while await group_members(settings) != ("Stable", workers):
        await asyncio.sleep(0.5)


async def drained(settings: Settings, started: float, interval: float) -> float:
    """Wait until the group has no lag twice in a row (a topic's first commit can lag behind); the seconds since `started`."""
    clean = 0
    while clean < 2:
        clean = clean + 1 if await group_lag(settings) == 0 else 0
        await asyncio.sleep(interval)
    return time.perf_counter() - started - interval


async def measure_worker(records: list[RawArticle], prefix: str, workdir: Path, spec: WorkerSpec, backlog: bool = False) -> WorkerRun:
    """The spec's worker processes working through `records`.

    Live: the workers are warmed up and have all joined the group, then the records
    are produced; the clock runs from the first produce. Backlog: the records are in
    the topic before the workers start; the clock runs from their start (table
    recovery and group join included).
    """
    env = worker_env(prefix, workdir, spec)
    settings = load_settings(environ=env)
    await ensure_topics(settings)
    if backlog:
        await produce(settings.topics.raw, records)
    started = time.perf_counter()
    processes = [start_worker(env, workdir, index, spec) for index in range(spec.workers)]
    before, machine = [0.0] * len(processes), machine_cpu()
    try:
        if backlog:
            seconds = await drained(settings, started, 0.5)
        else:
            await produce(settings.topics.raw, news(20, seed=1, prefix="warmup-"))
            await drained(settings, started, 0.5)
            await joined(settings, spec.workers)
            await drained(settings, started, 0.5)
            started, before, machine = time.perf_counter(), [cpu_seconds(process) for process in processes], machine_cpu()
            await produce(settings.topics.raw, records)
            seconds = await drained(settings, started, 0.25)
        busy = tuple((cpu_seconds(process) - spent) / seconds for process, spent in zip(processes, before))
        (total, idle), (total_before, idle_before) = machine_cpu(), machine
        in_use = 1 - (idle - idle_before) / max(total - total_before, 1)
        return WorkerRun(seconds, max(peak_rss_mb(process) for process in processes), busy, in_use)
    finally:
        for process in processes:
            process.send_signal(signal.SIGINT if spec.profile else signal.SIGTERM)
        for process in processes:
            process.wait(timeout=60)


def run_worker(records: list[RawArticle], name: str, spec: WorkerSpec | None = None, backlog: bool = False) -> WorkerRun:
    """`measure_worker` on fresh topics and a fresh state directory, so runs do not share anything but the broker."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = f"bench-{uuid.uuid4().hex[:8]}-{name}."
        try:
            return asyncio.run(measure_worker(records, prefix, Path(tmp), spec or WorkerSpec(), backlog))
        finally:
            asyncio.run(delete_topics(prefix))


def parse_records(description: str, default: int) -> int:
    return parse_options(description, default).records


def parse_options(description: str, default: int) -> argparse.Namespace:
    logging.basicConfig(level=logging.ERROR)  # topic-creation races log retries that are not results
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--records", type=int, default=default)
    parser.add_argument("--backlog", type=int, default=100_000, help="articles in the backlog one worker drains (0: skip)")
    parser.add_argument("--no-scale", action="store_true", help="skip the two-worker run")
    parser.add_argument("--worker-path", type=Path, help="also measure the worker of this checkout (e.g. main) in the same run")
    parser.add_argument(
        "--profile", type=Path, help="only run one RocksDB worker (of --worker-path, if given) under cProfile; write its profile here"
    )
    return parser.parse_known_args()[0]


def report(label: str, n: int, run: WorkerRun, baseline: float) -> None:
    print(
        f"  {label:34} {n / run.seconds:6.0f} articles/s ({run.seconds:.2f} s), "
        f"ratio to passthrough {baseline / run.seconds:.3f}, peak RSS {run.peak_rss_mb:.0f} MB (most of one worker), {run.busy_note}"
    )


def main() -> None:
    options = parse_options(__doc__, 20_000)
    if (note := corpus_note()) is not None:
        print(note)
    records = articles(options.records)
    n = len(records)
    if options.profile:
        checkout = options.worker_path.resolve() if options.worker_path else PROJECT_ROOT
        run = run_worker(records, "profile", WorkerSpec(checkout=checkout, profile=options.profile.resolve()))
        print(f"profiled worker: {n / run.seconds:.0f} articles/s under cProfile; profile in {options.profile}")
        return
    baseline = asyncio.run(measure_passthrough(records, f"bench-{uuid.uuid4().hex[:8]}-pass."))
    print(f"end-to-end throughput, {n} news-like articles, 4 partitions:")
    print(f"  aiokafka passthrough (baseline): {n / baseline:10.0f} records/s  ({baseline:.2f} s)")
    if options.worker_path:
        other = options.worker_path.resolve()
        for store in ("rocksdb", "memory"):
            report(
                f"{other.name} worker, {store} tables:",
                n,
                run_worker(records, f"other-{store}", WorkerSpec(store, checkout=other)),
                baseline,
            )
    single = {}
    for store in ("rocksdb", "memory"):  # the default store first; memory shows what the disk tables cost
        single[store] = run_worker(records, f"worker-{store}", WorkerSpec(store))
        report(f"one worker, {store} tables:", n, single[store], baseline)
    if not options.no_scale:
        pair = run_worker(records, "two-workers", WorkerSpec(workers=2))
        report("two workers, rocksdb tables:", n, pair, baseline)
        print(f"  two workers against one: {single['rocksdb'].seconds / pair.seconds:.2f}x")
    if options.backlog:
        drain = run_worker(articles(options.backlog, seed=11), "backlog", backlog=True)
        print(
            f"  backlog of {options.backlog} articles, one worker (rocksdb), from its start to no lag: {drain.seconds:.1f} s "
            f"({options.backlog / drain.seconds:.0f} articles/s), peak RSS {drain.peak_rss_mb:.0f} MB, {drain.busy_note}"
        )


if __name__ == "__main__":
    main()
