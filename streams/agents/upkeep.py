"""The worker's timers: one tick per partition, table cleanup on ticks, and the consumer-lag gauge."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from tocsin.lag import consumer_lags
from tocsin.streams.agents.wiring import Wiring
from tocsin.streams.steps.dedupe import content_source
from tocsin.streams.steps.stories import band_partition
from tocsin.streams.stories import SEEN_AT, expired_keys, key_partition

log = logging.getLogger(__name__)

#: How often the leader worker measures consumer lag for /metrics.
LAG_SECONDS = 15.0


def register(w: Wiring) -> None:
    settings = w.settings
    #: Tables whose entries are deleted once older than the TTL, with how each key's partition is found.
    expiring = [
        (w.seen_urls, key_partition),
        (w.seen_fingerprints, lambda key, partitions: key_partition(content_source(key), partitions)),
        (w.band_stories, band_partition),
        (w.pending_votes, key_partition),
        (w.stories, key_partition),
    ]
    last_cleanup: dict[int, float] = {}

    @w.app.agent(w.ticks, name="cleanup")
    async def clean_tables(stream) -> None:
        """Every cleanup interval, delete the tick partition's entries older than the TTL (docs/stories.md).

        Reads already ignore them; deleting them bounds memory, disk and changelog.
        A delete goes to the changelog partition of the tick, hence only that partition's keys.
        """
        async for event in stream.events():
            partition, now = event.message.partition, datetime.now(UTC).timestamp()
            if now - last_cleanup.get(partition, 0.0) < settings.cleanup_interval_seconds:
                continue
            last_cleanup[partition] = now
            for table, partition_of in expiring:
                owned = lambda key, of=partition_of, mine=partition: of(key, settings.partitions) == mine  # noqa: E731
                doomed = expired_keys(list(table.items()), SEEN_AT[table.name], now, w.ttl, owned)
                for key in doomed:
                    del table[key]
                if doomed:
                    log.info("table %s partition %d: deleted %d entries older than %.0f s", table.name, partition, len(doomed), w.ttl)

    @w.app.timer(settings.tick_seconds, on_leader=True)
    async def tick() -> None:
        """One tick per partition, so alert state and table cleanup run on the worker that owns it."""
        stamp = datetime.now(UTC).isoformat().encode()
        for partition in range(settings.partitions):
            await w.ticks.send(value=stamp, partition=partition)

    async def measure_lag() -> None:
        """Committed offsets of the worker and notifier groups against partition ends, as a gauge per partition."""
        try:
            lags = await consumer_lags(settings)
        except Exception as exc:  # noqa: BLE001 - a metric must not take the worker down
            log.warning("cannot measure consumer lag: %s", exc)
            return
        for lag in lags:
            w.metrics.consumer_lag.labels(lag.group, lag.topic.removeprefix(settings.topic_prefix), str(lag.partition)).set(lag.lag)

    if settings.metrics_enabled:  # with metrics off, nobody reads the gauge: spare Kafka the queries
        w.app.timer(LAG_SECONDS, on_leader=True)(measure_lag)
