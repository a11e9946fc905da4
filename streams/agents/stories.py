"""Cluster articles into stories: band probes, votes, story counts and merges (streams/steps/stories.py, docs/stories.md)."""

from __future__ import annotations

from tocsin.records import Article, BandMessage, StoryMerge, StoryVote
from tocsin.streams.agents.wiring import Wiring
from tocsin.streams.steps.stories import StoryInput, story_band_step, story_step, story_vote_step


def register(w: Wiring) -> None:
    async def story_band(message: BandMessage, event) -> None:
        await w.send_all(story_band_step(message, w, w.ttl))

    async def story_vote(vote: StoryVote, event) -> None:
        await w.send_all(story_vote_step(vote, w, w.ttl, w.settings.partitions))

    async def story(record: Article | StoryMerge, event) -> None:
        outs = story_step(record, w, w.ttl)
        w.metrics.articles_out.inc(sum(out.topic == "articles" for out in outs))
        await w.send_all(outs)

    w.stage(w.story_bands, "story-bands", BandMessage, story_band)
    w.stage(w.story_votes, "story-votes", StoryVote, story_vote)
    w.stage(w.by_story, "stories", StoryInput, story)
