"""Which items a source has already emitted, bounded so memory and state records stay flat.

An item is seen when any of its identity keys (`tocsin.connectors.identity`) is; a seen
item's keys are refreshed on every fetch, so the set forgets least-recently-fetched
keys first and never an item still in the feed: each source's bound is at least
twice the keys of its largest fetch (room for a window that shrinks and grows back,
or mirrors serving different windows). Keys are kept as 64-bit digests: a state
record of a 10,000-item feed (two keys each) stays near 400 kB, under Kafka's 1 MB
default message size, and a collision among a few thousand keys has odds below 1e-12.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass

from tocsin.connectors.identity import identity_keys, key_of
from tocsin.records import RawArticle

DIGEST = re.compile(r"^[0-9a-f]{16}$")


def digest(key: str) -> str:
    return hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Fresh:
    """What one fetch holds that was not seen: the new articles and their keys."""

    articles: list[RawArticle]  # as parsed, but an article whose id identifies nothing (a GUID shared) gets its primary key
    keys: dict[str, tuple[str, ...]]  # a new article's guid -> all its keys, marked seen once it is acknowledged


def identified(article: RawArticle, keys: tuple[str, ...]) -> RawArticle:
    """The article as emitted: known downstream by what identifies it in its document.

    A GUID that identifies nothing (shared) gives way to the primary key, so
    `article_id`s do not collide. A link that identifies nothing (shared with other
    items, such as anchors `page#item-1`, `page#item-2` of one page, or a home page)
    is not the item's own: `has_link` is off, so the worker's URL de-duplication
    keys the item by its id rather than merge it with the others (docs/item-identity.md).
    """
    update: dict[str, object] = {}
    if key_of(article.guid) not in keys:
        update["guid"] = keys[0]
    if article.has_link and key_of(article.url) not in keys:
        update["has_link"] = False
    return article.model_copy(update=update) if update else article


class SeenItems:
    """Per source, an LRU set of key digests holding at least `capacity` keys."""

    def __init__(self, capacity: int = 2000):
        self.capacity = capacity
        self._ids: dict[str, OrderedDict[str, None]] = {}
        self._bounds: dict[str, int] = {}
        self._unsaved: set[str] = set()

    def fresh(self, source_id: str, articles: list[RawArticle]) -> Fresh:
        """The articles none of whose keys was seen; the keys of the others are refreshed and linked.

        Membership is decided for the whole fetch before anything is refreshed, so
        no refresh can push out a key a later item of the same fetch still needs.
        """
        keyed = identity_keys(articles)
        self._bounds[source_id] = max(self.bound(source_id), 2 * sum(len(keys) for keys in keyed))
        ids = self._ids.setdefault(source_id, OrderedDict())
        hashed = [[digest(key) for key in keys] for keys in keyed]
        known = [any(key in ids for key in digests) for digests in hashed]
        new: dict[str, RawArticle] = {}
        fresh_keys: dict[str, tuple[str, ...]] = {}
        for article, keys, digests, was_seen in zip(articles, keyed, hashed, known):
            if was_seen:
                self._insert(source_id, digests)  # a changed GUID or link is learnt here
            elif keys[0] not in new:  # an item twice in one document (a repeat, the same linkless text) is one item
                new[keys[0]] = identified(article, keys)
                fresh_keys[new[keys[0]].guid] = keys
        return Fresh(list(new.values()), fresh_keys)

    def add(self, source_id: str, keys: tuple[str, ...]) -> None:
        """Remember (or refresh) an item's keys."""
        self._insert(source_id, [digest(key) for key in keys])

    def unsaved(self, source_id: str) -> bool:
        """Whether the source learnt keys since its state was last saved (`saved`): a new item, a changed GUID."""
        return source_id in self._unsaved

    def saved(self, source_id: str) -> None:
        """The source's keys are in a state record the broker acknowledged."""
        self._unsaved.discard(source_id)

    def bound(self, source_id: str) -> int:
        """How many keys the source keeps: `capacity`, or more once a fetch or a state record needed more."""
        return self._bounds.get(source_id, self.capacity)

    def ids(self, source_id: str) -> list[str]:
        """The remembered key digests of a source, least recently fetched first (what a state record stores)."""
        return list(self._ids.get(source_id, ()))

    def load(self, source_id: str, ids: list[str]) -> None:
        """Restore a source's keys from a state record, all of them: the writer's bound was large enough.

        A record written before keys were digests holds raw item ids (GUIDs, links):
        they are digested as keys, so an upgrade does not re-emit those items.
        """
        self._bounds[source_id] = max(self.bound(source_id), len(ids))
        self._insert(source_id, [item_id if DIGEST.match(item_id) else digest(key_of(item_id)) for item_id in ids])
        self.saved(source_id)

    def _insert(self, source_id: str, digests: list[str]) -> None:
        ids = self._ids.setdefault(source_id, OrderedDict())
        for key in digests:
            if key not in ids:
                self._unsaved.add(source_id)
            ids[key] = None
            ids.move_to_end(key)
        while len(ids) > self.bound(source_id):
            ids.popitem(last=False)
