"""Story clustering: near-duplicate articles across outlets join one story.

A syndicated wire story reaches Tocsin many times: other headlines, a trimmed or
extended lead, a "(Reuters) -" prefix. The content fingerprint (streams.normalizer)
only catches exact copies; this module catches the rest with MinHash over word
shingles of the lead and locality-sensitive hashing (LSH) bands, so that finding
the story of an article costs one lookup per band, whatever the state size.

Pure code, no Kafka. `StoryIndex` is the single-process composition; the Faust
wiring splits the same steps over tables keyed by band key and by story id
(docs/stories.md), using `live`, `earliest`, `claim_band` and `add_article` on the
JSON-serializable dicts those tables hold.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from aiokafka.partitioner import murmur2

#: Words of the lead that are signed. Syndication keeps the start of a lead and cuts
#: or extends its end, so signing only the start makes trims and additions invisible.
LEAD_WORDS = 20
#: Below this many lead words the title is signed too (title-only feeds).
MIN_LEAD_WORDS = 8
#: Fewer distinct shingles than this give no band keys: too little text to tell
#: stories apart, so such an article stays a story of its own.
MIN_SHINGLES = 4
SHINGLE_WORDS = 3
BANDS = 10
ROWS = 3
#: Stories unseen for this long are forgotten (a week of a news cycle).
DEFAULT_TTL_SECONDS = 7 * 24 * 3600.0
DEFAULT_MAX_STORIES = 2_000_000
#: Distinct sources remembered per story; the count saturates here (bounded state).
MAX_SOURCES = 256

_WORDS = re.compile(r"\w+")
_MASK = (1 << 64) - 1
_SEED = 0x70C5  # fixed: every worker, every release must derive the same band keys


def _permutations(count: int) -> tuple[tuple[int, int], ...]:
    """Multiply-add hash functions mod 2^64 (odd multipliers), one per MinHash value."""
    rng = random.Random(_SEED)
    return tuple((rng.getrandbits(64) | 1, rng.getrandbits(64)) for _ in range(count))


_PERMUTATIONS = _permutations(BANDS * ROWS)


def _hash64(text: str) -> int:
    """A stable 64-bit hash (Python's hash() differs between processes)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=8).digest(), "little")


def shingles(title: str, text: str) -> set[int]:
    """Hashed word shingles of the lead's first LEAD_WORDS words (of title and lead when the lead is short)."""
    words = _WORDS.findall(text.casefold())
    if len(words) < MIN_LEAD_WORDS:
        words = _WORDS.findall(f"{title} {text}".casefold())
    words = words[:LEAD_WORDS]
    width = min(SHINGLE_WORDS, len(words))
    return {_hash64(" ".join(words[i : i + width])) for i in range(len(words) - width + 1)} if words else set()


def minhash(title: str, text: str) -> tuple[int, ...]:
    """BANDS*ROWS MinHash values; empty when the text is too short to sign (see MIN_SHINGLES)."""
    hashes = shingles(title, text)
    if len(hashes) < MIN_SHINGLES:
        return ()
    return tuple(min((a * x + c) & _MASK for x in hashes) for a, c in _PERMUTATIONS)


def bands(values: Sequence[int]) -> list[str]:
    """One key per band of ROWS values: two texts share a key with probability ~ Jaccard^ROWS."""
    keys = []
    for band in range(len(values) // ROWS):
        chunk = b"".join(v.to_bytes(8, "little") for v in values[band * ROWS : (band + 1) * ROWS])
        keys.append(f"{band}:{hashlib.blake2b(chunk, digest_size=8).hexdigest()}")
    return keys


def band_keys(title: str, text: str) -> list[str]:
    """The LSH band keys of an article, the unit of repartitioning; [] for texts too short to sign."""
    return bands(minhash(title, text))


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    story_id: str
    is_new: bool
    sources_count: int
    article_count: int
    representative_title: str
    first_seen: float


def earliest(offers: Iterable[dict]) -> dict | None:
    """The offer of the oldest story, ties broken by id: the same answer in any arrival order."""
    return min(offers, key=lambda offer: (offer["first"], offer["story"]), default=None)


def live(value: dict | None, now: float, ttl: float) -> dict | None:
    """A table value, or None once it has not been seen for `ttl` (tables forget lazily)."""
    return value if value is not None and now - value["seen"] <= ttl else None


def claim_band(entry: dict | None, offer: dict, now: float, ttl: float) -> dict:
    """The band table's new value: a min-register over stories, so replays and reorderings converge.

    `entry` and `offer` are {"story": id, "first": first_seen, "seen": last_seen}; an
    entry not seen within `ttl` is forgotten.
    """
    entry = live(entry, now, ttl)
    if entry is None:
        return dict(offer, seen=now)
    best = earliest((entry, offer))
    return dict(best, seen=max(now, entry["seen"]))


def add_article(story: dict | None, story_id: str, source_id: str, title: str, now: float) -> tuple[dict, StoryAssignment]:
    """The story table's new value after one more article, and what to stamp on that article.

    The value is {"first", "seen", "sources": [...], "count", "title"}: the first
    article's title stays representative, so it does not flicker between revisions.
    """
    if story is None:
        story = {"first": now, "seen": now, "sources": [], "count": 0, "title": title}
    sources = story["sources"]
    if source_id not in sources and len(sources) < MAX_SOURCES:
        sources = [*sources, source_id]
    updated = {**story, "seen": max(now, story["seen"]), "sources": sources, "count": story["count"] + 1}
    assignment = StoryAssignment(story_id, story["count"] == 0, len(sources), updated["count"], updated["title"], updated["first"])
    return updated, assignment


class StoryIndex:
    """Stories by band key, bounded by a TTL and an LRU cap; assign() costs O(bands).

    Bands map to story ids, stories to their table value. A band whose story was
    forgotten is dead and is dropped when it reaches the LRU front or is reclaimed.
    """

    def __init__(self, max_stories: int = DEFAULT_MAX_STORIES, ttl_seconds: float = DEFAULT_TTL_SECONDS) -> None:
        self.max_stories = max_stories
        self.ttl = ttl_seconds
        self._bands: OrderedDict[str, str] = OrderedDict()
        self._stories: OrderedDict[str, dict] = OrderedDict()

    def __len__(self) -> int:
        return len(self._stories)

    def assign(self, article_id: str, source_id: str, signature: Sequence[str], time: float, title: str = "") -> StoryAssignment:
        """Join the oldest live story sharing a band key with `signature`, else found one named `article_id`."""
        offers = [self._offer(story_id) for key in signature if (story_id := self._bands.get(key)) is not None]
        best = earliest(offer for offer in offers if live(offer, time, self.ttl) is not None)
        story_id = best["story"] if best else article_id
        story, assignment = add_article(self._stories.pop(story_id, None) if best else None, story_id, source_id, title, time)
        self._stories[story_id] = story
        for key in signature:
            self._bands[key] = story_id
            self._bands.move_to_end(key)
        self._evict(time)
        return assignment

    def _offer(self, story_id: str) -> dict | None:
        story = self._stories.get(story_id)
        return None if story is None else {"story": story_id, "first": story["first"], "seen": story["seen"]}

    def _evict(self, now: float) -> None:
        """Drop the least recently used stories beyond the cap or the TTL, then their dead bands."""
        stories, bands = self._stories, self._bands
        while stories:
            story_id, story = next(iter(stories.items()))
            if len(stories) <= self.max_stories and now - story["seen"] <= self.ttl:
                break
            del stories[story_id]
        while bands and next(iter(bands.values())) not in stories:
            bands.popitem(last=False)


# Table cleanup. Reads only ignore entries older than the TTL (`live`); these helpers
# let the worker delete them, so tables stay bounded. A Faust table writes a delete to
# the changelog partition of the event being processed, so a partition's tick may only
# delete the keys that live in that partition.


def key_partition(key: str, partitions: int) -> int:
    """The partition Kafka's default partitioner gives `key` (murmur2, as aiokafka and the Java client do).

    Records sent without an explicit partition land there, and so do the table
    entries their agents write.
    """
    return (murmur2(key.encode("utf-8", "surrogatepass")) & 0x7FFFFFFF) % partitions


def _latest_answer(answers: dict) -> float:
    return max((answer["seen"] for answer in answers.values()), default=0.0)


#: When an entry of each cleaned table was last seen (epoch seconds), from its value.
SEEN_AT: dict[str, Callable[[Any], float]] = {
    "seen-urls": float,
    "seen-fingerprints": lambda value: value["at"],
    "story-bands": lambda value: value["seen"],
    "story-votes": _latest_answer,  # a gather whose answers never all came stays until its newest answer expires
    "stories": lambda value: value["seen"],
}


def expired_keys(entries: Iterable[tuple[str, Any]], seen_at: Callable[[Any], float], now: float, ttl: float,
                 owned: Callable[[str], bool]) -> list[str]:
    """Keys last seen more than `ttl` before `now` that `owned` accepts (the tick's partition).

    The time test comes first: it is cheap, and most entries are live. A value whose
    time cannot be read is expired, since no reader could use it either.
    """
    expired = []
    for key, value in entries:
        try:
            stale = now - seen_at(value) > ttl
        except (KeyError, TypeError, ValueError, AttributeError):
            stale = True
        if stale and owned(key):
            expired.append(key)
    return expired
