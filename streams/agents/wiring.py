"""What the agent modules share: the app, its topics and tables, and the shell around each step."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar

import faust
from faust.types import TableT

from tocsin.settings import Settings
from tocsin.streams.deadletter import dead_letter_record
from tocsin.streams.metrics import WorkerMetrics
from tocsin.streams.steps import Out

log = logging.getLogger(__name__)

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Decoder(Protocol[R_co]):
    """What a stage reads its topic's values with: a Record class, or tocsin.streams.steps.stories.StoryInput."""

    def from_bytes(self, data: bytes) -> R_co: ...


#: A stage's step: a decoded record and its Faust event in, sending done by the step.
Step = Callable[[R, Any], Awaitable[None]]


class Wiring:
    """The worker's topics, tables and metrics, declared once so that every agent module uses the same ones.

    Each repartition step keys records by what the next table is keyed by, so every
    table lookup is local to the worker that owns the partition.
    """

    def __init__(self, app: faust.App, settings: Settings, metrics: WorkerMetrics):
        self.app, self.settings, self.metrics = app, settings, metrics
        self.ttl = float(settings.dedupe_ttl_seconds)
        names = settings.topics
        self.raw, self.by_url, self.by_fingerprint = self._topic(names.raw), self._topic(names.by_url), self._topic(names.by_fingerprint)
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
        """Send what a step returned, each record to the topic its `Out` names."""
        for out in outs:
            topic = getattr(self, out.topic)
            await topic.send(key=out.key.encode(), value=out.record.to_bytes(), partition=out.partition)

    def _topic(self, name: str) -> faust.TopicT:
        return self.app.topic(
            name, key_type=bytes, value_type=bytes, key_serializer="raw", value_serializer="raw", partitions=self.settings.partitions
        )

    def _table(self, name: str, **options: Any) -> TableT:
        return self.app.Table(name, default=None, partitions=self.settings.partitions, key_type=str, **options)

    def stage(self, source: faust.TopicT, name: str, model: Decoder[R], step: Step[R]) -> None:
        """An agent named `name` that runs `step(record, event)` on every record of `source`."""

        async def agent(stream) -> None:
            await self._process(stream, model, step)

        agent.__name__ = step.__name__.removesuffix("_step")
        self.app.agent(source, name=name)(agent)

    async def _process(self, stream: faust.StreamT, model: Decoder[R], step: Step[R]) -> None:
        """Run `step` on every record; whatever fails goes to the dead-letter topic.

        A record that does not validate, or that trips a bug in a step, is logged
        with topic, partition and offset and set aside: the stream goes on.
        """
        async for event in stream.events():
            try:
                await step(model.from_bytes(event.value), event)
            except Exception as exc:  # noqa: BLE001 - one record must not stop a partition
                if not isinstance(exc, ValueError):
                    log.exception("step %s failed", step.__name__)
                await self._dead_letter(event, exc)

    async def _dead_letter(self, event, error: Exception) -> None:
        message = event.message
        record = dead_letter_record(
            message.topic, message.partition, message.offset, message.key, event.value, error, self.metrics.dead_letters
        )
        await self.deadletter.send(key=message.key, value=record.to_bytes())
