"""Feed parsing throughput over the shared captures: feedparser alone (the baseline,
measured in the same run) against Tocsin's `parse_feed` (fast path, fallbacks, JSON
Feed and normalization to RawArticles) and the fast path alone (`fastparse.parse_xml`:
lxml to Entries, no fallback, no RawArticles).

Target (issue 3): parse_feed at least 20x feedparser, with at least as many entries.
Each figure is the best of REPEAT passes over all files, on one core.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

import feedparser

from tocsin import PROJECT_ROOT
from tocsin.connectors.fastparse import NotHandled, parse_xml
from tocsin.connectors.parser import parse_feed

CAPTURES = PROJECT_ROOT.parent / "shared" / "corpus" / "feeds" / "captures"
REPEAT = 3
TARGET_RATIO = 20.0
FEED_URL = "https://feeds.example/feed"
FETCHED = datetime(2026, 2, 1, tzinfo=UTC)


def bodies() -> list[bytes]:
    return [path.read_bytes() for path in sorted(CAPTURES.iterdir()) if path.is_file() and path.name != "INDEX.tsv"]


def with_feedparser(body: bytes) -> int:
    return len(feedparser.parse(body, response_headers={"content-location": FEED_URL}, sanitize_html=False).entries)


def with_tocsin(body: bytes) -> int:
    return len(parse_feed(body, source_id="bench", url=FEED_URL, fetched=FETCHED, content_type="application/rss+xml").articles)


def with_lxml_only(body: bytes) -> int:
    try:
        return len(parse_xml(body, FEED_URL).entries)
    except NotHandled:
        return 0


def measure(parse: Callable[[bytes], int], documents: list[bytes]) -> tuple[float, int]:
    """(best seconds for one pass over all documents, entries found)."""
    best, entries = float("inf"), 0
    for _ in range(REPEAT):
        started = time.process_time()
        entries = sum(parse(body) for body in documents)
        best = min(best, time.process_time() - started)
    return best, entries


def main() -> None:
    documents = bodies()
    megabytes = sum(map(len, documents)) / 1e6
    print(
        f"feed parsing, {len(documents)} captures, {megabytes:.1f} MB, CPU time, best of {REPEAT} (target >= {TARGET_RATIO:g}x feedparser):"
    )
    print(f"  {'parser':<36} {'seconds':>8} {'MB/s':>7} {'entries':>8} {'ratio':>7}")
    baseline, baseline_entries = measure(with_feedparser, documents)
    rows = [
        ("feedparser 6 (baseline)", baseline, baseline_entries),
        ("tocsin parse_feed (RawArticles)", *measure(with_tocsin, documents)),
        ("fastparse.parse_xml (Entries only)", *measure(with_lxml_only, documents)),
    ]
    for name, seconds, entries in rows:
        print(f"  {name:<36} {seconds:>8.3f} {megabytes / seconds:>7.1f} {entries:>8} {baseline / seconds:>6.1f}x")
    tocsin_seconds, tocsin_entries = rows[1][1], rows[1][2]
    met = baseline / tocsin_seconds >= TARGET_RATIO and tocsin_entries >= baseline_entries
    verdict = "met" if met else "NOT met"
    print(f"  target {verdict}: {baseline / tocsin_seconds:.1f}x, {tocsin_entries} vs {baseline_entries} entries")


if __name__ == "__main__":
    main()
