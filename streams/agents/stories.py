"""Cluster articles into stories (band probes, votes, story counts and merges), then publish and classify them.

streams/steps/stories.py, docs/stories.md; classification runs in the story stage,
where each article is published, so that no agent reads `articles` back.
"""

from __future__ import annotations

from faust.types import EventT

from tocsin.records import Article, BandMessage, StoryMerge, StoryVote
from tocsin.streams.agents.wiring import BatchTables, Wiring
from tocsin.streams.classifier import Classifier
from tocsin.streams.places import load_gazetteer
from tocsin.streams.steps import Out
from tocsin.streams.steps.alerting import with_signals
from tocsin.streams.steps.stories import StoryInput, story_band_step, story_step, story_vote_step


def register(w: Wiring) -> None:
    classifier = Classifier()
    places = load_gazetteer()

    def story_band(message: BandMessage, event: EventT, tables: BatchTables) -> list[Out]:
        return story_band_step(message, tables, w.ttl)

    def story_vote(vote: StoryVote, event: EventT, tables: BatchTables) -> list[Out]:
        return story_vote_step(vote, tables, w.ttl, w.settings.partitions)

    def story(record: Article | StoryMerge, event: EventT, tables: BatchTables) -> list[Out]:
        outs = with_signals(story_step(record, tables, w.ttl), classifier, places)
        for out in outs:
            if out.topic == "articles":
                w.metrics.articles_out.inc()
            elif out.topic == "signals":
                w.metrics.signals.labels(out.record.type.value, out.record.region).inc()
        return outs

    w.stage("story_bands", "story-bands", BandMessage, story_band)
    w.stage("story_votes", "story-votes", StoryVote, story_vote)
    w.stage("by_story", "stories", StoryInput, story)
