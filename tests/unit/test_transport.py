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
    consumer.seeks = seeks
    consumer.registry = registry
    return consumer


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


def test_a_record_missing_too_long_is_read_again_unless_a_stream_holds_it(consumer, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(transport.time, "monotonic", lambda: clock[0])
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
    consumer.app.topics._acking_topics.add(RAW.topic)
    stale = message(7, tracked=False, generation=consumer.app.consumer_generation_id - 1)
    assert consumer.ack(stale) is False and 7 not in consumer._acked[RAW]
    processed = message(8, tracked=True, generation=consumer.app.consumer_generation_id)
    assert consumer.ack(processed) is True and 8 in consumer._acked[RAW]


def message(offset: int, *, tracked: bool, generation: int | None = None) -> ConsumerMessage:
    result = ConsumerMessage(RAW.topic, RAW.partition, offset, 0.0, None, None, b"k", b"v", None, 1, 1, RAW, generation_id=generation)
    result.tracked = tracked
    return result


async def test_records_processed_while_waiting_for_an_earlier_one_are_not_handed_out_again(consumer, monkeypatch):
    async def fetched(self, timeout):
        for offset in range(4):
            yield RAW, message(offset, tracked=False)

    monkeypatch.setattr(transport.driver.Consumer, "getmany", fetched)
    acked(consumer, 1, 2)  # offset 0 was passed over; 1 and 2 were processed and wait for it
    assert [m.offset async for _, m in consumer.getmany(timeout=1.0)] == [0, 3]
