"""How a stage takes its records: in batches, one partition after another, its tables written once per batch.

A Faust table write costs a JSON encoding, a store put and a changelog record
(50-100 µs with RocksDB), and an article used to write some eighteen of them. Within
one batch of one partition the stages read and write the same keys again and again
(a story's bands, an article's vote gather that fills and empties, a region's index),
so each stage sees its tables through `WriteBehind` mappings that keep the batch's
reads and writes in a dict and write each changed key to the Faust table once, at
the end of the partition's batch.

At least once still holds: the batch's offsets are acked only after the stage
returned (Faust's `take_events` acks a batch when the agent asks for the next one),
the table writes and the records sent are queued on the producer before that, and
Faust flushes the producer before it commits any offset. A crash in the middle loses
the buffer and the offsets alike, and the batch is read again.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass
from typing import Any

import faust
from faust.streams import _current_event  # what a table write reads its changelog partition from

from tocsin.records import envelope_lines

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
            elif self._stored.get(key, True) and key in self.table:  # deleted: only what the table holds
                del self.table[key]
            else:
                continue
            writes += 1
        self._values.clear()
        self._stored.clear()
        self._changed.clear()
        return writes


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


def writing_to(event: faust.types.EventT) -> None:
    """Make table writes go to the changelog partition (and store partition) of `event`.

    Faust reads it from the task's current event, which a stream sets only while it
    iterates one record at a time; a batch sets it to an event of the partition it writes for.
    """
    _current_event.set(weakref.ref(event))
