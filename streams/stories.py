"""Story clustering: near-duplicate articles across outlets join one story.

A syndicated wire story reaches Tocsin many times: other headlines, a trimmed or
extended lead, a "(Reuters) -" prefix. The content fingerprint (tocsin.streams.normalizer)
only catches exact copies; this module catches the rest with MinHash over word
shingles of the lead and locality-sensitive hashing (LSH) bands, so that finding
the story of an article costs one lookup per band, whatever the state size.

Pure code, no Kafka. `StoryIndex` is the single-process composition and the reference
model the worker's steps are tested against (tests/unit/test_story_steps.py); the Faust
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

import numpy as np

from tocsin.partitioning import kafka_partition

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

#: Characters of a lead casefolded first: enough for LEAD_WORDS words of news (the
#: whole text is casefolded only when they are not).
LEAD_CHARS = 400

_WORDS = re.compile(r"\w+")
_SEED = 0x70C5  # fixed: every worker, every release must derive the same band keys


def _permutations(count: int) -> tuple[np.ndarray, np.ndarray]:
    """Multiply-add hash functions mod 2^64 (odd multipliers), one per MinHash value, as
    columns: numpy's uint64 arithmetic wraps mod 2^64, so all are applied to all
    shingles at once, where Python's integers cost one operation per pair."""
    rng = random.Random(_SEED)
    pairs = np.array([(rng.getrandbits(64) | 1, rng.getrandbits(64)) for _ in range(count)], dtype=np.uint64)
    return pairs[:, :1], pairs[:, 1:]


_MULTIPLIERS, _INCREMENTS = _permutations(BANDS * ROWS)


def _hash64(text: str) -> int:
    """A stable 64-bit hash (Python's hash() differs between processes)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "replace"), digest_size=8).digest(), "little")


def first_words(text: str) -> list[str]:
    """The first LEAD_WORDS words of `text.casefold()`, casefolding only the first
    LEAD_CHARS characters when they hold more words than that (a long summary was
    casefolded whole for 20 words). Exact: casefolding maps character by character, so
    the words it finds before the start of another are the whole text's."""
    words = _WORDS.findall(text[:LEAD_CHARS].casefold())
    if len(words) <= LEAD_WORDS and len(text) > LEAD_CHARS:
        words = _WORDS.findall(text.casefold())
    return words[:LEAD_WORDS]


def shingles(title: str, text: str) -> set[int]:
    """Hashed word shingles of the lead's first LEAD_WORDS words (of title and lead when the lead is short)."""
    words = first_words(text)
    if len(words) < MIN_LEAD_WORDS:
        words = first_words(f"{title} {text}")
    width = min(SHINGLE_WORDS, len(words))
    return {_hash64(" ".join(words[i : i + width])) for i in range(len(words) - width + 1)} if words else set()


def minhash(title: str, text: str) -> tuple[int, ...]:
    """BANDS*ROWS MinHash values; empty when the text is too short to sign (see MIN_SHINGLES)."""
    hashes = shingles(title, text)
    if len(hashes) < MIN_SHINGLES:
        return ()
    values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
    return tuple((_MULTIPLIERS * values + _INCREMENTS).min(axis=1).tolist())


