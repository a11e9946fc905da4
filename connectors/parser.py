"""Feed bytes to RawArticles: never raises on bad input, reports what it could not read."""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser

from tocsin.records import RawArticle


@dataclass
class Parsed:
    articles: list[RawArticle] = field(default_factory=list)
    error: str | None = None  # set when the body was not (entirely) a feed


def parse_feed(
    body: bytes,
    *,
    source_id: str,
    url: str,
    fetched: datetime,
    content_type: str | None = None,
    language: str | None = None,
) -> Parsed:
    """Parse RSS/Atom/RDF bytes; malformed feeds yield what is recoverable plus an error."""
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    feed = feedparser.parse(body, response_headers=headers, sanitize_html=False, resolve_relative_uris=True)
    error = None
    if feed.bozo:
        error = f"not well-formed: {_describe(feed.bozo_exception)}"
    if not feed.entries:
        if feed.version:
            return Parsed([], None if not feed.bozo else error)
        return Parsed([], error or "not a feed: no RSS, Atom or RDF root element")
    feed_language = language or _language(feed.feed.get("language"))
    articles = [_article(entry, source_id, url, fetched, feed_language) for entry in feed.entries]
    return Parsed([article for article in articles if article is not None], error)


def _article(entry, source_id: str, feed_url: str, fetched: datetime, language: str | None) -> RawArticle | None:
    link = (entry.get("link") or "").strip()
    title = (entry.get("title") or "").strip()
    summary = (entry.get("summary") or entry.get("description") or "").strip()
    if not (link or title or summary):
        return None
    published, missing = _published(entry, fetched)
    return RawArticle(
        source_id=source_id,
        url=link or feed_url,
        guid=item_identity(entry.get("id"), link, title, summary),
        title=title,
        summary=summary,
        published=published,
        published_missing=missing,
        fetched=fetched,
        language=language,
    )


def item_identity(guid: str | None, link: str, title: str, summary: str) -> str:
    """The GUID when there is one, else the link, else a hash of the content."""
    if guid and guid.strip():
        return guid.strip()
    if link:
        return link
    return "sha1:" + hashlib.sha1(f"{title}\n{summary}".encode()).hexdigest()


def _published(entry, fetched: datetime) -> tuple[datetime, bool]:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC), False
    return fetched, True


def _language(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().lower().split("-")[0].split("_")[0]
    return code if 2 <= len(code) <= 3 and code.isalpha() else None


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown error"
    return f"{type(exc).__name__}: {exc}".strip()[:200]
