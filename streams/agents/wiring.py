"""What the agent modules share: the app, its topics and tables, and the batching shell around each step."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Protocol, TypeVar

import faust
from aiokafka import AIOKafkaProducer
from faust.types import EventT, TableT

from tocsin.records import envelopes
from tocsin.settings import Settings
from tocsin.streams.agents.batches import Line, StoreTable, WriteBehind, by_partition, lines
from tocsin.streams.deadletter import dead_letter_record
from tocsin.streams.metrics import WorkerMetrics
from tocsin.streams.steps import Out
from tocsin.streams.stories import key_partition

log = logging.getLogger(__name__)

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

#: Most records a stage takes from its stream at once, and how long it waits to fill a batch (seconds).
BATCH_MAX, BATCH_WITHIN = 1000, 0.05
#: Topics (Wiring attributes) whose messages are batch envelopes (tocsin.records.envelopes): the worker's own.
ENVELOPED = frozenset({"by_url", "story_bands", "story_votes", "by_story"})


class Decoder(Protocol[R_co]):
    """What a stage reads its topic's values with: a Record class, or tocsin.streams.steps.stories.StoryInput."""

    def from_bytes(self, data: bytes) -> R_co: ...


class BatchTables:
    """The worker's tables as one batch of one partition sees them (tocsin.streams.agents.batches.WriteBehind).

    It fits tocsin.streams.steps.Tables, so the steps run on it as on Faust tables or dicts.
    """

    def __init__(self, wiring: Wiring, partition: int) -> None:
        self._stores = [
            StoreTable(table, partition)
            for table in (
                wiring.seen_urls,
                wiring.seen_fingerprints,
                wiring.band_stories,
                wiring.pending_votes,
                wiring.stories,
                wiring.escalation_states,
                wiring.alert_states,
            )
        ]
        self._views = [WriteBehind(store) for store in self._stores]
        (
            self.seen_urls,
            self.seen_fingerprints,
            self.band_stories,
            self.pending_votes,
            self.stories,
            self.escalation_states,
            self.alert_states,
        ) = self._views

    def flush(self) -> int:
        """Write what the batch changed to the tables' stores; the number of writes."""
        writes = sum(view.flush() for view in self._views)
        for store in self._stores:
            store.write()
        return writes

    def changelogs(self, producer: AIOKafkaProducer, partition: int) -> list[Coroutine[Any, Any, None]]:
        """What queues the flushed writes on the tables' changelogs (StoreTable.send_changelog), one per table written."""
        return [store.send_changelog(producer, partition) for store in self._stores if store.changed]


#: A stage's step: a decoded record, its Faust event and the batch's tables in; the records to send out.
Step = Callable[[R, EventT, BatchTables], list[Out]]


