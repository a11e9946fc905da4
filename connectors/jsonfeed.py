"""JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) to Entries; feedparser does not read it.

Relative URLs resolve against the feed's home_page_url, else its feed_url, else the
URL it was fetched from. The item's `url` is its link, `external_url` the fallback
(it points at the page being discussed); `content_text`/`content_html` stand in
for a missing `summary`. Anything that is not a JSON object with an `items` list
raises JsonFeedError with a reason fit for the source's error line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from tocsin.connectors.dates import parse_date
from tocsin.connectors.entries import Entry

VERSION_PREFIX = "https://jsonfeed.org/version/"


class JsonFeedError(ValueError):
    """The body is not a readable JSON Feed."""


@dataclass
class JsonFeed:
    entries: list[Entry]
    language: str | None


def looks_like_json(body: bytes) -> bool:
    """Whether the body starts like a JSON object (after a UTF-8 BOM and whitespace)."""
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def parse_json_feed(body: bytes, fetched_from: str) -> JsonFeed:
    """The items of a JSON Feed; raises JsonFeedError for malformed JSON or a JSON that is no feed."""
    try:
        document = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise JsonFeedError(f"JSON Feed is not UTF-8: {exc.reason} at byte {exc.start}") from exc
    except json.JSONDecodeError as exc:
        raise JsonFeedError(f"not well-formed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(VERSION_PREFIX):
        raise JsonFeedError(f'not a feed: JSON without a "version" starting with {VERSION_PREFIX}')
    items = document.get("items")
    if not isinstance(items, list):
        raise JsonFeedError('not a JSON Feed: "items" is missing or not a list')
    base = _string(document, "home_page_url") or _string(document, "feed_url")
    base = urljoin(fetched_from, base) if base else fetched_from
    return JsonFeed([_entry(item, base) for item in items if isinstance(item, dict)], _string(document, "language") or None)


def _entry(item: dict[str, Any], base: str) -> Entry:
    link = _string(item, "url") or _string(item, "external_url")
    return Entry(
        link=urljoin(base, link) if link else "",
        title=_string(item, "title"),
        summary=_string(item, "summary") or _string(item, "content_text") or _string(item, "content_html"),
        guid=_identifier(item.get("id")),
        published=parse_date(_string(item, "date_published")) or parse_date(_string(item, "date_modified")),
        language=_string(item, "language") or None,
    )


def _identifier(value: Any) -> str | None:
    """The item id; JSON Feed 1.0 allowed numbers, which are identities too."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return str(value)
    return value.strip() or None if isinstance(value, str) else None


def _string(mapping: dict[str, Any], key: str) -> str:
    """A string member, stripped; anything else (absent, null, a number where text belongs) is empty."""
    value = mapping.get(key)
    return value.strip() if isinstance(value, str) else ""
