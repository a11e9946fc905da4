"""parse_feed on the shared corpus of real feeds (read in place from ../shared/corpus, never copied).

Measured when written: 132 of the 133 captures yield entries (the one that does
not is a JSON Feed, which parse_feed does not read); the assertion leaves a little room.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import pytest

from connectors.parser import Parsed, parse_feed

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "feeds"
CAPTURES = sorted(p for p in (CORPUS / "captures").iterdir() if p.is_file() and p.name != "INDEX.tsv")
EDGE = sorted(p for p in (CORPUS / "edge").iterdir() if p.is_file())
MIN_CAPTURES_WITH_ENTRIES = 130
FETCHED = datetime(2026, 2, 1, tzinfo=UTC)


@cache
def parsed(path: Path) -> Parsed:
    return parse_feed(path.read_bytes(), source_id="corpus", url="https://feeds.example/feed", fetched=FETCHED)


def test_corpus_is_present() -> None:
    assert len(CAPTURES) == 133 and len(EDGE) == 90


@pytest.mark.parametrize("path", CAPTURES + EDGE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_parsing_never_raises(path: Path) -> None:
    result = parsed(path)
    assert result.error is None or "\n" not in result.error
    assert all(article.source_id == "corpus" and article.guid for article in result.articles)


def test_captures_yield_entries() -> None:
    with_entries = [path.name for path in CAPTURES if parsed(path).articles]
    assert len(with_entries) >= MIN_CAPTURES_WITH_ENTRIES
