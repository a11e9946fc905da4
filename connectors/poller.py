"""The connector role: poll every enabled source on its own schedule, emit new items.

Thin shell: fetching, parsing and the seen-set are plain code; this module only
schedules them and produces RawArticles to `articles.raw` (keyed by source id).
An item counts as seen only after the broker acknowledged it, so a crash between
fetch and acknowledgement re-emits rather than loses it; the stream stage drops
the duplicate.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from datetime import UTC, datetime

import httpx
from aiokafka import AIOKafkaProducer

from connectors import metrics
from connectors.catalog import Source, load_catalog
from connectors.fetcher import FetchError, fetch, make_client
from connectors.parser import parse_feed
from connectors.seen import SeenItems
from tocsin.kafka import make_producer
from tocsin.records import RawArticle
from tocsin.settings import Settings

log = logging.getLogger(__name__)


class Poller:
    def __init__(self, settings: Settings, producer: AIOKafkaProducer, client: httpx.AsyncClient):
        self.settings = settings
        self.producer = producer
        self.client = client
        self.seen = SeenItems()
        self._validators: dict[str, tuple[str | None, str | None]] = {}

    async def poll(self, source: Source) -> int:
        """Fetch and parse one source, emit its new items; returns how many were emitted."""
        started = time.perf_counter()
        etag, last_modified = self._validators.get(source.id, (None, None))
        try:
            fetched = await fetch(self.client, source.url, etag, last_modified)
        except FetchError as exc:
            metrics.FETCHES.labels(source.id, "error").inc()
            log.warning("source %s (%s): fetch failed: %s", source.id, source.url, exc.reason)
            return 0
        finally:
            metrics.FETCH_SECONDS.labels(source.id).observe(time.perf_counter() - started)
        if fetched.not_modified:
            metrics.FETCHES.labels(source.id, "not_modified").inc()
            return 0
        self._validators[source.id] = (fetched.etag, fetched.last_modified)
        parsed = parse_feed(
            fetched.body,
            source_id=source.id,
            url=fetched.url,
            fetched=datetime.now(UTC),
            content_type=fetched.content_type,
            language=source.language,
        )
        if parsed.error:
            log.warning("source %s (%s): %s", source.id, source.url, parsed.error)
        metrics.FETCHES.labels(source.id, "ok" if parsed.articles or not parsed.error else "parse_error").inc()
        if parsed.articles or not parsed.error:
            metrics.LAST_SUCCESS.labels(source.id).set_to_current_time()
        return await self._emit(source, parsed.articles)

    async def _emit(self, source: Source, articles: list[RawArticle]) -> int:
        new = [article for article in articles if (source.id, article.guid) not in self.seen]
        topic = self.settings.topics.raw
        pending = [await self.producer.send(topic, article.to_bytes(), key=source.id.encode()) for article in new]
        await asyncio.gather(*pending)
        for article in new:
            self.seen.add(source.id, article.guid)
        metrics.ITEMS_EMITTED.labels(source.id).inc(len(new))
        if new:
            log.info("source %s: %d new item(s)", source.id, len(new))
        return len(new)

    async def run_source(self, source: Source) -> None:
        """Poll one source forever at its interval, with jitter so sources spread out."""
        while True:
            try:
                await self.poll(source)
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug for one source must not stop the others
                metrics.FETCHES.labels(source.id, "error").inc()
                log.exception("source %s (%s): unexpected error", source.id, source.url)
            await asyncio.sleep(source.interval_seconds * random.uniform(0.9, 1.1))


async def run_connectors(settings: Settings, producer: AIOKafkaProducer | None = None) -> None:
    """Run the connector role until cancelled."""
    catalog = load_catalog(settings.sources_file)
    sources = catalog.enabled()
    log.info("polling %d source(s) from %s", len(sources), settings.sources_file)
    own_producer = producer is None
    if producer is None:
        producer = make_producer(settings, f"{settings.app_id}-connectors")
        await producer.start()
    client = make_client(settings.user_agent, settings.http_timeout_seconds)
    poller = Poller(settings, producer, client)
    try:
        if not sources:
            log.warning("no enabled sources in %s: nothing to poll", settings.sources_file)
        await asyncio.gather(*(poller.run_source(source) for source in sources), asyncio.Event().wait())
    finally:
        await client.aclose()
        if own_producer:
            await producer.stop()
