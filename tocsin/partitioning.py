"""A key's stable place among N: the same in every process and release.

Python's `hash()` of a string changes from process to process, so anything that
must agree across processes and restarts (which connector shard polls a source,
which partition holds a band key's table entry) hashes here. Changing it moves
stored state, so it must stay bit-identical. Records sent by key go where Kafka's
default partitioner puts them (`kafka_partition`), as every Kafka client does.
"""

from __future__ import annotations

import functools
import hashlib
import random

from aiokafka.partitioner import murmur2


def stable_index(key: str, count: int) -> int:
    """`key`'s place among `count` (a shard, a partition): the first 4 bytes of its BLAKE2b, big-endian, modulo `count`."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big") % count


@functools.lru_cache(maxsize=1 << 16)
def _kafka_hash(key: bytes) -> int:
    """Kafka's murmur2 of a key, made positive.

    Cached: aiokafka's murmur2 is pure Python (some 10 µs a key, 4% of a worker's
    time), and a worker hashes the same keys again and again: an article's id for
    the vote of each band partition, a story id for its articles, a region for its signals.
    """
    return int(murmur2(key)) & 0x7FFFFFFF


def kafka_partition(key: bytes, count: int) -> int:
    """The partition among `count` that Kafka's default partitioner (Java client, aiokafka) gives a record keyed `key`."""
    return _kafka_hash(key) % count


def kafka_partitioner(key: bytes | None, all_partitions: list[int], available: list[int]) -> int:
    """aiokafka's default partitioner, on the cached hash: a keyed record's partition, else a random available one."""
    if key is None:
        return random.choice(available or all_partitions)
    return all_partitions[kafka_partition(key, len(all_partitions))]
