"""The mended consumer's commit rule: never past a record no stream processed (streams/transport.py).

The whole path, with a real broker and two workers of a new group, is
tests/integration/test_workers.py.
"""

from __future__ import annotations

import pytest
from faust.types import TP
from faust.types.tuples import ConsumerMessage
from prometheus_client import CollectorRegistry

from tocsin.metrics import RoleMetrics
from tocsin.settings import load_settings
from tocsin.streams import transport
from tocsin.streams.app import create_app

RAW = TP("t.articles.raw", 0)


@pytest.fixture
def consumer(tmp_path):
    registry = CollectorRegistry()
    app = create_app(
        load_settings(
            environ={"TOCSIN_APP_ID": "unit", "TOCSIN_TOPIC_PREFIX": "t.", "TOCSIN_DATA_DIR": str(tmp_path), "TOCSIN_STORE": "memory"}
        ),
        RoleMetrics(registry),
    )
    consumer = app.consumer
    assert isinstance(consumer, transport.Consumer)
    seeks: list[tuple[TP, int]] = []
    consumer._thread.seek = lambda tp, offset: seeks.append((tp, offset))
    consumer._thread.assignment = lambda: {RAW}
    consumer.app.topics._acking_topics.add(RAW.topic)
    consumer.seeks = seeks
    consumer.registry = registry
    return consumer


@pytest.fixture
def clock(monkeypatch) -> list[float]:
    """The time the consumer reads, moved on by hand."""
    now = [1000.0]
    monkeypatch.setattr(transport.time, "monotonic", lambda: now[0])
    return now


def acked(consumer, *offsets: int) -> None:
    consumer._acked[RAW] = list(offsets)
    consumer._acked_index[RAW] = set(offsets)


def test_a_partition_without_commit_commits_only_from_where_reading_started(consumer):
    consumer.reading_starts[RAW] = 0
    acked(consumer, 1, 2, 3)
    assert consumer._new_offset(RAW) is None, "offset 0 was never processed"
    acked(consumer, 0, 1, 2, 4)
    assert consumer._new_offset(RAW) == 3


def test_a_committed_partition_does_not_commit_past_the_record_at_its_commit(consumer):
    consumer.reading_starts[RAW] = 10
    consumer._committed_offset[RAW] = 10
    acked(consumer, 11, 12)
    assert consumer._new_offset(RAW) is None, "offset 10 was never processed (Faust's own check is off by one)"
    acked(consumer, 10, 11, 12)
    assert consumer._new_offset(RAW) == 13


def test_retention_past_the_commit_moves_the_start(consumer):
    consumer._committed_offset[RAW] = 5
    consumer.reading_starts[RAW] = 40  # the log now starts at 40
    acked(consumer, 40, 41)
    assert consumer._new_offset(RAW) == 42


def test_a_record_missing_too_long_is_read_again_unless_a_stream_holds_it(consumer, clock):
    consumer.reading_starts[RAW] = 0
    acked(consumer, 1, 2)
    assert consumer._new_offset(RAW) is None
    clock[0] += transport.STALL_SECONDS - 1
    assert consumer._new_offset(RAW) is None and consumer.seeks == [], "still within the grace time"

    held = message(0, tracked=True)
    consumer._unacked_messages.add(held)
    clock[0] += 2
    assert consumer._new_offset(RAW) is None and consumer.seeks == [], "a stream is processing offset 0"

    consumer._unacked_messages.discard(held)
    assert consumer._new_offset(RAW) is None
    assert consumer.seeks == [(RAW, 0)] and consumer._read_offset[RAW] == 0, "read again from the missing offset"
    assert consumer.registry.get_sample_value("tocsin_records_reread_total", {"topic": RAW.topic}) == 1


def test_an_ack_of_a_skipped_record_is_refused_and_of_a_processed_one_counted(consumer):
    stale = message(7, tracked=False, generation=consumer.app.consumer_generation_id - 1)
    assert consumer.ack(stale) is False and 7 not in consumer._acked[RAW]
    processed = message(8, tracked=True, generation=consumer.app.consumer_generation_id)
    assert consumer.ack(processed) is True and 8 in consumer._acked[RAW]


def message(offset: int, *, tracked: bool, generation: int | None = None) -> ConsumerMessage:
    result = ConsumerMessage(RAW.topic, RAW.partition, offset, 0.0, None, None, b"k", b"v", None, 1, 1, RAW, generation_id=generation)
    result.tracked = tracked
    return result


async def hand_out(consumer, monkeypatch, *records: ConsumerMessage) -> list[int]:
    """Faust's fetch loop over `records`: the offsets it hands to the streams, dropping those below its mark as seen."""

    async def fetched(self, timeout):
        for record in records:
            yield RAW, record

    monkeypatch.setattr(transport.driver.Consumer, "getmany", fetched)
    offsets = []
    async for tp, record in consumer.getmany(timeout=1.0):
        mark = consumer._read_offset[tp]
        if mark is None or record.offset >= mark:
            consumer._read_offset[tp] = record.offset
            offsets.append(record.offset)
    return offsets


