"""Connector state in Kafka: which sources this process polls, and what it knew of them.

State lives in the compacted `connector-state` topic, one record per source, so it
survives restarts and moves between machines with the source. Sharding is static
(`connector_shard = i/N`): each source belongs to exactly one of N connector
processes, so no source is polled twice.
"""

from __future__ import annotations

from pydantic import ValidationError

from tocsin.connectors.catalog import Source
from tocsin.kafka import make_consumer, read_to_end, topic_partitions
from tocsin.partitioning import stable_index
from tocsin.records import SourceState
from tocsin.settings import Settings


def parse_shard(shard: str) -> tuple[int, int]:
    """'i/N' to (i, N); i must be below N."""
    index, count = (int(part) for part in shard.split("/"))
    if index >= count:
        raise ValueError(f"connector_shard {shard!r}: the index must be below the number of shards")
    return index, count


def owned(sources: list[Source], shard: str) -> list[Source]:
    """The sources this shard polls: a stable hash of the id, so every process agrees."""
    index, count = parse_shard(shard)
    return [s for s in sources if stable_index(s.id, count) == index]


async def load_states(settings: Settings, source_ids: set[str]) -> dict[str, SourceState]:
    """The latest state record of each of `source_ids` (the whole compacted topic is read once)."""
    topic = settings.topics.connector_state
    consumer = make_consumer(settings, enable_auto_commit=False)
    await consumer.start()
    states: dict[str, SourceState] = {}
    try:
        async for message in read_to_end(consumer, await topic_partitions(consumer, topic)):
            _keep(states, message.value, source_ids)
    finally:
        await consumer.stop()
    return states


def _keep(states: dict[str, SourceState], value: bytes | None, source_ids: set[str]) -> None:
    if not value:
        return
    try:
        state = SourceState.from_bytes(value)
    except ValidationError:
        return  # a record this version cannot read: start that source afresh rather than stop
    if state.source_id in source_ids:
        states[state.source_id] = state
