"""Consumer lag: how far each Tocsin consumer group's committed offsets are behind the partition ends.

Kernel code: the worker's lag gauge and `tocsin status` both read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.structs import OffsetAndMetadata

from tocsin.kafka import make_admin, make_consumer
from tocsin.settings import Settings


@dataclass(frozen=True)
class PartitionLag:
    """Committed offset of one group on one partition against the partition's end."""

    group: str
    topic: str
    partition: int
    committed: int
    end: int

    @property
    def lag(self) -> int:
        return max(self.end - self.committed, 0)


def groups(settings: Settings) -> list[str]:
    return [settings.app_id, f"{settings.app_id}-notifier"]


async def consumer_lags(settings: Settings) -> list[PartitionLag]:
    """Lag of every partition each Tocsin group has committed offsets on; a group that never committed shows none."""
    admin = make_admin(settings, f"{settings.app_id}-status")
    await admin.start()
    try:
        committed = {group: await admin.list_consumer_group_offsets(group) for group in groups(settings)}
    finally:
        await admin.close()
    if not any(committed.values()):  # nothing to compare; aiokafka's stop() right after start() also trips over itself
        return []
    consumer = make_consumer(settings, client_id=f"{settings.app_id}-lag", enable_auto_commit=False)
    await consumer.start()
    try:
        return [lag for group, offsets in committed.items() for lag in await _group_lags(consumer, group, offsets)]
    finally:
        await consumer.stop()


async def _group_lags(consumer: AIOKafkaConsumer, group: str, committed: dict[TopicPartition, OffsetAndMetadata]) -> list[PartitionLag]:
    offsets = {tp: meta.offset for tp, meta in committed.items() if meta.offset >= 0}
    ends = await consumer.end_offsets(list(offsets)) if offsets else {}
    return [
        PartitionLag(group, tp.topic, tp.partition, offset, ends[tp])
        for tp, offset in sorted(offsets.items(), key=lambda item: (item[0].topic, item[0].partition))
    ]