def committable(consumer) -> dict[TP, int]:
    """What Faust's periodic commit would commit now: its own path, less the broker."""
    return consumer._filter_committable_offsets(list(consumer._filter_tps_with_pending_acks()))


async def test_records_processed_while_waiting_for_an_earlier_one_are_not_handed_out_again(consumer, monkeypatch):
    acked(consumer, 1, 2)  # offset 0 was passed over; 1 and 2 were processed and wait for it
    assert await hand_out(consumer, monkeypatch, *(message(offset, tracked=False) for offset in range(4))) == [0, 3]


async def test_a_record_read_again_is_handed_out_though_records_fetched_before_moved_the_mark_past_it(consumer, monkeypatch, clock):
    consumer.reading_starts[RAW] = 0
    acked(consumer, 1, 2)
    consumer._new_offset(RAW)
    clock[0] += transport.STALL_SECONDS + 1
    consumer._new_offset(RAW)
    assert consumer.seeks == [(RAW, 0)]
    assert await hand_out(consumer, monkeypatch, message(3, tracked=False)) == [3], "fetched before the seek"
    refetched = (message(offset, tracked=False) for offset in range(5))
    assert await hand_out(consumer, monkeypatch, *refetched) == [0, 3, 4], "1 and 2 are done; 3 may repeat, not go missing"


def queued(offset: int, generation: int) -> ConsumerMessage:
    """A record Faust's conductor put in a stream's queue (a reference per stream)."""
    record = message(offset, tracked=False, generation=generation)
    record.incref()
    return record


def skipped_by_python_stream(consumer, record: ConsumerMessage) -> None:
    record.ack(consumer)  # Faust's pure-Python stream acks what it skips; the ack is refused


def skipped_by_cython_stream(consumer, record: ConsumerMessage) -> None:
    consumer.app.consumer_generation_id += 1  # a rebalance: the stream skips the older generation's record, unacked


def dropped_by_fetcher(consumer, record: ConsumerMessage) -> None:
    record.decref()  # never reached a stream's queue (the fetch loop stopped with the flow)


@pytest.mark.parametrize("pass_over", [skipped_by_python_stream, skipped_by_cython_stream, dropped_by_fetcher])
async def test_the_last_record_of_a_partition_passed_over_is_read_again_once(consumer, monkeypatch, clock, pass_over):
    """No later record will be acked to show it missing: the last one handed to the streams shows it."""
    consumer._committed_offset[RAW] = consumer.reading_starts[RAW] = 5
    last = queued(5, consumer.app.consumer_generation_id)
    await hand_out(consumer, monkeypatch, last)
    pass_over(consumer, last)
    assert committable(consumer) == {} and consumer.seeks == []
    clock[0] += transport.STALL_SECONDS + 1
    assert committable(consumer) == {} and consumer.seeks == [(RAW, 5)], "read again from the last record"
    clock[0] += transport.STALL_SECONDS + 1
    assert committable(consumer) == {} and consumer.seeks == [(RAW, 5)], "once: until it is handed out again"

    again = message(5, tracked=True, generation=consumer.app.consumer_generation_id)
    await hand_out(consumer, monkeypatch, again)
    again.ack(consumer)
    assert committable(consumer) == {RAW: 6}


def seeks_while_idle(consumer, clock: list[float]) -> list[tuple[TP, int]]:
    """The seeks of Faust's commits, one a second for three times `STALL_SECONDS`, none of which commits anything."""
    for _ in range(int(3 * transport.STALL_SECONDS)):
        assert committable(consumer) == {}
        clock[0] += 1
    return consumer.seeks


def waiting_in_queue(consumer, record: ConsumerMessage) -> None:
    pass


def being_processed(consumer, record: ConsumerMessage) -> None:
    record.tracked = True
    consumer._unacked_messages.add(record)


@pytest.mark.parametrize("hold", [waiting_in_queue, being_processed])
async def test_a_last_record_a_stream_holds_is_not_read_again(consumer, monkeypatch, clock, hold):
    consumer._committed_offset[RAW] = consumer.reading_starts[RAW] = 5
    records = [queued(offset, consumer.app.consumer_generation_id) for offset in (5, 6)]
    await hand_out(consumer, monkeypatch, *records)
    for record in records:
        hold(consumer, record)
    assert seeks_while_idle(consumer, clock) == []

    for record in records:
        record.tracked = True
        record.ack(consumer)
    assert committable(consumer) == {RAW: 7}
    assert seeks_while_idle(consumer, clock) == [], "processed: committed, not read again"


def test_a_partition_is_not_read_again_during_a_rebalance_nor_once_given_up(consumer, clock):
    """Its streams ack records after Faust forgot the partition; a seek there raised IllegalStateError and crashed the worker."""
    consumer.reading_starts[RAW] = 0
    acked(consumer, 3, 4)
    consumer.app.on_rebalance_start()
    assert seeks_while_idle(consumer, clock) == [], "the records' acks are older than the rebalance"
    consumer._thread.assignment = set
    consumer.app.on_rebalance_end()
    assert seeks_while_idle(consumer, clock) == [], "not ours anymore"
