"""The kernel's topic readers on the real broker: a compacted topic to its end, a topic from a time."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from tests.integration.conftest import BOOTSTRAP, delete_topics
from tocsin.kafka import MissingTopic, existing_partitions, read_to_end, seek_since, topic_partitions

#: (partition, key, value, timestamp in unix seconds); partition 2 stays empty.
RECORDS = [(0, b"a", b"a1", 1000), (1, b"b", b"b1", 2000), (0, b"a", b"a2", 3000), (1, b"c", b"c1", 4000)]


async def _create_topic(topic: str, partitions: int) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(topic, partitions, 1)])
    finally:
        await admin.close()


async def _topic_with_records() -> str:
    topic = f"it-read-{uuid.uuid4().hex[:10]}"
    await _create_topic(topic, 3)
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
    await producer.start()
    try:
        for partition, key, value, at in RECORDS:
            await producer.send_and_wait(topic, value, key=key, partition=partition, timestamp_ms=at * 1000)
    finally:
        await producer.stop()
    return topic


@asynccontextmanager
async def _consumer(topic: str) -> AsyncIterator[tuple[AIOKafkaConsumer, list[TopicPartition]]]:
    consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP, enable_auto_commit=False)
    await consumer.start()
    try:
        yield consumer, await topic_partitions(consumer, topic)
    finally:
        await consumer.stop()
        await delete_topics((topic,))


def test_read_to_end_gives_every_record_stops_at_the_end_and_leaves_the_consumer_following_the_partitions() -> None:
    async def main() -> tuple[list[bytes], list[bytes]]:
        topic = await _topic_with_records()
        async with _consumer(topic) as (consumer, partitions):
            read = [message.value async for message in read_to_end(consumer, partitions, 200)]
            assert [message async for message in read_to_end(consumer, [])] == []
            producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
            await producer.start()
            await producer.send_and_wait(topic, b"later", partition=2)
            await producer.stop()
            later = await consumer.getmany(timeout_ms=5000)
            return sorted(read), [message.value for messages in later.values() for message in messages]

    read, later = asyncio.run(main())
    assert read == [b"a1", b"a2", b"b1", b"c1"]
    assert later == [b"later"]


@pytest.mark.parametrize(
    ("since", "expected"), [(0, [b"a1", b"a2", b"b1", b"c1"]), (2500, [b"a2", b"c1"]), (3000, [b"a2", b"c1"]), (9000, [])]
)
def test_seek_since_starts_each_partition_at_its_first_record_that_new(since: float, expected: list[bytes]) -> None:
    async def main() -> list[bytes]:
        topic = await _topic_with_records()
        async with _consumer(topic) as (consumer, partitions):
            consumer.assign(partitions)
            await seek_since(consumer, partitions, since)
            batches = await consumer.getmany(timeout_ms=1000)
            return sorted(message.value for messages in batches.values() for message in messages)

    assert asyncio.run(main()) == expected


def test_existing_partitions_fails_at_once_naming_the_topic_or_waits_until_it_is_created() -> None:
    async def main() -> tuple[str, list[TopicPartition]]:
        missing = f"it-missing-{uuid.uuid4().hex[:10]}"
        consumer = AIOKafkaConsumer(bootstrap_servers=BOOTSTRAP, enable_auto_commit=False)
        await consumer.start()
        try:
            with pytest.raises(MissingTopic) as refused:
                await existing_partitions(consumer, [missing])
            waiting = asyncio.create_task(existing_partitions(consumer, [missing], attempts=None, interval=0.2))
            await asyncio.sleep(0.5)
            assert not waiting.done()
            await _create_topic(missing, 2)
            found = await asyncio.wait_for(waiting, 30)
        finally:
            await consumer.stop()
            await delete_topics((missing,))
        return str(refused.value), found

    message, found = asyncio.run(main())
    assert "it-missing-" in message and BOOTSTRAP in message
    assert found == [TopicPartition(found[0].topic, 0), TopicPartition(found[0].topic, 1)]
