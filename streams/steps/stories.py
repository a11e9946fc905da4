"""Cluster articles into stories: band probes, votes, story counts and merges (docs/stories.md)."""

from __future__ import annotations

from pydantic import TypeAdapter

from tocsin.partitioning import stable_index
from tocsin.records import Article, BandMessage, StoryMerge, StoryOffer, StoryVote
from tocsin.streams.steps.ports import Out, Tables
from tocsin.streams.stories import (
    add_article,
    alias_of,
    apply_merge,
    band_keys,
    claim_band,
    displaced,
    earliest,
    live,
    merge_key,
    pending_gather,
    stories_to_merge,
)


def band_partition(key: str, partitions: int) -> int:
    """The partition of a band key: stable across processes, so a band's table entry stays in one place."""
    return stable_index(key, partitions)


class StoryInput:
    """What `articles-by-story` carries: articles to count, and story merges (told apart by their fields)."""

    _records = TypeAdapter(StoryMerge | Article)

    @classmethod
    def from_bytes(cls, data: bytes) -> StoryMerge | Article:
        return cls._records.validate_json(data)


def probe(article: Article, partitions: int) -> list[Out]:
    """Send a new article to the bands of its MinHash signature; one too short to sign is a story of its own."""
    keys = band_keys(article.title, article.text)
    if not keys:
        return [Out("by_story", article.article_id, article.model_copy(update={"story_id": article.article_id}))]
    t = article.fetched.timestamp()
    return to_bands(keys, StoryOffer(story=article.article_id, first=t, seen=t), partitions, article)


def to_bands(keys: list[str], offer: StoryOffer, partitions: int, article: Article | None = None) -> list[Out]:
    """One message per partition holding some of the bands: probes for `article` (the first carries it), or claims.

    Why only one probe carries the article: an article met about four band partitions
    and the vote of each, and its JSON travelled, encoded and decoded, eight times there.
    """
    by_partition: dict[int, list[str]] = {}
    for key in keys:
        by_partition.setdefault(band_partition(key, partitions), []).append(key)
    n = len(keys) if article else 0
    return [
        Out("story_bands", bands[0], BandMessage(bands=bands, offer=offer, n=n, article=None if index else article), partition)
        for index, (partition, bands) in enumerate(by_partition.items())
    ]


#: A band's stored last-seen time is brought forward only once it lags by this share of the TTL.
BAND_REFRESH_SHARE = 0.01


def story_band_step(message: BandMessage, tables: Tables, ttl: float) -> list[Out]:
    """Each band is a min-register: the oldest story that reached it; probes get it as their answer.

    An answer also names the live story the probe replaced, if any: the vote merges it.
    """
    now = message.offer.seen  # a probe's offer is seen when its article was fetched; a claim's, when the story was joined
    answers: dict[str, StoryOffer] = {}
    offer = message.offer.model_dump(exclude_none=True)
    for band in message.bands:
        previous = tables.band_stories.get(band)
        answer = claim_band(previous, offer, now, ttl)
        if band_changed(previous, answer, ttl):
            tables.band_stories[band] = answer
        answers[band] = StoryOffer.model_validate({**answer, "displaced": displaced(previous, answer, now, ttl)})
    if not message.n:
        return claim_merges(message.offer.story, answers, now)
    vote = StoryVote(n=message.n, answers=answers, article_id=message.offer.story, article=message.article)
    return [Out("story_votes", message.offer.story, vote)]


def claim_merges(story: str, answers: dict[str, StoryOffer], now: float) -> list[Out]:
    """The merges a claim calls for: on each band it met another live story, and the two are one story.

    A claim comes after its article's vote; in between, other articles may have
    reached those bands first (stages run side by side). A vote merges the stories
    it meets; a claim must too, or a story that took a band an instant before an
    older one claimed it stays apart for good. The band holds the oldest of the two:
    the other is merged into it (a merge already made changes nothing).
    """
    merges: dict[str, StoryOffer] = {}
    for answer in answers.values():
        into = StoryOffer(story=answer.story, first=answer.first, seen=now)
        for other in (story, answer.displaced):
            if other is not None and other != answer.story:
                merges.setdefault(other, into)
    return [Out("by_story", other, StoryMerge(story=other, into=into)) for other, into in merges.items()]


