"""The connector role: poll every enabled source on its own schedule, emit new items.

Thin shell: fetching, parsing, the seen-set and the scheduling arithmetic
(`scheduler`: backoff, Retry-After, adaptive intervals) are plain code; this module
only runs them and produces RawArticles to `articles.raw` (keyed by source id).
A source answering 410 Gone is disabled until restart, with a warning. Items are
cut to the worker's text limits; one still too large for a Kafka record goes to the
dead-letter topic, and the rest of the poll goes on.
An item counts as seen only after the broker acknowledged it, so a crash between
fetch and acknowledgement re-emits rather than loses it; the stream stage drops
the duplicate. Validators and seen ids are kept in the compacted `connector-state`
topic (tocsin.connectors.state), so a restarted connector resumes where the last left off.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial

import httpx
from aiokafka import AIOKafkaProducer
from aiokafka.errors import MessageSizeTooLargeError

from tocsin.connectors import scheduler
from tocsin.connectors.catalog import Source, load_catalog
from tocsin.connectors.entries import within_limits
from tocsin.connectors.fetcher import Fetched, FetchError, FetchLimits, HostSlots, fetch, make_client
from tocsin.connectors.metrics import ConnectorMetrics
from tocsin.connectors.pages.article import extend_short_summaries
from tocsin.connectors.parser import Parsed
from tocsin.connectors.reader import read_source
from tocsin.connectors.seen import Fresh, SeenItems
from tocsin.connectors.state import load_states, owned
from tocsin.kafka import make_producer
from tocsin.metrics import RoleMetrics
from tocsin.records import DEAD_LETTER_PAYLOAD_CHARS, MAX_RECORD_BYTES, DeadLetter, RawArticle, SourceState
from tocsin.settings import Settings

log = logging.getLogger(__name__)

#: Polls in progress at once. All sources start together (and meet again after
#: an outage): unbounded, 5,000 first polls queued 50,000 items in the producer
#: at once and the last ones timed out there (bench/poll.py). The fetches
#: themselves are bounded by the client pool and per-host slots anyway.
POLLS_AT_ONCE = 200
#: A dead letter keeps this much of a link (a hostile feed's link can be megabytes long).
DEAD_LETTER_URL_CHARS = 2_000


class RecordTooLarge(Exception):
    """An item whose record would exceed MAX_RECORD_BYTES even with its text cut (a huge link or GUID)."""


#: Failures of one item that sending again cannot fix: the item is dead-lettered. The
#: broker answers MessageSizeTooLargeError too when a topic's own limit is lower.
TOO_LARGE = (RecordTooLarge, MessageSizeTooLargeError)


@dataclass(frozen=True)
class PollResult:
    """What one poll did: the metric result name, items emitted, the one-line error and Retry-After."""

    result: str
    emitted: int = 0
    error: str | None = None
    retry_after: float | None = None

    @property
    def gone(self) -> bool:
        return self.result == "gone"

    def outcome(self) -> scheduler.Outcome:
        return scheduler.Outcome(self.result in ("ok", "not_modified"), self.emitted, self.retry_after)


class Poller:
    """Polls sources with one shared HTTP client and producer; remembers validators and seen items per source."""

    def __init__(
        self,
        settings: Settings,
        producer: AIOKafkaProducer,
        client: httpx.AsyncClient,
        metrics: ConnectorMetrics,
        limits: FetchLimits | None = None,
    ):
        self.settings = settings
        self.producer = producer
        self.client = client
        self.metrics = metrics
        self.limits = limits or FetchLimits.from_timeout(settings.http_timeout_seconds)
        self.slots = HostSlots(self.limits.per_host)
        self.seen = SeenItems()
        self._polls = asyncio.Semaphore(POLLS_AT_ONCE)
        self._validators: dict[str, tuple[str | None, str | None]] = {}
        self._unparsable: dict[str, str] = {}  # source id -> why its body, unchanged since (304), yields nothing

    def restore(self, states: dict[str, SourceState]) -> None:
        """Resume from state records: validators and seen ids, as the last owner of each source left them."""
        for source_id, state in states.items():
            self._validators[source_id] = (state.etag, state.last_modified)
            self.seen.load(source_id, state.seen)

    async def _save(self, source_id: str) -> None:
        """Record the source's state; called only after its items were acknowledged."""
        etag, last_modified = self._validators.get(source_id, (None, None))
        state = SourceState(
            source_id=source_id, etag=etag, last_modified=last_modified, seen=self.seen.ids(source_id), at=datetime.now(UTC)
        )
        await (await self.producer.send(self.settings.topics.connector_state, state.to_bytes(), key=source_id.encode()))
        self.seen.saved(source_id)  # until then every poll retries the save, even one with nothing new

    async def poll(self, source: Source) -> PollResult:
        """Fetch and parse one source, emit its new items; never raises for a bad source."""
        async with self._polls:
            return await self._poll(source)

    async def _poll(self, source: Source) -> PollResult:
        started = time.perf_counter()
        etag, last_modified = self._validators.get(source.id, (None, None))
        try:
            fetched = await fetch(
                self.client, source.url, etag, last_modified, limits=self.limits, slots=self.slots, extra_headers=source.headers
            )
        except FetchError as exc:
            log.warning("source %s (%s): fetch failed: %s", source.id, source.url, exc.reason)
            return self._counted(source, PollResult(exc.kind, error=exc.reason, retry_after=exc.retry_after))
        finally:
            self.metrics.fetch_seconds.labels(source.id).observe(time.perf_counter() - started)
        if fetched.not_modified and source.id in self._unparsable:  # still the body that failed to parse
            return self._counted(source, PollResult("parse_error", error=self._unparsable[source.id]))
        if fetched.not_modified:  # the source is alive and unchanged: a success for staleness alerts
            self.metrics.last_success.labels(source.id).set_to_current_time()
            return self._counted(source, PollResult("not_modified"))
        self.metrics.bytes_fetched.labels(source.id).inc(len(fetched.body))
        parsed = self._parse(source, fetched)
        if not parsed.articles and parsed.error:
            # its validators spare downloading the same broken body on every poll; kept in memory only,
            # so a restarted connector fetches it once more rather than call a 304 of it a success
            self._validators[source.id] = (fetched.etag, fetched.last_modified)
            self._unparsable[source.id] = f"unchanged since: {parsed.error}"
            return self._counted(source, PollResult("parse_error", error=parsed.error))
        self._unparsable.pop(source.id, None)
        first_poll = not self.seen.ids(source.id)
        fresh = self.seen.fresh(source.id, parsed.articles)
        articles = await self._with_article_text(source, fresh.articles) if source.extract_text else fresh.articles
        if first_poll:
            articles = [
                a.model_copy(update={"backfill": True}) if back_catalogue(a, self.settings.first_poll_window) else a for a in articles
            ]
        emitted = await self._emit(source, articles, fresh)
        # validators only after the items are acknowledged: a 304 must never hide unsent items
        validators = (fetched.etag, fetched.last_modified)
        if self.seen.unsaved(source.id) or validators != self._validators.get(source.id, (None, None)):
            self._validators[source.id] = validators
            await self._save(source.id)
        self.metrics.last_success.labels(source.id).set_to_current_time()
        return self._counted(source, PollResult("ok", emitted, parsed.error))

    @staticmethod
    def _parse(source: Source, fetched: Fetched) -> Parsed:
        """Parse and log a problem: a warning when nothing was readable, info when items were recovered anyway."""
        parsed = read_source(source, fetched)
        if parsed.error:
            level = logging.INFO if parsed.articles else logging.WARNING
            log.log(level, "source %s (%s): %s", source.id, source.url, parsed.error)
        return parsed

    async def _with_article_text(self, source: Source, articles: list[RawArticle]) -> list[RawArticle]:
        """The new items, short summaries replaced by their article page's text (tocsin.connectors.pages.article).

        Only unseen items cost a request; article pages go through the same client,
        limits and per-host slots as sources, without the source's own headers.
        """
        page = partial(fetch, self.client, limits=self.limits, slots=self.slots)
        extended, results = await extend_short_summaries(articles, source.min_summary_chars, page, source_id=source.id)
        for result, count in results.items():
            self.metrics.article_fetches.labels(source.id, result).inc(count)
        return extended

    def _counted(self, source: Source, result: PollResult) -> PollResult:
        self.metrics.count_fetch(source.id, result.result)
        return result

    async def _emit(self, source: Source, new: list[RawArticle], fresh: Fresh) -> int:
        """Produce the new items; each one acknowledged, or dead-lettered as too large, is seen.

        Items are judged one by one, so one that cannot be produced neither stops
        the items after it nor makes those before it be sent again. Any other failure
        is raised once the acknowledged items are marked seen: the rest are retried.
        """
        topic = self.settings.topics.raw
        # the catalog's trust and region hints travel with each item: the story stage weighs
        # corroboration with trust, the detector falls back on the hints for items naming no place
        stamped = [within_limits(article).model_copy(update={"trust": source.trust, "source_regions": source.regions}) for article in new]
        queued = [await self._queue(topic, source.id, article) for article in stamped]
        results = await asyncio.gather(*queued, return_exceptions=True)
        delivered = [article for article, result in zip(stamped, results) if not isinstance(result, BaseException)]
        for article in delivered:
            self.seen.add(source.id, fresh.keys[article.guid])
        for article, result in zip(stamped, results):
            if isinstance(result, TOO_LARGE):
                await self._dead_letter(topic, article, result)
                self.seen.add(source.id, fresh.keys[article.guid])
        self.metrics.items_emitted.labels(source.id).inc(len(delivered))
        if delivered:
            log.info("source %s: %d new item(s)", source.id, len(delivered))
        failed = next((result for result in results if isinstance(result, BaseException) and not isinstance(result, TOO_LARGE)), None)
        if failed is not None:
            raise failed
        return len(delivered)

    async def _queue(self, topic: str, source_id: str, article: RawArticle) -> asyncio.Future:
        """The producer's future for one article, or a failed one for a record above MAX_RECORD_BYTES."""
        value = article.to_bytes()
        try:
            if len(value) > MAX_RECORD_BYTES:
                raise RecordTooLarge(f"a {len(value):,}-byte record, above the {MAX_RECORD_BYTES:,}-byte limit")
            return await self.producer.send(topic, value, key=source_id.encode())
        except TOO_LARGE as exc:  # the producer checks its own max_request_size before sending
            failed = asyncio.get_running_loop().create_future()
            failed.set_exception(exc)
            return failed

    async def _dead_letter(self, topic: str, article: RawArticle, error: BaseException) -> None:
        """Record an item that cannot be produced, with its source and URL, in the dead-letter topic."""
        reason = f"{type(error).__name__}: {error}"[:1000]
        log.error("source %s: item %s not produced, dead-lettered: %s", article.source_id, article.url[:200], reason)
        record = DeadLetter(
            topic=topic,
            partition=None,
            offset=None,
            key=article.source_id,
            url=article.url[:DEAD_LETTER_URL_CHARS],
            error=reason,
            payload=article.to_bytes().decode()[:DEAD_LETTER_PAYLOAD_CHARS],
            at=datetime.now(UTC),
        )
        await self.producer.send_and_wait(self.settings.topics.deadletter, record.to_bytes(), key=article.source_id.encode())
        self.metrics.items_dead_lettered.labels(article.source_id).inc()

    async def run_source(self, source: Source) -> None:
        """Poll one source until cancelled, waiting as `scheduler` says; stop for good when it is gone (HTTP 410)."""
        bounds = source.bounds()
        schedule = scheduler.start(bounds)
        while True:
            result = await self._poll_guarded(source)
            if result.gone:
                log.warning(
                    "source %s (%s): disabled: %s; the publisher removed the feed, fix or remove it in the catalog",
                    source.id,
                    source.url,
                    result.error,
                )
                return
            jitter = random.uniform(1 - scheduler.JITTER, 1 + scheduler.JITTER)
            schedule, wait = scheduler.next_poll(schedule, result.outcome(), bounds, jitter)
            await asyncio.sleep(wait)

    async def _poll_guarded(self, source: Source) -> PollResult:
        """`poll`, with a bug for one source logged and counted instead of stopping the others."""
        try:
            return await self.poll(source)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("source %s (%s): unexpected error", source.id, source.url)
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
            return self._counted(source, PollResult("internal_error", error=reason))


