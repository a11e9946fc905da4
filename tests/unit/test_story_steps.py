"""The worker's story steps (streams/steps/stories.py) against their reference model, `StoryIndex`.

One process owning every table and taking each article's records to the end before
the next article is the order in which `StoryIndex.assign` works: both must put every
article in the same story with the same count of sources.
"""

from __future__ import annotations

import json
from collections import deque
from datetime import timedelta
from itertools import permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.factories import T0
from tocsin.records import Article, StoryVote
from tocsin.streams.steps import MemoryTables, Out
from tocsin.streams.steps.stories import probe, story_band_step, story_step, story_vote_step
from tocsin.streams.stories import DEFAULT_TTL_SECONDS, SEEN_AT, StoryIndex, band_keys

LEADS = [
    "Russian forces shelled the southern city of Kherson overnight, killing two civilians and wounding five, the regional governor said on Tuesday morning.",
    "Azerbaijan launched what it called anti-terrorist measures in Nagorno-Karabakh on Tuesday, shelling positions of ethnic Armenian forces around Stepanakert.",
    "Thousands of residents fled the town of Goma as rebels advanced from the north, aid agencies said, warning of a humanitarian crisis in the region.",
]
#: How outlets rework a wire lead: as is, with a prefix, trimmed, extended, upper-cased.
EDITS = [lambda text: text, lambda text: "(Reuters) - " + text, lambda text: text[:100], lambda text: text + " More to follow.", str.upper]
ITEM = st.tuples(
    st.sampled_from(range(len(LEADS))), st.sampled_from(range(len(EDITS))), st.sampled_from(["wire", "paper", "radio", "blog"])
)
TTL = DEFAULT_TTL_SECONDS


def article(index: int, lead: int, edit: int, source: str) -> Article:
    text = EDITS[edit](LEADS[lead])
    return Article(
        article_id=f"a{index}",
        source_id=source,
        url=f"https://{source}.example/{index}",
        canonical_url=f"https://{source}.example/{index}",
        guid=str(index),
        title=f"Report {index}",
        text=text,
        published=T0,
        fetched=T0 + timedelta(minutes=index),
        fingerprint=f"f{index}",
        story_id=f"f{index}",
    )


def through_steps(articles: list[Article]) -> list[tuple[str, int]]:
    """(story id, source count) of each article, from the steps over in-memory tables, each article's records to the end."""
    tables, stamped = MemoryTables(), []
    for item in articles:
        queue: deque[Out] = deque(probe(item, partitions=1))
        while queue:
            out = queue.popleft()
            if out.topic == "articles":
                stamped.append((out.record.story_id, out.record.story_sources))
            elif out.topic == "story_bands":
                queue.extend(story_band_step(out.record, tables, TTL))
            elif out.topic == "story_votes":
                queue.extend(story_vote_step(out.record, tables, TTL, partitions=1))
            else:
                queue.extend(story_step(out.record, tables, TTL))
    return stamped


def through_index(articles: list[Article]) -> list[tuple[str, int]]:
    index = StoryIndex()
    assigned = [index.assign(a.article_id, a.source_id, band_keys(a.title, a.text), a.fetched.timestamp(), a.title) for a in articles]
    return [(a.story_id, a.sources_count) for a in assigned]


@settings(max_examples=60, deadline=None)
@given(st.lists(ITEM, min_size=1, max_size=12))
def test_steps_assign_stories_as_the_reference_model_does(items: list[tuple[int, int, str]]) -> None:
    articles = [article(i, *item) for i, item in enumerate(items)]
    assert through_steps(articles) == through_index(articles)


def test_a_syndicated_lead_joins_the_first_story_with_two_sources() -> None:
    articles = [article(0, 0, 0, "wire"), article(1, 0, 1, "paper"), article(2, 1, 0, "radio")]
    assert through_steps(articles) == [("a0", 1), ("a0", 2), ("a2", 1)]


class CountingDict(dict):
    """A table that counts its writes."""

    writes = 0

    def __setitem__(self, key, value) -> None:
        self.writes += 1
        super().__setitem__(key, value)


def band_writes(articles: list[Article], ttl: float = TTL) -> list[int]:
    """How many band writes each article's probe makes, articles taken in order."""
    tables, writes = MemoryTables(band_stories=CountingDict()), []
    for item in articles:
        before = tables.band_stories.writes
        for out in probe(item, partitions=1):
            story_band_step(out.record, tables, ttl)
        writes.append(tables.band_stories.writes - before)
    return writes


def test_a_copy_of_a_known_story_rewrites_no_band_until_their_time_lags() -> None:
    """Copies a minute apart write no band; once a band's last-seen time lags by 1% of the TTL, it is brought forward."""
    copies = [article(index, 0, 0, source) for index, source in enumerate(["wire", "paper", "radio"])]
    bands = len(band_keys(copies[0].title, copies[0].text))
    assert band_writes(copies) == [bands, 0, 0]
    assert band_writes(copies, ttl=50 * 60.0) == [bands, bands, bands], "a minute is 2% of a 50-minute TTL: rewritten"


def votes_of(item: Article, partitions: int) -> list[StoryVote]:
    tables = MemoryTables()
    return [vote.record for out in probe(item, partitions) for vote in story_band_step(out.record, tables, TTL)]


def test_one_probe_carries_the_article_and_its_vote_brings_it_whatever_the_order_of_the_votes() -> None:
    """Of an article's probes to four band partitions only one carries it; the story
    stage gets it once every vote came, in any order, the gather kept as the table keeps it (JSON)."""
    item = article(0, 0, 0, "wire")
    probes = probe(item, partitions=4)
    assert len(probes) > 1 and [out.record.article for out in probes].count(None) == len(probes) - 1
    votes = votes_of(item, partitions=4)
    for order in permutations(votes):
        tables, outs = MemoryTables(), []
        for vote in order:
            outs += story_vote_step(vote, tables, TTL, partitions=4)
            tables.pending_votes = json.loads(json.dumps(tables.pending_votes))  # what a flush to the store keeps
        assert [(out.topic, out.record) for out in outs] == [("by_story", item.model_copy(update={"story_id": "a0"}))]
        assert tables.pending_votes == {}


def test_a_gather_with_its_article_expires_by_its_answers_and_older_records_are_read() -> None:
    item = article(0, 0, 0, "wire")
    with_article, *others = sorted(votes_of(item, partitions=4), key=lambda vote: vote.article is None)
    tables = MemoryTables()
    story_vote_step(with_article, tables, TTL, partitions=4)
    gather = tables.pending_votes["a0"]
    assert gather["article"]["article_id"] == "a0"
    assert SEEN_AT["story-votes"](gather) == item.fetched.timestamp()
    # before article_id: every vote carried its article, and a gather held its answers alone
    old_vote = StoryVote.from_bytes(
        json.dumps(
            {k: v for k, v in json.loads(others[0].to_bytes()).items() if k != "article_id"} | {"article": json.loads(item.to_bytes())}
        )
    )
    assert old_vote.article_id == "a0"
    tables = MemoryTables(pending_votes={"a0": {band: offer.model_dump() for vote in others[1:] for band, offer in vote.answers.items()}})
    outs = story_vote_step(old_vote, tables, TTL, partitions=4) + story_vote_step(with_article, tables, TTL, partitions=4)
    assert [out.record.story_id for out in outs if out.topic == "by_story"] == ["a0"]
