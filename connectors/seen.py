"""Which items a source has already emitted, bounded so memory stays flat."""

from __future__ import annotations

from collections import OrderedDict


class SeenItems:
    """An insertion-ordered set per source that forgets the oldest ids beyond `capacity`.

    The capacity must exceed the number of items a feed shows at once, or an item
    still in the feed would be forgotten and emitted again.
    """

    def __init__(self, capacity: int = 2000):
        self.capacity = capacity
        self._ids: dict[str, OrderedDict[str, None]] = {}

    def __contains__(self, key: tuple[str, str]) -> bool:
        source_id, item_id = key
        return item_id in self._ids.get(source_id, ())

    def add(self, source_id: str, item_id: str) -> None:
        ids = self._ids.setdefault(source_id, OrderedDict())
        ids[item_id] = None
        ids.move_to_end(item_id)
        while len(ids) > self.capacity:
            ids.popitem(last=False)

    def ids(self, source_id: str) -> list[str]:
        """The remembered ids of a source, oldest first (what a state record stores)."""
        return list(self._ids.get(source_id, ()))

    def load(self, source_id: str, ids: list[str]) -> None:
        """Restore a source's ids from a state record."""
        for item_id in ids[-self.capacity :]:
            self.add(source_id, item_id)
