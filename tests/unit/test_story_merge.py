"""Story merge: two variants that founded two stories at the same instant end as one (docs/stories.md)."""

from __future__ import annotations

import random

import pytest

from tocsin.streams.stories import (
    add_article,
    alias_of,
    apply_merge,
    article_count,
    displaced,
    fold_story,
    merge_key,
    merge_story,
    stories_to_merge,
)

TTL = 1000.0


def offer(story: str, first: float, seen: float | None = None) -> dict:
    return {"story": story, "first": first, "seen": first if seen is None else seen}


def story(*sources: tuple[str, float], first: float = 0.0, count: int | None = None) -> dict:
    value = None
    for n, (source, trust) in enumerate(sources):
        value, _ = add_article(value, "x", source, f"title {source}", first + n, trust)
    return {**value, "count": count if count is not None else value["count"]}


def test_a_probe_that_replaces_another_live_story_on_a_band_names_it() -> None:
    held = offer("B", 5.0)
    assert displaced(held, offer("A", 4.0), now=6.0, ttl=TTL) == "B"
    assert displaced(held, held, now=6.0, ttl=TTL) is None, "the band kept its story"
    assert displaced(None, offer("A", 4.0), now=6.0, ttl=TTL) is None
    assert displaced(held, offer("A", 4.0), now=5.0 + TTL + 1, ttl=TTL) is None, "a forgotten story is not merged"


def test_the_vote_merges_every_other_story_it_saw_but_not_the_articles_own_offer() -> None:
    answers = [
        {**offer("A", 1.0, seen=1100.0), "displaced": None},
        {**offer("B", 2.0, seen=1100.0), "displaced": None},
        {**offer("art", 1100.0), "displaced": "C"},  # its own offer won a band that held C
        {**offer("D", 0.5, seen=0.5), "displaced": None},  # dead: not seen within the TTL
    ]
    assert stories_to_merge(answers, answers[0], "art", now=1200.0, ttl=TTL) == ["B", "C"]


def test_a_newer_story_becomes_an_alias_and_sends_its_state_to_the_older_one() -> None:
    newer = story(("s2", 0.5), first=2.0)
    value, sends = merge_story(newer, "B", offer("A", 1.0), now=3.0, ttl=TTL)
    assert alias_of(value) == {"story": "A", "first": 1.0}
    assert sends == [("B", {"story": "A", "first": 1.0}, newer)]
    assert merge_key(*sends[0]) == "A", "a fold goes to the older story's key"


def test_merging_again_into_the_same_story_changes_nothing() -> None:
    value, _ = merge_story(story(("s2", 1.0), first=2.0), "B", offer("A", 1.0), now=3.0, ttl=TTL)
    assert merge_story(value, "B", offer("A", 1.0), now=4.0, ttl=TTL) == (None, [])
    assert merge_story(story(("s1", 1.0)), "A", offer("A", 1.0), now=4.0, ttl=TTL) == (None, [])


def test_an_alias_told_of_another_older_story_keeps_the_oldest_and_links_the_other() -> None:
    value, _ = merge_story(None, "C", offer("B", 2.0), now=3.0, ttl=TTL)
    value, sends = merge_story(value, "C", offer("A", 1.0), now=4.0, ttl=TTL)
    assert alias_of(value)["story"] == "A" and sends == [("B", {"story": "A", "first": 1.0}, None)]
    value, sends = merge_story(value, "C", offer("B", 2.0), now=5.0, ttl=TTL)
    assert alias_of(value)["story"] == "A" and sends == [("B", {"story": "A", "first": 1.0}, None)]


def test_a_merge_into_a_newer_story_is_turned_around() -> None:
    older = story(("s1", 1.0), first=1.0)
    assert merge_story(older, "A", offer("B", 2.0), now=3.0, ttl=TTL) == (None, [("B", {"story": "A", "first": 1.0}, None)])