class Wiring:
    """The worker's topics, tables and metrics, declared once so that every agent module uses the same ones.

    Each repartition step keys records by what the next table is keyed by, so every
    table lookup is local to the worker that owns the partition.
    """

    def __init__(self, app: faust.App, settings: Settings, metrics: WorkerMetrics):
        self.app, self.settings, self.metrics = app, settings, metrics
        self.ttl = float(settings.dedupe_ttl_seconds)
        names = settings.topics
        self.raw, self.by_url = self._topic(names.raw), self._topic(names.by_url)
        self.story_bands, self.story_votes, self.by_story = (
            self._topic(names.story_bands),
            self._topic(names.story_votes),
            self._topic(names.by_story),
        )
        self.articles, self.signals, self.alerts = self._topic(names.articles), self._topic(names.signals), self._topic(names.alerts)
        self.escalation, self.ticks, self.deadletter = (
            self._topic(names.escalation),
            self._topic(names.ticks),
            self._topic(names.deadletter),
        )
        self.seen_urls = self._table("seen-urls", value_type=float)
        self.seen_fingerprints = self._table("seen-fingerprints")
        self.band_stories = self._table("story-bands")
        self.pending_votes = self._table("story-votes")
        self.stories = self._table("stories")
        self.escalation_states = self._table("escalation")
        self.alert_states = self._table("alert-states")

    async def send_all(self, outs: list[Out]) -> None:
        """Send what steps returned: one envelope per internal topic and partition, one message per public record.

        Records bound for one partition keep their order, in as many envelopes as
        their size needs; an envelope's key is its partition's first record's (the
        partition is explicit). They go straight to Faust's aiokafka producer, as the
        changelog batches do: Faust's own send adds a future, a trip through its send
        buffer and sensors per message, and Faust flushes that producer before it
        commits any offset all the same.
        """
        producer = self._producer()
        by_envelope: dict[tuple[str, int], list[Out]] = {}
        for out in outs:
            if out.topic in ENVELOPED:
                partition = out.partition if out.partition is not None else key_partition(out.key, self.settings.partitions)
                by_envelope.setdefault((out.topic, partition), []).append(out)
            else:
                await producer.send(self._name(out.topic), out.record.to_bytes(), key=out.key.encode(), partition=out.partition)
        for (topic, partition), batch in by_envelope.items():
            for value in envelopes(out.record for out in batch):
                await producer.send(self._name(topic), value, key=batch[0].key.encode(), partition=partition)

    def _name(self, attribute: str) -> str:
        """The Kafka topic name of a Wiring topic attribute (an `Out.topic`)."""
        return getattr(self, attribute).get_topic_name()

    def _producer(self) -> AIOKafkaProducer:
        """Faust's own aiokafka producer: the one Faust flushes before it commits offsets (it has no public accessor)."""
        return self.app.producer._ensure_producer()  # type: ignore[attr-defined]

    def _topic(self, name: str) -> faust.TopicT:
        return self.app.topic(
            name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw", partitions=self.settings.partitions
        )

    def _table(self, name: str, **options: Any) -> TableT:
        return self.app.Table(name, default=None, partitions=self.settings.partitions, key_type=str, **options)

    def stage(self, source: str, name: str, model: Decoder[R], step: Step[R]) -> None:
        """An agent named `name` that runs `step` on every record of the topic `source` names, a batch at a time."""
        enveloped = source in ENVELOPED

        async def agent(stream) -> None:
            async for events in stream.take_events(BATCH_MAX, BATCH_WITHIN):
                await self.send_all(await self._process(events, enveloped, model, step))

        agent.__name__ = step.__name__.removesuffix("_step")
        self.app.agent(getattr(self, source), name=name)(agent)

    async def _process(self, events: list[EventT], enveloped: bool, model: Decoder[R], step: Step[R]) -> list[Out]:
        """Run `step` on every record of a batch, one partition after another; what they return, to send.

        Each partition's table writes are flushed to the stores at the end of its
        records; then every changelog batch of the whole batch is queued at once (each
        waits for its table partition's previous one to be sent, so waiting on them one
        by one would add a produce round trip per table and partition). A record that
        does not validate, or that trips a bug in a step, is logged with topic,
        partition and offset and set aside: the batch goes on.
        """
        outs: list[Out] = []
        failed: list[tuple[Line, Exception]] = []
        changelogs = []
        for events_of_partition in by_partition(events):
            tables = BatchTables(self, events_of_partition[0].message.partition)
            for line in lines(events_of_partition, enveloped):
                try:
                    outs += step(model.from_bytes(line.value), line.event, tables)
                except Exception as exc:  # noqa: BLE001 - one record must not stop a partition
                    if not isinstance(exc, ValueError):
                        log.exception("step %s failed", step.__name__)
                    failed.append((line, exc))
            tables.flush()  # no await before: no other agent sees the tables between the batch's reads and its writes
            changelogs += tables.changelogs(self._producer(), events_of_partition[0].message.partition)
        await asyncio.gather(*changelogs)
        for line, error in failed:
            await self._dead_letter(line, error)
        return outs

    async def _dead_letter(self, line: Line, error: Exception) -> None:
        message = line.event.message
        record = dead_letter_record(
            message.topic, message.partition, message.offset, message.key, line.value, error, self.metrics.dead_letters
        )
        await self.deadletter.send(key=message.key, value=record.to_bytes())
