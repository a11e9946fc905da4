"""Faust's aiokafka transport, mended so that a rebalance never loses a record.

Faust reads at least once only if its commits never pass a record that no stream
has processed. Around a rebalance faust-streaming passes over records in several
places: a stream skips a record fetched before the rebalance, the fetcher drops a
batch it holds when flow stops, and records already in flight after the seek back
to the committed offsets make it drop the re-fetched ones as seen. Three paths
then lost them for good (faust-streaming issues #216, #221, #318; docs/architecture.md):

1. The commit offset is the end of the first run of consecutive acked offsets; the
   check that this run starts where reading started is off by one, and absent
   when the partition has no commit yet. Here no commit passes a missing record,
   and a record missing for `STALL_SECONDS` is read again: a seek back to it, and
   Faust must not drop it as already seen when records fetched before the seek
   moved its mark past it. The records after it that were processed are not
   handed to the streams again, so a skip costs neither a loss nor a repeat. A
   record is missing when later ones are done or, as the last record of a
   partition has none, when the last one handed out since the partition's last
   seek was passed over (no stream holds it, or it is from an older generation).
   Only partitions still assigned are read again, and not during a rebalance: a
   partition's streams ack records after Faust forgot it, and a seek there crashed
   the worker.
2. After a rebalance Faust seeks every partition to its committed offset, but
   aiokafka leaves a partition without a commit where its fetcher stopped, past
   records just thrown away. Here it goes back to the start of its log (the
   group's `auto_offset_reset` is earliest): Faust commits what it processed
   before it lets a partition go, so such a partition has processed nothing.
3. Without Faust's Cython extension, a stream acks the records it skips as if
   processed. Here such an ack is refused.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from itertools import chain
from typing import Any

import faust
from aiokafka import AIOKafkaConsumer
from faust.transport.drivers import aiokafka as driver
from faust.types import TP, Message

from tocsin.metrics import Counter

#: How long a partition's first unprocessed record may be missing before it is read again.
STALL_SECONDS = 10.0


class ConsumerThread(driver.AIOKafkaConsumerThread):
    """Seeks stream partitions without a commit to their log start, and notes where reading of each starts."""

    consumer: Consumer

    async def seek_to_committed(self) -> Mapping[TP, int]:
        committed = await super().seek_to_committed()
        acking = self.app.topics.acks_enabled_for  # stream topics; changelogs are placed by table recovery
        streamed = [tp for tp in committed if acking(tp.topic)]
        if streamed:
            starts = await self.call_thread(_reading_starts, self._ensure_consumer(), streamed, committed)
            self.consumer.reading_from(starts)
        return committed


async def _reading_starts(consumer: AIOKafkaConsumer, partitions: list[TP], committed: Mapping[TP, int | None]) -> dict[TP, int]:
    """Where reading of each partition starts: its commit, or its log start if it has no commit or retention passed it."""
    starts = {}
    for tp, log_start in (await consumer.beginning_offsets(partitions)).items():
        if not committed.get(tp):
            consumer.seek(tp, log_start)
        starts[tp] = max(committed.get(tp) or 0, log_start)
    return starts


class Consumer(driver.Consumer):
    """Commits only up to the first record not yet processed, and reads that record again if it was passed over."""

    app: App

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: The first offset to read of each stream partition, as of the last seek to committed offsets.
        self.reading_starts: dict[TP, int] = {}
        #: The last record of each stream partition handed to the streams since the partition's last seek.
        self._last_handed: dict[TP, Message] = {}
        self._missing_since: dict[TP, float] = {}
        #: The offset each partition is being read again from, until the fetcher hands it out.
        self._rereading: dict[TP, int] = {}

    def _new_consumer_thread(self) -> ConsumerThread:
        return ConsumerThread(self, loop=self.loop, beacon=self.beacon)

    def reading_from(self, starts: Mapping[TP, int]) -> None:
        """Note where reading of these partitions starts again: what was handed to the streams before is read again."""
        self.reading_starts.update(starts)
        self._forget(starts)

    def _forget(self, partitions: Iterable[TP]) -> None:
        """Drop what was noted about records handed out and missing: they are read again, or the partitions are gone."""
        for tp in partitions:
            self._last_handed.pop(tp, None)
            self._missing_since.pop(tp, None)
            self._rereading.pop(tp, None)

    async def getmany(self, timeout: float) -> AsyncIterator[tuple[TP, Message]]:
        """Fetched records, less those already processed: reading again from a passed-over record repeats at most those in flight.

        Faust's fetch loop drops a record below the last offset it handed out as
        already seen, and records fetched before the seek back may have moved that
        offset past the one read again: it is moved back to let that one through.
        The loop is done with a record when it asks for the next one; if it did not
        drop it, it is then the last one handed out.
        """
        acking = self.app.topics.acks_enabled_for
        async for tp, message in super().getmany(timeout):
            if message.offset not in self._acked_index[tp]:
                if self._rereading.get(tp) == message.offset:
                    del self._rereading[tp]
                    self._read_offset[tp] = message.offset
                yield tp, message
                if self._read_offset.get(tp) == message.offset and acking(tp.topic):
                    self._last_handed[tp] = message

    async def on_partitions_revoked(self, revoked: set[TP]) -> None:
        self._forget(revoked)
        await super().on_partitions_revoked(revoked)

    def ack(self, message: Message) -> bool:
        if not message.tracked and self._skipped(message):
            return False  # passed over by a stream because of a rebalance: not processed
        return super().ack(message)

    def _skipped(self, message: Message) -> bool:
        """The condition under which a stream passes over a record without processing it."""
        return not self.app.flow_control.is_active() or message.generation_id != self.app.consumer_generation_id

    def _filter_tps_with_pending_acks(self, topics: Any = None) -> Iterator[TP]:
        """Faust's partitions with acks to commit and, on a full commit, those with a handed record that may be missing."""
        handed = self._last_handed if topics is None else {}
        return chain(super()._filter_tps_with_pending_acks(topics), (tp for tp in handed if tp not in self._acked))

    def _new_offset(self, tp: TP) -> int | None:
        head = max((offset for offset in (self._committed_offset[tp], self.reading_starts.get(tp)) if offset is not None), default=None)
        if head is not None and self._missing(tp, head):
            self._reread_if_stalled(tp, head)
            return None
        self._missing_since.pop(tp, None)
        if head is not None:
            self._committed_offset[tp] = head  # Faust checks the run against it; past retention it starts later
        return super()._new_offset(tp)

    def _missing(self, tp: TP, head: int) -> bool:
        """Whether the record at `head` was passed over: records after it are done, or the last one handed out was passed over."""
        acked, gaps = self._acked[tp], self._gap[tp]
        if acked:
            return min(min(acked), gaps.begin() if gaps else head + 1) > head
        last = self._last_handed.get(tp)
        return last is not None and last.offset >= head and self._passed_over(last)

    def _passed_over(self, message: Message) -> bool:
        """Neither processed nor held: never queued, or a stream skipped it (the Cython stream leaves it unacked)."""
        if message.acked or message in self._unacked_messages:
            return False
        return message.refcount == 0 or message.generation_id != self.app.consumer_generation_id

    def _reread_if_stalled(self, tp: TP, head: int) -> None:
        """Seek back to `head` once it has been missing for `STALL_SECONDS` while the partition is ours and no stream holds it.

        The clock stops during a rebalance: until the recovery ends in a seek to the
        committed offsets, `head` is as old as the last such seek.
        """
        if self.app.rebalancing or tp not in self.assignment():
            self._missing_since.pop(tp, None)
            return
        now = time.monotonic()
        since = self._missing_since.setdefault(tp, now)
        if now - since < STALL_SECONDS or _holds(self._unacked_messages, tp, head):
            return
        self._forget([tp])
        self.log.warning("%s[%d]: offset %d was passed over during a rebalance; reading again from it", tp.topic, tp.partition, head)
        self.app.rereads.labels(tp.topic).inc()
        self._thread.seek(tp, head)
        self._read_offset[tp] = head
        self._rereading[tp] = head


def _holds(messages: Iterable[Message], tp: TP, offset: int) -> bool:
    return any(message.offset == offset and message.tp == tp for message in messages)


class Transport(driver.Transport):
    Consumer = Consumer


class App(faust.App):
    """`faust.App` reading through the mended `Transport`, counting its reads again on `rereads`; producing is unchanged."""

    def __init__(self, id: str, *, rereads: Counter, **options: Any) -> None:
        super().__init__(id, **options)
        self.rereads = rereads

    def _new_transport(self) -> Transport:
        return Transport(self.conf.broker_consumer, self)
