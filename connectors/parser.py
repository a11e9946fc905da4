"""Feed bytes to RawArticles: never raises on bad input, reports what it could not read.

Every problem becomes one bounded line in `Parsed.error`. Entity declarations are
refused before feedparser sees them: it keeps "safe" internal entities (no `&` in
the value) and, when expat stops at its amplification limit, its fallback parser
expands them itself, so one 50 kB entity referenced 50,000 times (the quadratic
blow-up) took 7 GB and 70 s in a trial. Feeds have no use for entity declarations.
"""

from __future__ import annotations

import calendar
import hashlib
import xml.sax
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser
from feedparser.encodings import convert_to_utf8
from feedparser.exceptions import CharacterEncodingOverride, CharacterEncodingUnknown, NonXMLContentType

from tocsin.records import RawArticle

ERROR_CHARS = 200
ENTITY_DECLARATION = b"<!ENTITY"


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
    if not body.strip():
        return Parsed([], "empty body: the server sent no content")
    if _declares_entities(body, headers):
        return Parsed([], "refused: the document declares XML entities (<!ENTITY>), a possible entity-expansion bomb")
    try:
        feed = feedparser.parse(body, response_headers=headers, sanitize_html=False, resolve_relative_uris=True)
    except Exception as exc:  # feedparser means never to raise; hostile input must not prove it wrong
        return Parsed([], _one_line(f"feedparser failed: {type(exc).__name__}: {exc}"))
    bozo = feed.get("bozo_exception") if feed.bozo else None
    if isinstance(bozo, NonXMLContentType) and not content_type:
        bozo = None  # the server sent no Content-Type: nothing was wrong with what it sent
    error = _bozo_reason(bozo) if bozo is not None else None
    if not feed.entries:
        if feed.get("version"):
            return Parsed([], error)
        return Parsed([], _not_a_feed(body, error))
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
        has_link=bool(link),
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


def _declares_entities(body: bytes, headers: dict[str, str]) -> bool:
    """Whether the document declares entities, looked for in feedparser's own UTF-8 conversion.

    Searching the converted text means UTF-16, UTF-7 or EBCDIC cannot hide the
    declaration. It searches the whole document: `<!ENTITY` can appear outside the
    DTD only inside CDATA or a comment, and refusing such a rare feed is the safe error.
    """
    return ENTITY_DECLARATION in convert_to_utf8(dict(headers), body, {})


def _bozo_reason(exc: BaseException | None) -> str:
    """One line saying what feedparser found wrong, in the reader's terms rather than the exception's."""
    if isinstance(exc, NonXMLContentType):
        reason = f"wrong Content-Type: {exc}"
    elif isinstance(exc, CharacterEncodingOverride):
        reason = f"invalid bytes for the declared encoding: {exc}"
    elif isinstance(exc, CharacterEncodingUnknown):
        reason = f"unknown character encoding: {exc}"
    elif isinstance(exc, xml.sax.SAXParseException):
        reason = f"not well-formed XML at line {exc.getLineNumber()}, column {exc.getColumnNumber()}: {exc.getMessage()}"
    else:
        reason = f"not well-formed: {type(exc).__name__}: {exc}"
    return _one_line(reason)


def _not_a_feed(body: bytes, error: str | None) -> str:
    """Why a body with no feed root is not a feed; an HTML page (a login wall, a moved site) is the common case."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<!doctype html") or b"<html" in head:
        return "not a feed: the server sent an HTML page"
    return _one_line("not a feed: no RSS, Atom or RDF root element" + (f" ({error})" if error else ""))


def _one_line(text: str) -> str:
    return " ".join(text.split())[:ERROR_CHARS]
