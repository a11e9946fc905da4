"""A stage's batch view of its tables (streams/agents/batches.py) and the envelopes between stages (tocsin.records)."""

from __future__ import annotations

from collections import UserDict
from typing import Any

import faust
import pytest

from tests.unit.factories import T0
from tocsin.records import RawArticle, envelope_lines, envelopes
from tocsin.streams.agents.batches import WriteBehind, encode


class CountingTable(UserDict[str, Any]):
    """A dict that counts reads, writes and deletes, as a Faust table would pay for them."""

    def __init__(self, *args: Any) -> None:
        self.reads = self.writes = self.deletes = 0
        super().__init__(*args)

    def __getitem__(self, key: str) -> Any:
        self.reads += 1
        return super().__getitem__(key)

    def __setitem__(self, key: str, value: Any) -> None:
        self.writes += 1
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.deletes += 1
        super().__delitem__(key)


def test_writes_reach_the_table_once_per_key_and_only_at_flush() -> None:
    table = CountingTable({"a": 1})
    table.writes = 0
    batch = WriteBehind(table)
    for value in range(5):
        batch["a"] = value
        batch["b"] = value * 10
    assert table == {"a": 1} and table.writes == 0, "nothing written before the flush"
    assert batch["a"] == 4 and batch.get("b") == 40 and batch.get("c") is None
    assert batch.flush() == 2
    assert table == {"a": 4, "b": 40} and table.writes == 2


def test_reads_are_cached_for_the_batch() -> None:
    table = CountingTable({"a": 1})
    batch = WriteBehind(table)
    assert [batch.get("a"), batch.get("a"), "a" in batch, batch.get("x"), "x" in batch] == [1, 1, True, None, False]
    assert table.reads <= 2, "one table read per key, found or not"


def test_an_entry_made_and_deleted_within_the_batch_costs_nothing() -> None:
    """An article's vote gather that fills and empties in one batch never reaches the changelog."""
    table = CountingTable()
    batch = WriteBehind(table)
    batch["vote"] = {"0:a": 1}
    del batch["vote"]
    assert "vote" not in batch
    assert batch.flush() == 0
    assert table.writes == table.deletes == 0 and table == {}


def test_deletes_of_stored_entries_reach_the_table() -> None:
    table = CountingTable({"vote": 1, "other": 2})
    batch = WriteBehind(table)
    del batch["vote"]
    with pytest.raises(KeyError):
        del batch["vote"]
    assert dict(batch) == {"other": 2} and len(batch) == 1
    assert batch.flush() == 1
    assert table == {"other": 2} and table.deletes == 1


def test_a_flushed_batch_starts_afresh() -> None:
    table = CountingTable()
    batch = WriteBehind(table)
    batch["a"] = 1
    batch.flush()
    table["a"] = 2  # written by whoever ran between two batches
    assert batch["a"] == 2
    assert batch.flush() == 0


def raw(index: int) -> RawArticle:
    return RawArticle(source_id="s", url=f"https://x.example/{index}", guid=str(index), title="T\nwith a newline", published=T0, fetched=T0)


def test_an_envelope_holds_its_records_in_order_one_per_line() -> None:
    records = [raw(index) for index in range(3)]
    [envelope] = envelopes(records)
    assert [RawArticle.from_bytes(line) for line in envelope_lines(envelope)] == records
    assert envelope_lines(records[0].to_bytes()) == [records[0].to_bytes()], "a lone record is an envelope of one"


def test_envelopes_stay_under_their_size_and_keep_the_order() -> None:
    records = [raw(index) for index in range(50)]
    limit = 10 * max(len(record.to_bytes()) + 1 for record in records)
    sent = list(envelopes(records, max_bytes=limit))
    assert len(sent) in (4, 5) and all(len(envelope) <= limit for envelope in sent)
    assert [RawArticle.from_bytes(line) for envelope in sent for line in envelope_lines(envelope)] == records
    assert [len(envelope_lines(envelope)) for envelope in envelopes(records[:2], max_bytes=1)] == [1, 1], "a record too big travels alone"


@pytest.mark.parametrize(
    "value", ["band:3:00ff", 'Ünïcödé "quoted"', 1733000000.25, {"members": ["a", "b"], "count": 2, "none": None}, [0.5, "x", True]]
)
def test_table_entries_are_encoded_byte_for_byte_as_fausts_json_codec_would(value: Any) -> None:
    """A batch writes keys and values itself; Faust's own writes, reads and changelog recovery must find the same bytes."""
    serializers = faust.App("encode-check").serializers
    assert encode(value) == serializers.dumps_key(str, value, serializer="json") == serializers.dumps_value(None, value, serializer="json")