def bands(values: Sequence[int]) -> list[str]:
    """One key per band of ROWS values: two texts share a key with probability ~ Jaccard^ROWS."""
    data, size = np.array(values, dtype="<u8").tobytes(), ROWS * 8  # each value as 8 bytes, little-endian
    return [
        f"{band}:{hashlib.blake2b(data[band * size : (band + 1) * size], digest_size=8).hexdigest()}" for band in range(len(values) // ROWS)
    ]


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
    weight: float = 1.0  # the sum of the distinct sources' trust: corroboration weighted by trust


def age(offer: dict) -> tuple[float, str]:
    """The order of offers: the oldest story first, ties broken by id, so any arrival order gives the same answer."""
    return offer["first"], offer["story"]


def earliest(offers: Iterable[dict]) -> dict | None:
    """The offer of the oldest story (`age`), None for no offers."""
    return min(offers, key=age, default=None)


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
    best = min(entry, offer, key=age)
    return dict(best, seen=max(now, entry["seen"]))


def add_article(
    story: dict | None, story_id: str, source_id: str, title: str, now: float, trust: float = 1.0
) -> tuple[dict, StoryAssignment]:
    """The story table's new value after one more article, and what to stamp on that article.

    The value is {"first", "seen", "sources": [...], "trust": [...], "count", "title"}:
    the first article's title stays representative, so it does not flicker between
    revisions. `trust` runs beside `sources`, one value per source.
    """
    if story is None:
        story = {"first": now, "seen": now, "sources": [], "trust": [], "count": 0, "title": title}
    sources, trusts = with_source(story["sources"], source_trusts(story), source_id, trust)
    updated = {**story, "seen": max(now, story["seen"]), "sources": sources, "trust": trusts, "count": story["count"] + 1}
    assignment = StoryAssignment(
        story_id, article_count(story) == 0, len(sources), article_count(updated), updated["title"], updated["first"], weight_of(trusts)
    )
    return updated, assignment


# Story merge. Two variants probed at the same instant can each found a story (each
# reached the shared bands first, or one displaced the other there). Once a vote sees
# that, the newer story becomes an alias of the oldest: its key holds
# {"alias": offer, "seen"}, its sources and count are folded into the older story,
# and articles that still come to it are forwarded. Like claim_band, merges only ever
# point from a newer story to an older one, and a story remembers whom it absorbed,
# so replays and reorderings converge on the same tables.


def displaced(entry: dict | None, claimed: dict, now: float, ttl: float) -> str | None:
    """The live story a band held before `claimed` replaced it: the two met on one band, so they are one story."""
    entry = live(entry, now, ttl)
    return entry["story"] if entry is not None and entry["story"] != claimed["story"] else None


def stories_to_merge(answers: Iterable[dict], best: dict, article_id: str, now: float, ttl: float) -> list[str]:
    """The other stories an article's bands pointed to (or had just held): they are `best` too.

    The article's own id is left out: its offer won only the bands nobody had
    reached yet, it founded no story.
    """
    found = set()
    for answer in answers:
        if live(answer, now, ttl) is not None:
            found.add(answer["story"])
        if answer.get("displaced"):
            found.add(answer["displaced"])
    return sorted(found - {best["story"], article_id})


def alias_of(story: dict | None) -> dict | None:
    """The offer of the older story this one was merged into, or None for a story of its own."""
    return story.get("alias") if story is not None else None


def merge_story(story: dict | None, story_id: str, into: dict, now: float, ttl: float) -> tuple[dict | None, list[Merge]]:
    """Make story `story_id` an alias of the older story `into` (an offer {"story", "first", ...}).

    Returns the new table value (None: unchanged) and the merges to send, each
    (story, into, state): with a state, fold it into `into`; without, alias `story`.
    An alias already pointing elsewhere keeps the older target and merges the other
    into it; a story older than `into` turns the merge around.
    """
    target = {"story": into["story"], "first": into["first"]}
    if into["story"] == story_id:
        return None, []
    story = live(story, now, ttl)
    if story is not None and (current := alias_of(story)) is not None:
        if current["story"] == into["story"]:
            return None, []
        older, newer = sorted((current, target), key=age)
        return {"alias": older, "seen": max(now, story["seen"])}, [(newer["story"], older, None)]
    if story is not None and (story["first"], story_id) < (target["first"], target["story"]):
        return None, [(target["story"], {"story": story_id, "first": story["first"]}, None)]
    folds: list[Merge] = [(story_id, target, story)] if story is not None else []
    return {"alias": target, "seen": now if story is None else max(now, story["seen"])}, folds


def fold_story(story: dict | None, into: dict, merged_id: str, merged: dict, now: float, ttl: float) -> tuple[dict | None, dict | None]:
    """The older story's table value after absorbing `merged` (the value of story `merged_id`).

    Returns (new value, alias to forward the fold to when this story is itself an
    alias). Sources join at their highest trust; article counts are kept per absorbed
    story ("merged": {story id: its own count}, the larger count winning), so a fold
    replayed, or reaching here both directly and inside another story, counts once.
    """
    story = live(story, now, ttl)
    forward = alias_of(story)
    if forward is not None:
        return None, forward
    if story is None:
        story = {"first": into["first"], "seen": now, "sources": [], "trust": [], "count": 0, "title": merged["title"]}
    sources, trusts = story["sources"], source_trusts(story)
    for source_id, trust in zip(merged["sources"], source_trusts(merged)):
        sources, trusts = with_source(sources, trusts, source_id, trust)
    absorbed = dict(story.get("merged", {}))
    for part, count in {**merged.get("merged", {}), merged_id: merged["count"]}.items():
        if part in absorbed or len(absorbed) < MAX_SOURCES:
            absorbed[part] = max(count, absorbed.get(part, 0))
    return {
        **story,
        "first": min(story["first"], merged["first"]),
        "seen": max(now, story["seen"], merged["seen"]),
        "sources": sources,
        "trust": trusts,
        "merged": absorbed,
    }, None


def article_count(story: dict) -> int:
    """The story's own articles and those of the stories merged into it."""
    return story["count"] + sum(story.get("merged", {}).values())


#: A merge to send: (story, into, state), keyed by `into["story"]` when it carries a state, else by `story`.
Merge = tuple[str, dict, dict | None]


def merge_key(story: str, into: dict, state: dict | None) -> str:
    """The stories-table key a merge record goes to: the older story for a fold, else the story to alias."""
    return into["story"] if state is not None else story


def apply_merge(
    get: Callable[[str], dict | None], story: str, into: dict, state: dict | None, now: float, ttl: float
) -> tuple[str, dict | None, list[Merge]]:
    """One merge record against the stories table: (key, its new value or None, merges to send on)."""
    key = merge_key(story, into, state)
    if state is None:
        value, sends = merge_story(get(key), key, into, now, ttl)
        return key, value, sends
    value, forward = fold_story(get(key), into, story, state, now, ttl)
    return key, value, [(story, forward, state)] if forward else []


def source_trusts(story: dict) -> list[float]:
    """The trust of each of the story's sources; values written before trust was kept count each source as 1."""
    return story.get("trust") or [1.0] * len(story["sources"])


def with_source(sources: list[str], trusts: list[float], source_id: str, trust: float) -> tuple[list[str], list[float]]:
    """The sources and their trust with one more source (up to MAX_SOURCES).

    A source seen again keeps the highest trust it came with, so the result does not
    depend on the order articles (or merged stories) arrive in.
    """
    if source_id in sources:
        at = sources.index(source_id)
        return sources, trusts if trust <= trusts[at] else [*trusts[:at], trust, *trusts[at + 1 :]]
    if len(sources) >= MAX_SOURCES:
        return sources, trusts
    return [*sources, source_id], [*trusts, trust]


def weight_of(trusts: Iterable[float]) -> float:
    """Trust-weighted corroboration: the sum of the distinct sources' trust (rounded: float sums drift by order)."""
    return round(sum(trusts), 6)


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

    def assign(
        self, article_id: str, source_id: str, signature: Sequence[str], time: float, title: str = "", trust: float = 1.0
    ) -> StoryAssignment:
        """Join the oldest live story sharing a band key with `signature`, else found one named `article_id`."""
        offers = [self._offer(story_id) for key in signature if (story_id := self._bands.get(key)) is not None]
        best = earliest(offer for offer in offers if offer is not None and live(offer, time, self.ttl) is not None)
        story_id = best["story"] if best else article_id
        story, assignment = add_article(self._stories.pop(story_id, None) if best else None, story_id, source_id, title, time, trust)
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
    return kafka_partition(key.encode("utf-8", "surrogatepass"), partitions)


def pending_gather(value: dict | None) -> dict[str, Any]:
    """A vote gather (table `story-votes`) as `{"answers": {band: offer}, "article"?: {...}}`; one
    written before gathers held their article was the answers alone."""
    if not value:
        return {"answers": {}}
    return value if "answers" in value else {"answers": value}


def _latest_answer(gather: dict) -> float:
    return max((answer["seen"] for answer in pending_gather(gather)["answers"].values()), default=0.0)


#: When an entry of each cleaned table was last seen (epoch seconds), from its value.
SEEN_AT: dict[str, Callable[[Any], float]] = {
    "seen-urls": float,
    "seen-fingerprints": float,  # an entry of the form before content was keyed per source ({"at", "sources"}) is expired
    "story-bands": lambda value: value["seen"],
    "story-votes": _latest_answer,  # a gather whose answers never all came stays until its newest answer expires
    "stories": lambda value: value["seen"],
}


def expired_keys(
    entries: Iterable[tuple[str, Any]], seen_at: Callable[[Any], float], now: float, ttl: float, owned: Callable[[str], bool]
) -> list[str]:
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
