"""Feed bytes to RawArticles: never raises on bad input, reports what it could not read.

Three readers share one output shape (`entries.Entry`, made RawArticles by
`entries.to_articles`):

- JSON Feed, when the body is a JSON object (`jsonfeed`);
- the lxml fast path (`fastparse`) for well-formed RSS/RDF/Atom, about 30x faster
  than feedparser on the shared corpus (`make bench`);
- feedparser, the compatibility baseline, for whatever the fast path declines:
  not well-formed documents (it recovers what it can), unknown roots, feeds with no
  items — so its error messages still explain the bad ones.

The bytes are first decoded as feedparser decides (BOM, HTTP charset, XML
declaration and their mismatches), so both XML paths see the same text, and
entity declarations are refused before either parser runs: feedparser keeps
"safe" internal entities and, when expat stops at its amplification limit, its
fallback parser expands them itself, so one 50 kB entity referenced 50,000 times
(the quadratic blow-up) took 7 GB and 70 s in a trial. Feeds have no use for
entity declarations. Searching the converted text means UTF-16, UTF-7 or EBCDIC
cannot hide the declaration; `<!ENTITY` can appear outside the DTD only inside
CDATA or a comment, and refusing such a rare feed is the safe error.
"""

from __future__ import annotations

import xml.sax
from dataclasses import dataclass, field
from datetime import datetime

import feedparser
from feedparser.encodings import convert_to_utf8, parse_content_type
from feedparser.exceptions import CharacterEncodingOverride, CharacterEncodingUnknown, NonXMLContentType

from tocsin.connectors.dates import parse_date
from tocsin.connectors.entries import Entry, item_identity, to_articles
from tocsin.connectors.fastparse import EntitiesDeclared, NotHandled, parse_xml, recover_xml
from tocsin.connectors.jsonfeed import JsonFeedError, looks_like_json, parse_json_feed
from tocsin.records import RawArticle
from tocsin.text import one_line

__all__ = ["Parsed", "item_identity", "parse_feed"]

ENTITY_DECLARATION = b"<!ENTITY"
REFUSED = "refused: the document declares XML entities (<!ENTITY>), a possible entity-expansion bomb"
PROLOG_BYTES = 1024
RECOVERED = "items recovered from a document that is not well-formed"
DATE_KEYS = ("published", "updated", "created")


@dataclass
class Parsed:
    articles: list[RawArticle] = field(default_factory=list)
    error: str | None = None  # set when the body was not (entirely) a feed


@dataclass(frozen=True)
class _Context:
    """Who the articles belong to: the arguments of parse_feed that every reader passes on."""

    source_id: str
    url: str
    fetched: datetime
    language: str | None

    def parsed(self, entries: list[Entry], feed_language: str | None, error: str | None) -> Parsed:
        articles = to_articles(
            entries,
            source_id=self.source_id,
            url=self.url,
            fetched=self.fetched,
            language=self.language,
            feed_language=feed_language,
        )
        return Parsed(articles, error)


def parse_feed(
    body: bytes,
    *,
    source_id: str,
    url: str,
    fetched: datetime,
    content_type: str | None = None,
    language: str | None = None,
    fast: bool = True,
) -> Parsed:
    """Parse RSS/Atom/RDF/JSON Feed bytes; malformed feeds yield what is recoverable plus an error.

    `fast=False` reads XML with feedparser alone: the compatibility baseline the
    corpus test compares the fast path with.
    """
    if not body.strip():
        return Parsed([], "empty body: the server sent no content")
    context = _Context(source_id, url, fetched, language)
    if looks_like_json(body):
        return _json_feed(body, context)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    if not fast:
        return _with_feedparser(body, headers, context)
    document, problem = _xml_document(body, headers)
    try:
        feed = parse_xml(document, url)
    except EntitiesDeclared:
        return Parsed([], REFUSED)
    except NotHandled:
        return _with_feedparser(body, headers, context)
    return context.parsed(feed.entries, feed.language, _bozo_reason(problem, content_type) or feed.note)


