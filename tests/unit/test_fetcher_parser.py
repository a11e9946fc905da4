"""Bad bodies give one bounded, clear error from parse_feed and never an exception."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import feedparser
import pytest

from tocsin.connectors.parser import parse_feed
from tocsin.text import REASON_CHARS

NOW = datetime(2024, 5, 1, tzinfo=UTC)
RSS = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
    b"<item><title>Shelling near Askeran</title><link>https://a.example/1</link><description>d</description></item>"
    b"</channel></rss>"
)
REFUSED = "refused: the document declares XML entities (<!ENTITY>), a possible entity-expansion bomb"


def parse(body: bytes, content_type: str | None = "application/rss+xml"):
    return parse_feed(body, source_id="s", url="https://a.example/feed", fetched=NOW, content_type=content_type)


def billion_laughs(separator: str = "\n") -> bytes:
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rss [{separator}{separator.join(entities)}{separator}]>\n'
        '<rss version="2.0"><channel><title>t</title><item><title>&lol9;</title><link>https://a.example/1</link></item>'
        "</channel></rss>"
    ).encode()


def quadratic(size: int, references: int, encoding: str = "utf-8") -> bytes:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE rss [\n<!ENTITY a "{"x" * size}">\n]>\n'
        f'<rss version="2.0"><channel><title>t</title><item><title>{"&a;" * references}</title>'
        "<link>https://a.example/1</link></item></channel></rss>"
    ).encode(encoding)


def test_feedparser_alone_expands_internal_entities_which_is_why_they_are_refused():
    feed = feedparser.parse(quadratic(1000, 1000))
    assert len(feed.entries[0].title) == 1_000_000  # 4 kB in, 1 MB out: 50 kB x 50,000 is 2.5 GB


@pytest.mark.parametrize(
    "body",
    [
        billion_laughs(),
        billion_laughs(separator=""),  # declarations not at line starts slip past feedparser's own regex
        quadratic(50_000, 50_000),
        quadratic(50_000, 50_000, "utf-16"),  # no ASCII "<!ENTITY" in the raw bytes
        quadratic(1000, 1000).replace(b'"utf-8"', b'"utf-7"').replace(b"<!ENTITY", b"+ADw-!ENTITY"),
    ],
    ids=["billion-laughs", "billion-laughs-one-line", "quadratic", "quadratic-utf16", "quadratic-utf7"],
)
def test_entity_bombs_are_refused_quickly(body):
    started = time.perf_counter()
    parsed = parse(body)
    assert time.perf_counter() - started < 1.0
    assert (parsed.articles, parsed.error) == ([], REFUSED)


@pytest.mark.parametrize(
    ("body", "content_type", "error"),
    [
        (b"", "application/rss+xml", "empty body: the server sent no content"),
        (b" \r\n\t", "application/rss+xml", "empty body: the server sent no content"),
        (b"<!DOCTYPE html><html><body><p>Sign in</p></body></html>", "text/html", "not a feed: the server sent an HTML page"),
        (b"<html><body>Moved</body></html>", "application/rss+xml", "not a feed: the server sent an HTML page"),
        (
            b'{"items": []}',
            "application/json",
            'not a feed: JSON without a "version" starting with https://jsonfeed.org/version/',
        ),
        (
            bytes(range(256)) * 64,
            None,
            "not a feed: no RSS, Atom or RDF root element (not well-formed XML at line 2, column 0: not well-formed (invalid token))",
        ),
    ],
    ids=["empty", "whitespace", "html", "html-as-rss", "json", "binary"],
)
def test_bodies_that_are_not_feeds_give_a_clear_error(body, content_type, error):
    parsed = parse(body, content_type)
    assert (parsed.articles, parsed.error) == ([], error)


def test_feed_with_the_wrong_content_type_is_read_and_the_mismatch_reported():
    parsed = parse(RSS, "text/plain")
    assert [a.title for a in parsed.articles] == ["Shelling near Askeran"]
    assert parsed.error == "wrong Content-Type: text/plain is not an XML media type"


def test_invalid_bytes_for_the_declared_encoding_are_reported_and_items_kept():
    parsed = parse(RSS.replace(b"Shelling", b"Shel\xff\xfeling"), "application/rss+xml; charset=utf-8")
    assert [a.url for a in parsed.articles] == ["https://a.example/1"]
    assert parsed.error == "invalid bytes for the declared encoding: document declared as utf-8, but parsed as windows-1252"


def test_truncated_feed_yields_what_was_readable():
    parsed = parse(RSS[:-30])
    assert [a.url for a in parsed.articles] == ["https://a.example/1"]
    assert parsed.error is not None and parsed.error.startswith("not well-formed XML at line 1, column")


def test_items_without_link_or_guid_get_stable_distinct_content_identities():
    body = (
        b'<rss version="2.0"><channel><title>T</title>'
        b"<item><title>Sirens in Kharkiv</title><description>Air raid alert.</description></item>"
        b"<item><title>Evacuation ordered</title></item></channel></rss>"
    )
    first, again = parse(body), parse(body)
    guids = [a.guid for a in first.articles]
    assert first.error is None
    assert len(set(guids)) == 2 and all(g.startswith("sha1:") for g in guids)
    assert guids == [a.guid for a in again.articles]
    assert {a.url for a in first.articles} == {"https://a.example/feed"}


def test_valid_empty_feed_is_not_an_error():
    parsed = parse(b'<rss version="2.0"><channel><title>T</title></channel></rss>')
    assert (parsed.articles, parsed.error) == ([], None)


def test_errors_are_one_bounded_line():
    parsed = parse(RSS, "text/" + "x" * 5000 + " \n\n plain")
    assert parsed.error is not None and parsed.error.startswith("wrong Content-Type: text/xxx")
    assert "\n" not in parsed.error and len(parsed.error) == REASON_CHARS


def test_items_are_cut_to_the_workers_limits_before_producing() -> None:
    from tocsin.connectors.entries import within_limits
    from tocsin.records import MAX_TEXT_CHARS, MAX_TITLE_CHARS, RawArticle

    now = datetime(2026, 1, 1, tzinfo=UTC)
    raw = RawArticle(
        source_id="s",
        url="https://a.example/1",
        guid="1",
        published=now,
        fetched=now,
        title="T" * (MAX_TITLE_CHARS - 3) + "<b class='x'>bold</b>",
        summary="<p>" + "x" * 5_000_000 + "</p>",
    )
    cut = within_limits(raw)
    assert cut.title == "T" * (MAX_TITLE_CHARS - 3), "a tag the cut splits is dropped whole"
    assert cut.summary == ("<p>" + "x" * 5_000_000)[:MAX_TEXT_CHARS]
    small = raw.model_copy(update={"title": "t", "summary": "s"})
    assert within_limits(small) is small
