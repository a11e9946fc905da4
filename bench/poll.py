"""One polling cycle over 5,000 sources: the real Poller (fetcher, parser, seen-set,
producer) against a local HTTP server, producing to a bench topic on the real broker.

The server (aiohttp, in a child process so its CPU is not counted) serves 5,000
distinct RSS feeds spread over 50 loopback addresses (127.0.0.1-50: per-host
politeness limits apply as they would to 50 publishers). A priming cycle reads
every feed (200, 10 items each). Then 5% of the feeds gain two items and the
measured cycle polls all 5,000 again: the others answer 304 to the conditional GET.
Figures: wall and CPU time of the cycle, peak RSS of the process; the bench topic
is then read back to check that every new item was emitted exactly once.

Targets (issue 3): the cycle in under 60 s on one core, peak RSS under 300 MB.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import resource
import socket
import time
import uuid
from collections import Counter

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition

from tocsin.connectors.catalog import Source
from tocsin.connectors.fetcher import FetchLimits, make_client
from tocsin.connectors.metrics import ConnectorMetrics
from tocsin.connectors.poller import Poller
from tocsin.kafka import ensure_topics, make_admin, make_producer
from tocsin.metrics import RoleMetrics
from tocsin.records import RawArticle
from tocsin.settings import Settings, load_settings

SOURCES = 5000
HOSTS = 50
ITEMS = 10  # items a feed shows
NEW_ITEMS = 2  # items a changed feed gains
CHANGED_EVERY = 20  # every 20th feed changes: 5%
TARGET_SECONDS = 60.0
TARGET_RSS_MB = 300.0


def feed_body(feed: int, version: int) -> bytes:
    """Feed `feed` at `version`: items numbered version*NEW_ITEMS .. +ITEMS, newest first."""
    first = version * NEW_ITEMS
    items = "".join(
        f"<item><title>Feed {feed} item {number}</title><link>https://news{feed % HOSTS}.example/{feed}/{number}</link>"
        f"<guid>urn:bench:{feed}:{number}</guid><pubDate>Sun, 01 Feb 2026 10:00:00 GMT</pubDate>"
        f"<description>Report {number} from feed {feed}: shelling reported near the border.</description></item>"
        for number in range(first + ITEMS - 1, first - 1, -1)
    )
    channel = f"<channel><title>Feed {feed}</title>{items}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'.encode()


def serve(port: int, ready: multiprocessing.Event) -> None:
    """The feed server (child process): GET /f/{n} with ETags, POST /advance changes every CHANGED_EVERY-th feed."""
    from aiohttp import web

    versions = [0] * SOURCES

    async def feed(request: web.Request) -> web.Response:
        number = int(request.match_info["number"])
        etag = f'"{number}-{versions[number]}"'
        if request.headers.get("If-None-Match") == etag:
            return web.Response(status=304, headers={"ETag": etag})
        return web.Response(body=feed_body(number, versions[number]), content_type="application/rss+xml", headers={"ETag": etag})

    async def advance(request: web.Request) -> web.Response:
        for number in range(0, SOURCES, CHANGED_EVERY):
            versions[number] += 1
        return web.Response(text="ok")

    async def main() -> None:
        app = web.Application()
        app.add_routes([web.get("/f/{number}", feed), web.post("/advance", advance)])
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        for host in range(1, HOSTS + 1):
            await web.TCPSite(runner, f"127.0.0.{host}", port, backlog=1024).start()
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sources(port: int) -> list[Source]:
    return [Source(id=f"bench-{n}", url=f"http://127.0.0.{n % HOSTS + 1}:{port}/f/{n}") for n in range(SOURCES)]


async def cycle(poller: Poller, catalog: list[Source]) -> Counter:
    """Poll every source once, concurrently, as the connector role does at start; the results counted by kind."""
    results = await asyncio.gather(*(poller.poll(source) for source in catalog))
    return Counter(result.result for result in results)


async def end_offsets(settings: Settings) -> dict[TopicPartition, int]:
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers)
    await consumer.start()
    try:
        partitions = [TopicPartition(settings.topics.raw, p) for p in consumer.partitions_for_topic(settings.topics.raw) or ()]
        if not partitions:
            await consumer._client.force_metadata_update()
            partitions = [TopicPartition(settings.topics.raw, p) for p in consumer.partitions_for_topic(settings.topics.raw)]
        return await consumer.end_offsets(partitions)
    finally:
        await consumer.stop()


async def emitted_since(settings: Settings, start: dict[TopicPartition, int]) -> Counter:
    """How many times each (source, guid) was produced to the raw topic after the `start` offsets."""
    ends = await end_offsets(settings)
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap_servers, enable_auto_commit=False)
    await consumer.start()
    seen: Counter = Counter()
    try:
        consumer.assign(list(ends))
        for partition, offset in start.items():
            consumer.seek(partition, offset)
        remaining = {tp for tp in ends if ends[tp] > start[tp]}
        while remaining:
            for _, messages in (await consumer.getmany(*remaining, timeout_ms=1000)).items():
                for message in messages:
                    article = RawArticle.from_bytes(message.value)
                    seen[(article.source_id, article.guid)] += 1
            remaining = {tp for tp in remaining if await consumer.position(tp) < ends[tp]}
    finally:
        await consumer.stop()
    return seen


def expected_new() -> set[tuple[str, str]]:
    return {
        (f"bench-{feed}", f"urn:bench:{feed}:{number}")
        for feed in range(0, SOURCES, CHANGED_EVERY)
        for number in range(ITEMS, ITEMS + NEW_ITEMS)
    }


async def run(port: int) -> None:
    settings = load_settings(environ={**os.environ, "TOCSIN_TOPIC_PREFIX": f"bench-poll-{uuid.uuid4().hex[:8]}."})
    await ensure_topics(settings)
    producer = make_producer(settings, "bench-poll")
    await producer.start()
    limits = FetchLimits.from_timeout(settings.http_timeout_seconds)
    client = make_client(settings.user_agent, limits)
    catalog = sources(port)
    try:
        poller = Poller(settings, producer, client, ConnectorMetrics(RoleMetrics.of(settings)), limits)
        started = time.perf_counter()
        primed = await cycle(poller, catalog)
        print(f"  priming cycle: {dict(primed)} in {time.perf_counter() - started:.1f} s (not measured)")
        start = await end_offsets(settings)
        async with httpx.AsyncClient() as control:
            (await control.post(f"http://127.0.0.1:{port}/advance")).raise_for_status()
        before, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
        measured = await cycle(poller, catalog)
        wall, after = time.perf_counter() - wall, resource.getrusage(resource.RUSAGE_SELF)
        report(measured, wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime), after.ru_maxrss / 1024)
        check(await emitted_since(settings, start))
    finally:
        await client.aclose()
        await producer.stop()
        await delete_topics(settings)


def report(results: Counter, wall: float, cpu: float, rss_mb: float) -> None:
    print(f"  measured cycle: {dict(results)}")
    print(f"  {'figure':<22} {'measured':>10} {'target':>10}")
    print(f"  {'wall time (s)':<22} {wall:>10.2f} {TARGET_SECONDS:>10.0f}   {'ok' if wall < TARGET_SECONDS else 'MISSED'}")
    print(f"  {'CPU time (s)':<22} {cpu:>10.2f} {TARGET_SECONDS:>10.0f}   {'ok' if cpu < TARGET_SECONDS else 'MISSED'}")
    print(f"  {'peak RSS (MB)':<22} {rss_mb:>10.0f} {TARGET_RSS_MB:>10.0f}   {'ok' if rss_mb < TARGET_RSS_MB else 'MISSED'}")


def check(emitted: Counter) -> None:
    expected = expected_new()
    missing = expected - set(emitted)
    repeated = sorted(key for key, count in emitted.items() if count > 1)
    unexpected = set(emitted) - expected
    verdict = "ok" if not (missing or repeated or unexpected) else "FAILED"
    print(
        f"  new items emitted: {sum(emitted.values())} of {len(expected)} expected; missing {len(missing)}, "
        f"emitted twice {len(repeated)}, unexpected {len(unexpected)}: {verdict}"
    )


async def delete_topics(settings: Settings) -> None:
    admin = make_admin(settings, "bench-poll-admin")
    await admin.start()
    try:
        await admin.delete_topics(list(settings.topics.all()))
    finally:
        await admin.close()


def main() -> None:
    logging.basicConfig(level=logging.ERROR)
    print(
        f"one polling cycle over {SOURCES:,} sources ({100 // CHANGED_EVERY}% with {NEW_ITEMS} new items, the rest 304), "
        f"real Poller and broker:"
    )
    spawn = multiprocessing.get_context("spawn")  # a fresh interpreter: no copy of this process's memory or loop
    port, ready = free_port(), spawn.Event()
    server = spawn.Process(target=serve, args=(port, ready), daemon=True)
    server.start()
    try:
        if not ready.wait(30):
            raise RuntimeError("the bench feed server did not start")
        asyncio.run(run(port))
    finally:
        server.terminate()
        server.join()


if __name__ == "__main__":
    main()