def band_changed(previous: dict | None, answer: dict, ttl: float) -> bool:
    """Whether a band's new value must be written: another story, or a last-seen time lagging by `BAND_REFRESH_SHARE` of the TTL.

    Why: the band entries were the largest share of the worker's table writes (ten per
    article), and a copy of a known story changes nothing in its bands but their
    last-seen time. Keeping that time up to 1% of the TTL old (100 minutes of a week)
    lets such a copy write none; a band is then forgotten between 99% and 100% of the
    TTL after a story last reached it, instead of at 100%.
    """
    if previous is None or (previous["story"], previous["first"]) != (answer["story"], answer["first"]):
        return True
    return answer["seen"] - previous["seen"] > ttl * BAND_REFRESH_SHARE


def story_vote_step(vote: StoryVote, tables: Tables, ttl: float, partitions: int) -> list[Out]:
    """Once every band answered, join the oldest story among them, tell the other bands, merge the other stories.

    The gather (`pending_votes`) holds the answers so far, and the article once its
    vote came: `{"answers": {band: offer}, "article": {...}}`.
    """
    article_id = vote.article_id
    gathered = pending_gather(tables.pending_votes.get(article_id))
    answers = {**gathered["answers"], **{band: offer.model_dump() for band, offer in vote.answers.items()}}
    if len(answers) < vote.n or (vote.article is None and "article" not in gathered):
        update = {"article": vote.article.model_dump(mode="json")} if vote.article else {}
        tables.pending_votes[article_id] = {**gathered, "answers": answers, **update}
        return []
    article = vote.article or Article.model_validate(gathered["article"])  # decoded once, when the gather is complete
    if article_id in tables.pending_votes:
        del tables.pending_votes[article_id]
    now = article.fetched.timestamp()
    best = earliest(a for a in answers.values() if live(a, now, ttl)) or next(iter(answers.values()))
    chosen = StoryOffer(story=best["story"], first=best["first"], seen=now)
    stale = [band for band, answer in answers.items() if answer["story"] != best["story"]]
    outs = to_bands(stale, chosen, partitions) if stale else []
    outs += [
        Out("by_story", story, StoryMerge(story=story, into=chosen))
        for story in stories_to_merge(answers.values(), best, article_id, now, ttl)
    ]
    outs.append(Out("by_story", best["story"], article.model_copy(update={"story_id": best["story"]})))
    return outs


def story_step(record: Article | StoryMerge, tables: Tables, ttl: float) -> list[Out]:
    """Count the story's articles and distinct sources; stamp the count and the trust-weighted count on the article."""
    if isinstance(record, StoryMerge):
        return merge_step(record, tables, ttl)
    article, now = record, record.fetched.timestamp()
    stored = live(tables.stories.get(article.story_id), now, ttl)
    if stored is not None and (older := alias_of(stored)) is not None:  # merged into an older story: counted there
        tables.stories[article.story_id] = {**stored, "seen": max(now, stored["seen"])}
        return [Out("by_story", older["story"], article.model_copy(update={"story_id": older["story"]}))]
    story, assignment = add_article(stored, article.story_id, article.source_id, article.title, now, article.trust)
    tables.stories[article.story_id] = story
    stamped = article.model_copy(update={"story_sources": assignment.sources_count, "story_weight": assignment.weight})
    return [Out("articles", article.story_id, stamped)]


def merge_step(merge: StoryMerge, tables: Tables, ttl: float) -> list[Out]:
    """Alias a newer story to an older one, or fold the aliased story's sources and count into the older one."""
    now = merge.into.seen
    key, value, sends = apply_merge(tables.stories.get, merge.story, merge.into.model_dump(), merge.state, now, ttl)
    if value is not None:
        tables.stories[key] = value
    return [
        Out(
            "by_story",
            merge_key(story, target, state),
            StoryMerge(story=story, into=StoryOffer(story=target["story"], first=target["first"], seen=now), state=state),
        )
        for story, target, state in sends
    ]
