"""Real captured feeds (../shared/corpus/feeds/captures) as `tocsin replay` items, read in place, never copied."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tocsin.connectors.parser import parse_feed
from tocsin.records import RawArticle

CAPTURES = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "feeds" / "captures"
#: How long after publication a live poller would have fetched an item.
POLL_DELAY = timedelta(minutes=5)


def capture_items(live: bool) -> list[dict]:
    """Every dated item of every capture, with its real publication date.

    `live`: fetched five minutes after publication, as if Tocsin had watched the feed
    all along (every item is news when read: the strictest test of precision).
    Otherwise fetched when the file was captured (its newest item's date): old items
    are then old, as they were for the first poll of a newly added feed.
    """
    items = []
    for path, entries in capture_entries():
        dated = [entry for entry in entries if not entry.published_missing]
        captured = max((entry.published for entry in dated), default=None)
        for entry in dated:
            fetched = entry.published + POLL_DELAY if live else captured
            items.append(
                {
                    "source": path.stem,
                    "url": entry.url,
                    "title": entry.title,
                    "summary": entry.summary,
                    "published": entry.published.isoformat(),
                    "fetched": fetched.isoformat(),
                    "guid": entry.guid,
                    "language": entry.language,
                }
            )
    return items


def capture_entries() -> Iterator[tuple[Path, list[RawArticle]]]:
    """Every capture file with its items, as the connectors' parser reads them."""
    for path in sorted(CAPTURES.iterdir()):
        if path.name != "INDEX.tsv":
            parsed = parse_feed(path.read_bytes(), source_id=path.stem, url=f"https://{path.stem}.example/feed", fetched=datetime.now(UTC))
            yield path, parsed.articles
