"""parse_feed on the shared corpus of real feeds (read in place from ../shared/corpus, never copied).

Three checks per file: it parses without an exception; the fast path (lxml, with
feedparser as fallback) finds at least as many entries as feedparser alone; and
where both read entries, they agree on links, identities, titles, dates and the
summary's text, except for the differences listed (and justified) in DIFFERENCES.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest

from tocsin.connectors.parser import Parsed, parse_feed
from tocsin.records import RawArticle

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "feeds"
if not CORPUS.is_dir():  # a user's clone has no ../shared: nothing here can run
    pytest.skip(f"real feed corpus not found at {CORPUS}", allow_module_level=True)
CAPTURES = sorted(p for p in (CORPUS / "captures").iterdir() if p.is_file() and p.name != "INDEX.tsv")
EDGE = sorted(p for p in (CORPUS / "edge").iterdir() if p.is_file())
FETCHED = datetime(2026, 2, 1, tzinfo=UTC)
FEED_URL = "https://feeds.example/feed"
JSON_FEED = "d4b7ab74da763119.xml"

# (file, field) -> why the fast path's value is the better one
DIFFERENCES = {
    ("0346e81559b251eb.xml", "title"): (
        "the title really says 'Martine Ã©crit' (a post about mojibake); feedparser re-decodes every "
        "field of a UTF-8 document as Latin-1-then-UTF-8 and turns it into 'écrit'"
    ),
    ("d6b581ced4b263b3.xml", "summary"): (
        "items have an empty <description/> and the text in content:encoded; feedparser keeps the empty "
        "summary, the fast path falls back to the content, so the text is not lost"
    ),
    ("rss-parser__craigslist.rss", "title"): (
        "a CDATA title is literal text ('Look&Lease'); feedparser guesses it is HTML because of <sup> and escapes the '&'"
    ),
}


@cache
def parsed(path: Path, fast: bool = True) -> Parsed:
    return parse_feed(path.read_bytes(), source_id="corpus", url=FEED_URL, fetched=FETCHED, fast=fast)


def test_corpus_is_present() -> None:
    assert len(CAPTURES) == 133 and len(EDGE) == 90


@pytest.mark.parametrize("path", CAPTURES + EDGE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_parsing_never_raises(path: Path) -> None:
    result = parsed(path)
    assert result.error is None or ("\n" not in result.error and len(result.error) <= 200)
    assert all(article.source_id == "corpus" and article.guid for article in result.articles)


@pytest.mark.parametrize("path", CAPTURES + EDGE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_at_least_as_many_entries_as_feedparser(path: Path) -> None:
    assert len(parsed(path).articles) >= len(parsed(path, fast=False).articles)


def test_every_capture_yields_entries_including_the_json_feed() -> None:
    assert [path.name for path in CAPTURES if not parsed(path).articles] == []
    json_feed = CAPTURES[0].parent / JSON_FEED
    assert not feedparser.parse(json_feed.read_bytes()).entries  # feedparser cannot read JSON Feed
    assert len(parsed(json_feed).articles) == 10


@pytest.mark.parametrize("path", CAPTURES + EDGE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fast_path_agrees_with_feedparser(path: Path) -> None:
    fast, slow = parsed(path).articles, parsed(path, fast=False).articles
    if path.name == JSON_FEED:
        return  # feedparser reads nothing there (checked above)
    assert len(fast) == len(slow)
    for mine, theirs in zip(fast, slow, strict=True):
        for field, value in comparable(mine).items():
            if (path.name, field) not in DIFFERENCES:
                assert value == comparable(theirs)[field], f"{path.name}: {field}"


def test_listed_differences_still_occur() -> None:
    """Each justification stays tied to a real difference, so the list cannot go stale."""
    for name, field in DIFFERENCES:
        path = next(p for p in CAPTURES + EDGE if p.name == name)
        fast, slow = parsed(path).articles, parsed(path, fast=False).articles
        assert any(comparable(a)[field] != comparable(b)[field] for a, b in zip(fast, slow, strict=True))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def text_of(markup: str) -> str:
    """The words of an HTML fragment, read by an HTML parser (a regex misreads '>' inside attributes)."""
    reader = _Text()
    reader.feed(markup)
    reader.close()
    return " ".join(" ".join(reader.parts).split())


def comparable(article: RawArticle) -> dict[str, object]:
    """What the two paths must agree on; the summary as text, since feedparser re-serializes its HTML."""
    return {
        "url": article.url,
        "guid": article.guid,
        "title": article.title,
        "published": (article.published, article.published_missing),
        "summary": text_of(article.summary),
        "language": article.language,
    }
