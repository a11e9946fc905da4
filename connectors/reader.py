"""Read a fetched body the way its source's kind says: a feed, or a listing page by selectors.

One place for the choice, so the poller and `tocsin sources check` cannot drift apart.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypedDict

from tocsin.connectors.catalog import Source
from tocsin.connectors.fetcher import Fetched
from tocsin.connectors.pages.listing import parse_listing
from tocsin.connectors.parser import Parsed, parse_feed


class _Origin(TypedDict):
    """What both parsers stamp every item of a body with."""

    source_id: str
    url: str
    fetched: datetime
    content_type: str | None
    language: str | None


def read_source(source: Source, fetched: Fetched, now: datetime | None = None) -> Parsed:
    """The items of one fetched body; never raises for bad input (see Parsed.error)."""
    common: _Origin = {
        "source_id": source.id,
        "url": fetched.url,
        "fetched": now or datetime.now(UTC),
        "content_type": fetched.content_type,
        "language": source.language,
    }
    if source.kind == "html":
        return parse_listing(fetched.body, selectors=source.page_selectors(), **common)
    return parse_feed(fetched.body, **common)
