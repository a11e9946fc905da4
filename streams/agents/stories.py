"""Cluster articles into stories: band probes, votes, story counts and merges (docs/stories.md)."""

from __future__ import annotations

import hashlib

from pydantic import TypeAdapter

from streams import metrics
from streams.agents.wiring import Wiring
from streams.stories import (
    add_article,
    alias_of,
    apply_merge,
    band_keys,
    claim_band,
    displaced,
    earliest,
    live,
    merge_key,
    stories_to_merge,
)
from tocsin.records import Article, BandMessage, StoryMerge, StoryOffer, StoryVote


def band_partition(key: str, partitions: int) -> int:
    """The partition of a band key: stable across processes, so a band's table entry stays in one place."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big") % partitions


class StoryInput:
    """What `articles-by-story` carries: articles to count, and story merges (told apart by their fields)."""

    _records = TypeAdapter(StoryMerge | Article)

    @classmethod
    def from_bytes(cls, data: bytes) -> StoryMerge | Article:
        return cls._records.validate_json(data)


async def probe(w: Wiring, article: Article) -> None:
    """Send a new article to the bands of its MinHash signature; one too short to sign is a story of its own."""
    keys = band_keys(article.title, article.text)
    if not keys:
        await w.by_story.send(key=article.article_id.encode(), value=article.model_copy(update={"story_id": article.article_id}).to_bytes())
        return
    t = article.fetched.timestamp()
    await _send_to_bands(w, keys, StoryOffer(story=article.article_id, first=t, seen=t), article)


async def _send_to_bands(w: Wiring, keys: list[str], offer: StoryOffer, article: Article | None = None) -> None:
    """One message per partition holding some of the bands (a probe with the article, or a claim)."""
    by_partition: dict[int, list[str]] = {}
    for key in keys:
        by_partition.setdefault(band_partition(key, w.settings.partitions), []).append(key)
    for partition, bands in by_partition.items():
        message = BandMessage(bands=bands, offer=offer, n=len(keys) if article else 0, article=article)
        await w.story_bands.send(key=bands[0].encode(), value=message.to_bytes(), partition=partition)


def register(w: Wiring) -> None:
    ttl = w.ttl

    async def story_band_step(message: BandMessage, event) -> None:
        """Each band is a min-register: the oldest story that reached it; probes get it as their answer.

        An answer also names the live story the probe replaced, if any: the vote merges it.
        """
        now = message.article.fetched.timestamp() if message.article else message.offer.seen
        answers = {}
        for band in message.bands:
            previous = w.band_stories.get(band)
            answer = w.band_stories[band] = claim_band(previous, message.offer.model_dump(exclude_none=True), now, ttl)
            answers[band] = {**answer, "displaced": displaced(previous, answer, now, ttl)}
        if message.article is not None:
            vote = StoryVote(n=message.n, answers=answers, article=message.article)
            await w.story_votes.send(key=message.article.article_id.encode(), value=vote.to_bytes())

    async def story_vote_step(vote: StoryVote, event) -> None:
        """Once every band answered, join the oldest story among them, tell the other bands, merge the other stories."""
        article_id = vote.article.article_id
        answers = {**(w.pending_votes.get(article_id) or {}), **{band: offer.model_dump() for band, offer in vote.answers.items()}}
        if len(answers) < vote.n:
            w.pending_votes[article_id] = answers
            return
        if article_id in w.pending_votes:
            del w.pending_votes[article_id]
        now = vote.article.fetched.timestamp()
        best = earliest(a for a in answers.values() if live(a, now, ttl)) or next(iter(answers.values()))
        chosen = StoryOffer(story=best["story"], first=best["first"], seen=now)
        stale = [band for band, answer in answers.items() if answer["story"] != best["story"]]
        if stale:
            await _send_to_bands(w, stale, chosen)
        for story in stories_to_merge(answers.values(), best, article_id, now, ttl):
            await w.by_story.send(key=story.encode(), value=StoryMerge(story=story, into=chosen).to_bytes())
        joined = vote.article.model_copy(update={"story_id": best["story"]})
        await w.by_story.send(key=best["story"].encode(), value=joined.to_bytes())

    async def story_step(record: Article | StoryMerge, event) -> None:
        """Count the story's articles and distinct sources; stamp the count and the trust-weighted count on the article."""
        if isinstance(record, StoryMerge):
            await merge_step(record)
            return
        article, now = record, record.fetched.timestamp()
        stored = live(w.stories.get(article.story_id), now, ttl)
        if (older := alias_of(stored)) is not None:  # merged into an older story: counted there
            w.stories[article.story_id] = {**stored, "seen": max(now, stored["seen"])}
            await w.by_story.send(key=older["story"].encode(), value=article.model_copy(update={"story_id": older["story"]}).to_bytes())
            return
        story, assignment = add_article(stored, article.story_id, article.source_id, article.title, now, article.trust)
        w.stories[article.story_id] = story
        metrics.ARTICLES_OUT.inc()
        stamped = article.model_copy(update={"story_sources": assignment.sources_count, "story_weight": assignment.weight})
        await w.articles.send(key=article.story_id.encode(), value=stamped.to_bytes())

    async def merge_step(merge: StoryMerge) -> None:
        """Alias a newer story to an older one, or fold the aliased story's sources and count into the older one."""
        now = merge.into.seen
        key, value, sends = apply_merge(w.stories.get, merge.story, merge.into.model_dump(), merge.state, now, ttl)
        if value is not None:
            w.stories[key] = value
        for story, target, state in sends:
            record = StoryMerge(story=story, into=StoryOffer(story=target["story"], first=target["first"], seen=now), state=state)
            await w.by_story.send(key=merge_key(story, target, state).encode(), value=record.to_bytes())

    w.stage(w.story_bands, "story-bands", BandMessage, story_band_step)
    w.stage(w.story_votes, "story-votes", StoryVote, story_vote_step)
    w.stage(w.by_story, "stories", StoryInput, story_step)
