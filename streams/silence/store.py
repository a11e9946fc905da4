"""The `silences` topic: write a silence, or hold every silence in memory and follow the topic.

The topic is compacted and keyed by silence id, so its latest record per key is the
silence's current state (expiry rewrites the same id). It is read without a consumer
group, every partition from the beginning: each notifier needs all silences, not a
share of them. The CLI reads it the same way, once, to list and to expire.
"""

from __future__ import annotations

import asyncio
import logging
from types import TracebackType
from typing import Any

from aiokafka import TopicPartition
from pydantic import ValidationError

from tocsin.kafka import existing_partitions, make_consumer, make_producer, read_to_end
from tocsin.records import Silence
from tocsin.settings import Settings
from tocsin.streams.silence.matching import format_matcher

log = logging.getLogger(__name__)

#: How many times (a quarter second apart) to look for the silences topic: one created a moment ago may take a few.
METADATA_ATTEMPTS = 20
FOLLOW_WAIT_MS = 500


async def write_silence(settings: Settings, silence: Silence) -> None:
    """Store one silence (new, or a new state of an existing id) and wait until the broker has it."""
    producer = make_producer(settings, f"{settings.app_id}-silence")
    await producer.start()
    try:
        await producer.send_and_wait(settings.topics.silences, silence.to_bytes(), key=silence.id.encode())
    finally:
        await producer.stop()


async def read_silences(settings: Settings) -> dict[str, Silence]:
    """Every silence on the topic now, by id."""
    async with SilenceStore(settings) as store:
        return dict(store.silences)


class SilenceStore:
    """Every silence by id: read to the topic's end by `start`, kept current by `follow`."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.silences: dict[str, Silence] = {}
        self._consumer = make_consumer(settings, enable_auto_commit=False)

    async def __aenter__(self) -> SilenceStore:
        await self.start()
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        await self.stop()

    async def start(self) -> int:
        """Read every partition from the beginning to its current end; return how many silences there are."""
        await self._consumer.start()
        partitions = await existing_partitions(self._consumer, [self.settings.topics.silences], attempts=METADATA_ATTEMPTS)
        async for message in read_to_end(self._consumer, partitions, FOLLOW_WAIT_MS):
            self._apply_one(message)
        return len(self.silences)

    async def follow(self) -> None:
        """Apply new silence records as they arrive, until cancelled; a broker hiccup is logged and retried."""
        while True:
            try:
                self._apply(await self._consumer.getmany(timeout_ms=FOLLOW_WAIT_MS))
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001 (the notifier must keep its silences current, whatever failed)
                log.exception("silences: reading %s failed; retrying", self.settings.topics.silences)
                await asyncio.sleep(1.0)

    async def stop(self) -> None:
        await self._consumer.stop()

    def _apply(self, batches: dict[TopicPartition, list[Any]]) -> None:
        for messages in batches.values():
            for message in messages:
                self._apply_one(message)

    def _apply_one(self, message: Any) -> None:
        """A tombstone forgets a silence; an invalid record is reported with its origin and skipped."""
        where = f"{message.topic}[{message.partition}]@{message.offset}"
        if message.value is None:
            if message.key:
                self.silences.pop(message.key.decode("utf-8", "replace"), None)
            return
        try:
            silence = Silence.from_bytes(message.value)
        except ValidationError as exc:
            log.error("silences: invalid record at %s skipped: %s", where, exc.errors(include_url=False)[0]["msg"])
            return
        self.silences[silence.id] = silence
        matchers = ", ".join(format_matcher(matcher) for matcher in silence.matchers)
        log.info("silence %s (%s) from %s until %s by %s", silence.id, matchers, silence.starts_at, silence.ends_at, silence.created_by)
