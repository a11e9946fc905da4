"""JSON Feed 1.0/1.1 through parse_feed: fields, relative URLs, fallbacks, and clear errors for bad JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tocsin.connectors.parser import Parsed, parse_feed

FETCHED = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
FETCHED_FROM = "https://news.example/feeds/world.json"


def parse(document: object | bytes, language: str | None = None) -> Parsed:
    body = document if isinstance(document, bytes) else json.dumps(document).encode()
    return parse_feed(body, source_id="src", url=FETCHED_FROM, fetched=FETCHED, content_type="application/feed+json", language=language)


def feed(*items: dict, **fields: object) -> dict:
    return {"version": "https://jsonfeed.org/version/1.1", "title": "World", **fields, "items": list(items)}


def test_item_fields() -> None:
    parsed = parse(
        feed(
            {
                "id": "urn:item:1",
                "url": "https://news.example/1",
                "title": " Shelling in Kharkiv ",
                "summary": "Artillery fire overnight.",
                "content_html": "<p>Long text</p>",
                "date_published": "2026-01-31T08:30:00+02:00",
                "language": "uk",
            },
            language="en",
        )
    )
    assert parsed.error is None
    (article,) = parsed.articles
    assert (article.guid, article.url, article.title) == ("urn:item:1", "https://news.example/1", "Shelling in Kharkiv")
    assert article.summary == "Artillery fire overnight."
    assert (article.published, article.published_missing) == (datetime(2026, 1, 31, 6, 30, tzinfo=UTC), False)
    assert article.language == "uk"  # the item's own language outranks the feed's


def test_feed_language_applies_to_items_without_one_and_the_catalog_outranks_both() -> None:
    document = feed({"id": "1", "url": "https://news.example/1", "title": "t"}, language="fr-FR")
    assert parse(document).articles[0].language == "fr"
    assert parse(document, language="hy").articles[0].language == "hy"


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"home_page_url": "https://site.example/blog/", "feed_url": "https://other.example/f.json"}, "https://site.example/blog/posts/2"),
        ({"feed_url": "https://other.example/feeds/f.json"}, "https://other.example/feeds/posts/2"),
        ({}, "https://news.example/feeds/posts/2"),
    ],
    ids=["home_page_url", "feed_url", "fetched-from"],
)
def test_relative_urls_resolve_against_home_page_then_feed_url_then_the_fetched_url(fields: dict, expected: str) -> None:
    (article,) = parse(feed({"id": "2", "url": "posts/2", "title": "t"}, **fields)).articles
    assert article.url == expected


def test_fallbacks_external_url_content_text_and_date_modified() -> None:
    (article,) = parse(
        feed(
            {
                "id": 42,
                "external_url": "https://elsewhere.example/story",
                "content_text": "Plain body.",
                "date_modified": "2026-01-30T10:00:00Z",
            }
        )
    ).articles
    assert (article.guid, article.url, article.summary) == ("42", "https://elsewhere.example/story", "Plain body.")
    assert article.published == datetime(2026, 1, 30, 10, 0, tzinfo=UTC)


def test_missing_date_is_the_fetch_time_flagged_and_missing_id_falls_back_to_the_link() -> None:
    (article,) = parse(feed({"url": "https://news.example/3", "content_html": "<p>x</p>", "date_published": "soon"})).articles
    assert (article.published, article.published_missing) == (FETCHED, True)
    assert article.guid == "https://news.example/3"


def test_items_that_are_not_objects_or_carry_nothing_are_skipped() -> None:
    parsed = parse(feed("text", None, {"id": "empty"}, {"id": "kept", "title": "Kept"}))
    assert [article.title for article in parsed.articles] == ["Kept"]


def test_utf8_bom_is_accepted_and_json_feed_1_0_is_read() -> None:
    body = b"\xef\xbb\xbf" + json.dumps({"version": "https://jsonfeed.org/version/1", "items": [{"id": "1", "title": "Ереван"}]}).encode()
    assert [article.title for article in parse(body).articles] == ["Ереван"]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "not well-formed JSON at line 1, column 59: Expecting value"),
        (b'{"title": "no version", "items": []}', 'not a feed: JSON without a "version" starting with https://jsonfeed.org/version/'),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', 'not a JSON Feed: "items" is missing or not a list'),
        (b'{"version": "https://jsonfeed.org/version/1.1", "title": "\xff"}', "JSON Feed is not UTF-8: invalid start byte at byte 58"),
    ],
    ids=["truncated", "no-version", "items-not-a-list", "not-utf8"],
)
def test_bad_json_gives_one_clear_error(body: bytes, error: str) -> None:
    assert parse(body) == Parsed([], error)


def test_valid_feed_without_items_is_not_an_error() -> None:
    assert parse(feed()) == Parsed([], None)
