"""Bench input that looks like news: real titles and summaries, conflict reports, syndicated copies.

Titles and summaries come from the captured feeds (../shared/corpus/feeds/captures),
a share of conflict reports from the labelled incident sentences (satp, PLOVER),
and a share of every article is a copy of an earlier one from another source
(syndication, which the story stages cluster) or a near-duplicate (a wire prefix).
Without ../shared the bench falls back to a few fixed texts and says so: story
sizes and classifier paths are then not realistic.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from functools import cache

from tocsin import PROJECT_ROOT
from tocsin.records import RawArticle

CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"
#: Shares of the input: conflict reports, copies of an earlier article by another source, near-duplicates.
CONFLICT_SHARE, COPY_SHARE, NEAR_SHARE = 0.2, 0.15, 0.05
#: Sources the items are spread over, evenly: a large catalog's. Partitions of the raw
#: topic hold sources, not items, and with 50 the four partitions held 3,200 to 6,800
#: of 20,000 items, so that two workers split the work 38% / 62% (docs/deployment.md).
SOURCES = 500
#: Seconds between two items' fetch times: 100,000 items span 14 hours, as a day's backlog would (all within the alerting age).
SPACING = 0.5
FALLBACK = [
    ("Artillery shelled Stepanakert overnight", "Heavy shelling hit the outskirts of Stepanakert, residents said."),
    ("Air-raid sirens sound in Kyiv", "Residents took cover in shelters as sirens sounded across the city."),
    ("Council approves new budget", "The city council approved the budget after a long debate on Tuesday."),
    ("Film bombs at the box office", "The sequel was a box-office bomb, earning less than its budget."),
    ("Rail workers strike over pay", "Commuters faced delays as the union strike entered its second day."),
]


@cache
def feed_texts() -> tuple[tuple[str, str], ...]:
    """(title, summary) of every captured item that has a title; empty without ../shared."""
    from tocsin.connectors.parser import parse_feed  # the bench reads feeds the way connectors do

    captures = CORPUS / "feeds" / "captures"
    if not captures.is_dir():
        return ()
    texts = []
    for path in sorted(captures.iterdir()):
        if path.name == "INDEX.tsv":
            continue
        parsed = parse_feed(path.read_bytes(), source_id=path.stem, url=f"https://{path.stem}.example/feed", fetched=datetime.now(UTC))
        texts += [(entry.title, entry.summary) for entry in parsed.articles if entry.title]
    return tuple(texts)


@cache
def conflict_texts() -> tuple[tuple[str, str], ...]:
    """Incident reports as (first sentence, rest); empty without ../shared."""
    texts = []
    for name in ("satp_dev.jsonl", "plover_gsr.jsonl"):
        path = CORPUS / "labeled" / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                text = json.loads(line)["text"]
                head, _, rest = text.partition(". ")
                texts.append((head[:200], rest or head))
    return tuple(texts)


def corpus_note() -> str | None:
    """One line saying the input is not realistic, or None when the corpus is there."""
    if feed_texts() and conflict_texts():
        return None
    return f"bench input: {CORPUS} not found, using {len(FALLBACK)} fixed texts (not realistic)"


def news(count: int, seed: int = 7, prefix: str = "") -> list[RawArticle]:
    """`count` raw items from `SOURCES` sources, fetched `SPACING` apart up to now (live news, the latest last)."""
    rng, now = random.Random(seed), datetime.now(UTC)
    feeds, conflicts = feed_texts() or FALLBACK, conflict_texts() or FALLBACK
    made: list[tuple[str, str]] = []
    out = []
    for index in range(count):
        draw = rng.random()
        if made and draw < COPY_SHARE:
            title, summary = rng.choice(made)
        elif made and draw < COPY_SHARE + NEAR_SHARE:
            title, summary = rng.choice(made)
            title = f"UPDATE: {title}"
        else:
            title, summary = rng.choice(conflicts if rng.random() < CONFLICT_SHARE else feeds)
            if not feed_texts():  # a few fixed texts: numbered, or nearly all would be one source's repeats
                title = f"{title} ({index})"
            made.append((title, summary))
        fetched = now - timedelta(seconds=(count - index) * SPACING)
        out.append(
            RawArticle(
                source_id=f"bench-{index % SOURCES}",
                url=f"https://bench.example/{prefix}{index}",
                guid=f"{prefix}{index}",
                title=title,
                summary=summary,
                published=fetched,
                fetched=fetched,
            )
        )
    return out
