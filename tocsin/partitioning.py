"""A key's stable place among N: the same in every process and release.

Python's `hash()` of a string changes from process to process, so anything that
must agree across processes and restarts (which connector shard polls a source,
which partition holds a band key's table entry) hashes here. Changing it moves
stored state, so it must stay bit-identical.
"""

from __future__ import annotations

import hashlib


def stable_index(key: str, count: int) -> int:
    """`key`'s place among `count` (a shard, a partition): the first 4 bytes of its BLAKE2b, big-endian, modulo `count`."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big") % count
