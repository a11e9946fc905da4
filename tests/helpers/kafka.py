"""Talking to the real test broker: produce records, read a topic, inspect a consumer group."""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from tocsin.kafka import read_to_end, topic_partitions


def produce(bootstrap: str, topic: str, records: list[tuple[bytes | None, bytes]]) -> None:
    async def main() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
        await producer.start()
        try:
            for key, value in records:
                await producer.send(topic, value, key=key)
            await producer.flush()
        finally:
            await producer.stop()

    asyncio.run(main())


def read_topic(bootstrap: str, topic: str) -> list[tuple[int, int, bytes | None, bytes]]:
    """Every record currently in `topic`: (partition, offset, key, value)."""

    async def main() -> list:
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
        await consumer.start()
        try:
            partitions = await topic_partitions(consumer, topic)
            ends = await consumer.end_offsets(partitions) if partitions else {}
            return [
                (m.partition, m.offset, m.key, m.value)
                async for m in read_to_end(consumer, partitions, 500)
                if m.offset < ends[TopicPartition(m.topic, m.partition)]
            ]
        finally:
            await consumer.stop()

    return asyncio.run(main())


def group_members(bootstrap: str, group: str) -> tuple[str, int]:
    """(state, number of members with partitions assigned) of a consumer group."""

    async def main() -> tuple[str, int]:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        await admin.start()
        try:
            described = await admin.describe_consumer_groups([group])
        finally:
            await admin.close()
        response = described[0]
        (_error, _group_id, state, _protocol_type, _protocol, members, *_rest) = response.groups[0]
        return state, sum(1 for member in members if member[-1])

    return asyncio.run(main())


def group_lag(bootstrap: str, group: str) -> dict[TopicPartition, int]:
    """Records not yet committed by `group`, per partition it has committed on (those with none left included)."""

    async def main() -> dict[TopicPartition, int]:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
        await admin.start()
        await consumer.start()
        try:
            committed = await admin.list_consumer_group_offsets(group)
            ends = await consumer.end_offsets(list(committed))
            return {tp: end - committed[tp].offset for tp, end in ends.items()}
        finally:
            await consumer.stop()
            await admin.close()

    return asyncio.run(main())
