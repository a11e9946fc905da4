"""How a stage takes its records: in batches, one partition after another, its tables written once per batch.

A Faust table write costs a JSON encoding, a store put and a changelog record
(50-100 µs with RocksDB), and an article used to write some eighteen of them. Within
one batch of one partition the stages read and write the same keys again and again
(a story's bands, an article's vote gather that fills and empties, a region's index),
so each stage sees its tables through `WriteBehind` mappings that keep the batch's
reads and writes in a dict and write each changed key to the table once, at the end
of the partition's batch.

What remains is still about a dozen writes per article, and Faust sends each one to
the changelog as a message of its own: a future, a trip through its send buffer, a
sensor and a callback that writes the persisted offset to RocksDB, per key. So the
batch writes through `StoreTable`: straight to the table's store, and to its
changelog as one produce batch per table and partition, the same per-key records
Faust would have sent (a compacted changelog keeps working, and so does recovery).

At least once still holds: the batch's offsets are acked only after the stage
returned (Faust's `take_events` acks a batch when the agent asks for the next one),
the table writes and the records sent are queued on the producer before that, and
Faust flushes the producer before it commits any offset. A crash in the middle loses
the buffer and the offsets alike, and the batch is read again.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

import faust
from aiokafka import AIOKafkaProducer
from faust.stores.base import SerializedStore
from faust.types import TP, TableT
from faust.types.stores import StoreT
from rocksdict import WriteBatch

from tocsin.records import envelope_lines

log = logging.getLogger(__name__)

#: A key the batch deleted, or found missing in the table.
_ABSENT: Any = object()


class WriteBehind(MutableMapping[str, Any]):
    """A table as one batch sees it: reads cached, writes buffered until `flush` writes each changed key once.

    Values are shared, not copied: the steps build new values rather than changing
    the ones they read (as they must with the in-memory store too).
    """

    def __init__(self, table: MutableMapping[str, Any]) -> None:
        self.table = table
        self._values: dict[str, Any] = {}
        self._stored: dict[str, bool] = {}  # whether the table held the key when the batch first read it
        self._changed: set[str] = set()

    def _read(self, key: str) -> Any:
        value = self._values.get(key, _ABSENT)
        if value is _ABSENT and key not in self._stored:
            value = self.table.get(key, _ABSENT)
            self._stored[key] = value is not _ABSENT
            self._values[key] = value
        return value

    def __getitem__(self, key: str) -> Any:
        value = self._read(key)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._read(key) is not _ABSENT

    def get(self, key: str, default: Any = None) -> Any:
        """The key's value, or `default`, without raising and catching a KeyError per miss (`Mapping.get`)."""
        value = self._read(key)
        return default if value is _ABSENT else value

    def __setitem__(self, key: str, value: Any) -> None:
        self._values[key] = value
        self._changed.add(key)

    def __delitem__(self, key: str) -> None:
        if self._read(key) is _ABSENT:
            raise KeyError(key)
        self._values[key] = _ABSENT
        self._changed.add(key)

    def __iter__(self) -> Iterator[str]:
        merged = {key: None for key in self.table}
        merged.update((key, None) for key in self._values)
        return (key for key in merged if key in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def flush(self) -> int:
        """Write every key the batch changed to the table, once; the number of table writes."""
        writes = 0
        for key in self._changed:
            value = self._values[key]
            if value is not _ABSENT:
                self.table[key] = value
            elif not self._stored.get(key, True) or not self._delete(key):  # deleted: only what the table holds
                continue
            writes += 1
        self._values.clear()
        self._stored.clear()
        self._changed.clear()
        return writes

    def _delete(self, key: str) -> bool:
        """Delete `key` from the table; whether it held it (one read, where `in` then `del` took two)."""
        try:
            del self.table[key]
        except KeyError:
            return False
        return True


#: Made once: `json.dumps` with any option builds a new encoder per call, and so
#: does `json.loads` of bytes sniff their encoding; a microsecond each, some thirty
#: times an article.
_ENCODER, _DECODER = json.JSONEncoder(separators=(",", ":")), json.JSONDecoder()


def encode(value: Any) -> bytes:
    """A table key or value as Faust's JSON codec writes it (byte for byte: tests/unit/test_batches.py), in one call instead of five layers."""
    return _ENCODER.encode(value).encode()


def decode(stored: bytes) -> Any:
    """A table value as stored (UTF-8 JSON, as `encode` and Faust write it)."""
    return _DECODER.decode(stored.decode())


class StoreTable(MutableMapping[str, Any]):
    """One partition of a Faust table, read and written through its store; its changelog records kept for `send_changelog`.

    With RocksDB the partition's own database is read and written as bytes, each key
    and value encoded once for the store and the changelog alike: Faust's `_get` and
    `_set` would look up the task's current event and note every key in an LRU index
    (a tenth of a band probe's time) that only its reads without an event need. The
    in-memory store holds values as they are, in one dict for every partition. Faust's
    per-key sensors are skipped: the worker has its own metrics.
    """

    def __init__(self, table: TableT, partition: int) -> None:
        self.table, self.store = table, cast(StoreT, table.data)
        self._db = self.store._db_for_partition(partition) if isinstance(self.store, SerializedStore) else None  # type: ignore[attr-defined]
        self._writes = WriteBatch(raw_mode=True)
        self._changelog: list[tuple[bytes, bytes | None]] = []

    def __getitem__(self, key: str) -> Any:
        value = self.get(key, _ABSENT)
        if value is _ABSENT:
            raise KeyError(key)
        return value

    def get(self, key: str, default: Any = None) -> Any:
        """The key's value, or `default`: without the KeyError that `Mapping.get` would
        raise and catch on every miss, which most band probes are."""
        if self._db is None:
            return self.store.get(key, default)
        value = self._db.get(encode(key))
        return default if value is None else decode(value)

    def __contains__(self, key: object) -> bool:
        if self._db is None:
            return key in self.store
        return isinstance(key, str) and self._db.get(encode(key)) is not None

    def __setitem__(self, key: str, value: Any) -> None:
        key_bytes, value_bytes = encode(key), encode(value)
        if self._db is None:
            self.store[key] = value
        else:
            self._writes.put(key_bytes, value_bytes)
        self._changelog.append((key_bytes, value_bytes))

    def __delitem__(self, key: str) -> None:
        key_bytes = encode(key)
        if self._db is None:
            del self.store[key]
        elif self._db.get(key_bytes) is None:
            raise KeyError(key)
        else:
            self._writes.delete(key_bytes)
        self._changelog.append((key_bytes, None))

    def write(self) -> None:
        """Apply the puts and deletes made since the last call to the database, as one
        atomic write: a put of its own cost 3-6 µs, in a batch about 1 (a batch's
        reads come before its writes, through `WriteBehind`, so none reads a key written
        but not yet applied)."""
        if self._db is not None and len(self._writes):
            self._db.write(self._writes)
            self._writes = WriteBatch(raw_mode=True)

    def __iter__(self) -> Iterator[str]:
        return iter(self.store)

    def __len__(self) -> int:
        return len(self.store)

    @property
    def changed(self) -> bool:
        """Whether records wait for `send_changelog`."""
        return bool(self._changelog)

    async def send_changelog(self, producer: AIOKafkaProducer, partition: int) -> None:
        """Queue the records written since the last call on the changelog's `partition`, in as few produce batches as fit.

        Queued on Faust's own producer, which Faust flushes before it commits any
        offset: a batch's changelog is in Kafka before its input counts as read.
        """
        records, self._changelog = self._changelog, []
        tp = TP(self.table.changelog_topic.get_topic_name(), partition)
        batch = producer.create_batch()
        for key, value in records:
            if batch.append(key=key, value=value, timestamp=None) is None:  # full: a new batch takes any first record
                await self._send(producer, batch, tp)
                batch = producer.create_batch()
                batch.append(key=key, value=value, timestamp=None)
        if batch.record_count():
            await self._send(producer, batch, tp)

    async def _send(self, producer: AIOKafkaProducer, batch: Any, tp: TP) -> None:
        batch.close()  # nothing else may join it: its records' offsets are its base offset onwards
        sent = await producer.send_batch(batch, tp.topic, partition=tp.partition)
        sent.add_done_callback(partial(self._persisted, tp, batch.record_count()))

    def _persisted(self, tp: TP, count: int, sent: asyncio.Future) -> None:
        """Remember the last changelog offset written, so that a restart recovers from there (Faust's own table does the same per key)."""
        if sent.cancelled() or sent.exception() is not None:
            log.error(
                "table %s: changelog batch of %d records to %s lost: %s",
                self.table.name,
                count,
                tp,
                sent.exception() if not sent.cancelled() else "cancelled",
            )
            return
        self.store.set_persisted_offset(tp, sent.result().offset + count - 1)


@dataclass(frozen=True, slots=True)
class Line:
    """One record of a batch: its message's event and its bytes (a line of an envelope, or the whole value)."""

    event: faust.types.EventT
    value: bytes


def by_partition(events: list[faust.types.EventT]) -> list[list[faust.types.EventT]]:
    """The events of a batch grouped by topic partition, each group in offset order."""
    groups: dict[tuple[str, int], list[faust.types.EventT]] = {}
    for event in events:
        groups.setdefault((event.message.topic, event.message.partition), []).append(event)
    return list(groups.values())


def lines(events: list[faust.types.EventT], enveloped: bool) -> list[Line]:
    """The records of a partition's events: each line of an envelope, or each message's value."""
    return [Line(event, value) for event in events for value in (envelope_lines(event.value) if enveloped else [event.value])]