def test_a_fold_adds_sources_at_their_highest_trust_and_the_count_once() -> None:
    older = story(("s1", 1.0), ("s3", 0.4), first=1.0)
    newer = story(("s2", 0.5), ("s3", 0.7), first=2.0)
    value, forward = fold_story(older, offer("A", 1.0), "B", newer, now=5.0, ttl=TTL)
    assert forward is None
    assert (value["sources"], value["trust"], article_count(value), value["first"]) == (["s1", "s3", "s2"], [1.0, 0.7, 0.5], 4, 1.0)
    again, _ = fold_story(value, offer("A", 1.0), "B", newer, now=6.0, ttl=TTL)
    assert again == {**value, "seen": 6.0}, "a replayed fold is not counted twice"
    _, next_article = add_article(again, "A", "s9", "t", 7.0)
    assert (next_article.article_count, next_article.sources_count) == (5, 4)


def test_a_fold_reaching_an_alias_is_forwarded_and_one_reaching_nothing_starts_the_story() -> None:
    alias, _ = merge_story(None, "B", offer("A", 1.0), now=2.0, ttl=TTL)
    assert fold_story(alias, offer("B", 2.0), "C", story(("s3", 1.0)), now=3.0, ttl=TTL) == (None, {"story": "A", "first": 1.0})
    value, _ = fold_story(None, offer("A", 1.0), "B", story(("s2", 0.5), first=2.0), now=3.0, ttl=TTL)
    assert (value["first"], value["sources"], article_count(value), value["merged"]) == (1.0, ["s2"], 1, {"B": 1})


# Convergence: the stories agent's steps over a dict table, records delivered in any order, merges replayed.


def deliver(table: dict, record: tuple) -> list[tuple]:
    """What the worker's stories agent does with one record (streams/steps/stories.py story_step, merge_step)."""
    kind, *fields = record
    if kind == "merge":
        story_id, into, state = fields
        key, value, sends = apply_merge(table.get, story_id, into, state, 10.0, TTL)
        if value is not None:
            table[key] = value
        return [("merge", *send) for send in sends]
    story_id, source, trust, t = fields
    older = alias_of(table.get(story_id))
    if older is not None:
        return [("article", older["story"], source, trust, t)]
    table[story_id], _ = add_article(table.get(story_id), story_id, source, "title", t, trust)
    return []


def run(records: list[tuple], seed: int) -> dict:
    """Deliver records and everything they cause in a random order; merges are sometimes delivered twice (replays)."""
    rng, table, pending = random.Random(seed), {}, list(records)
    while pending:
        record = pending.pop(rng.randrange(len(pending)))
        pending += deliver(table, record)
        if record[0] == "merge" and rng.random() < 0.3:
            pending.append(record)
    return table


def resolve(table: dict, story_id: str) -> str:
    while (older := alias_of(table.get(story_id))) is not None:
        story_id = older["story"]
    return story_id


@pytest.mark.parametrize("seed", range(200))
def test_two_stories_founded_at_once_converge_in_any_order(seed: int) -> None:
    into_a = {"story": "A", "first": 1.0}
    records = [
        ("article", "A", "wire", 1.0, 1.0),
        ("article", "B", "agency", 0.5, 1.0),
        ("merge", "B", into_a, None),
        ("article", "B", "paper", 0.7, 3.0),
    ]
    table = run(records, seed)
    assert resolve(table, "B") == "A"
    assert (sorted(table["A"]["sources"]), article_count(table["A"]), round(sum(table["A"]["trust"]), 6)) == (
        ["agency", "paper", "wire"],
        3,
        2.2,
    )


@pytest.mark.parametrize("seed", range(200))
def test_three_stories_merged_pairwise_converge_on_the_oldest(seed: int) -> None:
    a, b = {"story": "A", "first": 1.0}, {"story": "B", "first": 2.0}
    records = [
        ("article", "A", "s1", 1.0, 1.0),
        ("article", "B", "s2", 1.0, 2.0),
        ("article", "C", "s3", 1.0, 3.0),
        ("merge", "C", b, None),
        ("merge", "B", a, None),
        ("merge", "C", a, None),
    ]
    table = run(records, seed)
    assert resolve(table, "B") == resolve(table, "C") == "A"
    assert (sorted(table["A"]["sources"]), article_count(table["A"])) == (["s1", "s2", "s3"], 3)