def _xml_document(body: bytes, headers: dict[str, str]) -> tuple[bytes, BaseException | None]:
    """The bytes lxml reads, and what feedparser's rules (RFC 3023) find wrong with the Content-Type.

    A charset in the Content-Type outranks the document's own declaration, so the
    body is converted to UTF-8 as feedparser would. Without one, lxml decodes by the
    XML rules (BOM, declaration, else UTF-8) and `fastparse` repairs a declaration
    that lies; feedparser is then asked only about the header, on the prolog,
    which skips a full conversion of the body.
    """
    report: dict = {}
    if parse_content_type(headers.get("content-type", ""))[1]:
        return convert_to_utf8(dict(headers), body, report), report.get("bozo_exception")
    convert_to_utf8(dict(headers), _prolog(body), report)
    problem = report.get("bozo_exception")
    return body, None if isinstance(problem, CharacterEncodingOverride) else problem


def _prolog(body: bytes) -> bytes:
    """The start of the body, cut after an ASCII byte so no multi-byte character is split."""
    head = body[:PROLOG_BYTES]
    cut = max(head.rfind(b">"), 0) + 1
    return head[:cut] if len(body) > PROLOG_BYTES else body


def _json_feed(body: bytes, context: _Context) -> Parsed:
    try:
        feed = parse_json_feed(body, context.url)
    except JsonFeedError as exc:
        return Parsed([], one_line(str(exc)))
    return context.parsed(feed.entries, feed.language, None)


def _with_feedparser(body: bytes, headers: dict[str, str], context: _Context) -> Parsed:
    """The fallback: feedparser's recovery for what the fast path declined."""
    if _declares_entities(body, headers):
        return Parsed([], REFUSED)
    try:
        feed = feedparser.parse(body, response_headers=headers, sanitize_html=False, resolve_relative_uris=True)
    except Exception as exc:  # feedparser means never to raise; hostile input must not prove it wrong
        return Parsed([], one_line(f"feedparser failed: {type(exc).__name__}: {exc}"))
    error = _bozo_reason(feed.get("bozo_exception") if feed.bozo else None, headers.get("content-type"))
    if not feed.entries and feed.bozo:
        recovered = _recovered(body, headers, context, error)
        if recovered is not None:
            return recovered
    if not feed.entries:
        return Parsed([], error if feed.get("version") else _not_a_feed(body, error))
    return context.parsed([_feedparser_entry(entry) for entry in feed.entries], feed.feed.get("language"), error)


def _recovered(body: bytes, headers: dict[str, str], context: _Context, error: str | None) -> Parsed | None:
    """What libxml2's recovering parser reads of a document feedparser found no items in; None when nothing.

    The error says the items were recovered, so `tocsin sources check` and the
    poll log show the feed as broken even though it yields items.
    """
    try:
        feed = recover_xml(convert_to_utf8(dict(headers), body, {}), context.url)
    except (NotHandled, EntitiesDeclared):
        return None
    return context.parsed(feed.entries, feed.language, one_line(f"{RECOVERED}: {error or 'not well-formed XML'}"))


def _feedparser_entry(entry: feedparser.FeedParserDict) -> Entry:
    dates = (parse_date(entry.get(key)) for key in DATE_KEYS)
    return Entry(
        link=(entry.get("link") or "").strip(),
        title=(entry.get("title") or "").strip(),
        summary=(entry.get("summary") or entry.get("description") or "").strip(),
        guid=entry.get("id"),
        published=next((when for when in dates if when), None),
    )


def _declares_entities(body: bytes, headers: dict[str, str]) -> bool:
    """Whether the document declares entities, looked for in feedparser's own UTF-8 conversion."""
    return ENTITY_DECLARATION in convert_to_utf8(dict(headers), body, {})


def _bozo_reason(exc: BaseException | None, content_type: str | None) -> str | None:
    """One line saying what was wrong, in the reader's terms rather than the exception's.

    A missing Content-Type is not the server's mistake worth reporting: nothing was wrong with what it sent.
    """
    if exc is None or (isinstance(exc, NonXMLContentType) and not content_type):
        return None
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
    return one_line(reason)


def _not_a_feed(body: bytes, error: str | None) -> str:
    """Why a body with no feed root is not a feed; an HTML page (a login wall, a moved site) is the common case."""
    head = body[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<!doctype html") or b"<html" in head:
        return "not a feed: the server sent an HTML page"
    return one_line("not a feed: no RSS, Atom or RDF root element" + (f" ({error})" if error else ""))