def back_catalogue(article: RawArticle, window: timedelta) -> bool:
    """On a source's first poll: an item not dated within `window` of the fetch was there before Tocsin watched.

    A newly added feed brings its last days of items at once; they feed stories and
    baselines, but alerting on them would page people for yesterday's news.
    """
    return article.published_missing or article.fetched - article.published > window


async def run_connectors(settings: Settings, metrics: RoleMetrics, producer: AIOKafkaProducer | None = None) -> None:
    """Run the connector role until cancelled, its metrics defined on `metrics`."""
    catalog = load_catalog(settings.sources_file)
    sources = owned(catalog.enabled(), settings.connector_shard)
    log.info("polling %d source(s) from %s (shard %s)", len(sources), settings.sources_file, settings.connector_shard)
    own_producer = producer is None
    if producer is None:
        producer = make_producer(settings, f"{settings.app_id}-connectors")
        await producer.start()
    limits = FetchLimits.from_timeout(settings.http_timeout_seconds)
    client = make_client(settings.user_agent, limits)
    poller = Poller(settings, producer, client, ConnectorMetrics(metrics), limits)
    poller.restore(await load_states(settings, {source.id for source in sources}))
    try:
        if not sources:
            log.warning("no enabled sources in %s: nothing to poll", settings.sources_file)
        await asyncio.gather(*(poller.run_source(source) for source in sources), asyncio.Event().wait())
    finally:
        await client.aclose()
        if own_producer:
            await producer.stop()
