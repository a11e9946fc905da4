"""Which offset of each `alerts` partition may be committed, with deliveries finishing out of order.

Every receiver has its own queue, so the alerts of one partition finish in any
order: a healthy receiver is done with offset 9 while a failing one still
retries offset 3. Committing 10 would lose offset 3's delivery in a crash, so
the committable offset of a partition is its lowest offset still in progress (or
one past the last offset admitted, when nothing is). An offset is in progress
until each receiver it was routed to has recorded its delivery: delivered,
suppressed, superseded or dead.
"""

from __future__ import annotations


class PendingOffsets:
    def __init__(self) -> None:
        self._remaining: dict[int, dict[int, int]] = {}
        self._next: dict[int, int] = {}

    def admit(self, partition: int, offset: int, deliveries: int) -> None:
        """Offset `offset` of `partition` waits for `deliveries` records (0: it is done already)."""
        self._next[partition] = max(self._next.get(partition, 0), offset + 1)
        if deliveries > 0:
            self._remaining.setdefault(partition, {})[offset] = deliveries

    def finish(self, partition: int, offset: int) -> None:
        """One delivery of that offset is recorded (ignored for a partition forgotten meanwhile)."""
        pending = self._remaining.get(partition)
        if pending is None or offset not in pending:
            return
        pending[offset] -= 1
        if pending[offset] == 0:
            del pending[offset]

    def committable(self) -> dict[int, int]:
        """Per partition, the offset to commit: everything below it is done."""
        return {partition: self._lowest_pending(partition) for partition in self._next}

    def _lowest_pending(self, partition: int) -> int:
        pending = self._remaining.get(partition)
        return min(pending) if pending else self._next[partition]

    def in_progress(self, partition: int) -> int:
        return len(self._remaining.get(partition, {}))

    def forget(self, partitions: set[int]) -> None:
        """Partitions this process no longer owns: their next owner reads them again from the last commit."""
        for partition in partitions:
            self._remaining.pop(partition, None)
            self._next.pop(partition, None)
