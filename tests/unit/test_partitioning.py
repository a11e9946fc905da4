"""The stable key -> shard/partition hash: connector shards and band-table partitions depend on it never changing."""

import pytest
from aiokafka.partitioner import DefaultPartitioner

from tocsin.partitioning import kafka_partition, kafka_partitioner, stable_index


@pytest.mark.parametrize(
    ("key", "places"),
    [
        ("bbc", [0, 1, 0, 1, 9]),
        ("reuters-world", [0, 1, 2, 7, 11]),
        ("b3:0123abcd", [0, 1, 0, 7, 3]),
        ("", [0, 1, 0, 5, 9]),
    ],
)
def test_the_places_of_keys_are_those_stored_state_was_written_with(key: str, places: list[int]) -> None:
    assert [stable_index(key, count) for count in (1, 2, 3, 8, 12)] == places


def test_keys_spread_over_every_place() -> None:
    counts = [0] * 8
    for number in range(800):
        counts[stable_index(f"source-{number}", 8)] += 1
    assert all(60 < count < 140 for count in counts), counts


def test_keyed_records_go_where_kafkas_default_partitioner_puts_them() -> None:
    default = DefaultPartitioner()
    for number in range(2_000):
        key = f"story-{number}".encode()
        for count in (1, 4, 7):
            partitions = list(range(count))
            assert kafka_partitioner(key, partitions, partitions) == default(key, partitions, partitions)
            assert kafka_partition(key, count) == default(key, partitions, partitions)
    assert {kafka_partitioner(None, [0, 1, 2, 3], [2]) for _ in range(20)} == {2}
