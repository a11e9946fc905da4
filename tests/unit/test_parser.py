"""parse_feed: RSS, Atom and RDF to RawArticles; links, identities, dates, language; never raises."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from tocsin.connectors.parser import Parsed, item_identity, parse_feed

FETCHED = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)
FEED_URL = "https://news.example/feeds/world.xml"


def parse(body: bytes, content_type: str | None = "application/xml", language: str | None = None) -> Parsed:
    return parse_feed(body, source_id="src", url=FEED_URL, fetched=FETCHED, content_type=content_type, language=language)


def rss(items: str, channel: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>World</title>'
        f"<link>https://news.example/</link>{channel}{items}</channel></rss>"
    ).encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Monde</title><id>urn:feed</id><updated>2026-01-31T00:00:00Z</updated>
  <entry>
    <title>Frappes sur Kharkiv</title><id>urn:entry:1</id>
    <link rel="alternate" href="https://news.example/fr/1"/>
    <published>2026-01-31T08:30:00+02:00</published>
    <summary type="html">&lt;p&gt;Des frappes ont touch\xc3\xa9 la ville.&lt;/p&gt;</summary>
  </entry>
</feed>"""

RDF = b"""<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://news.example/"><title>Welt</title><link>https://news.example/</link>
    <dc:language>de-DE</dc:language></channel>
  <item rdf:about="https://news.example/de/1"><title>Beschuss</title><link>https://news.example/de/1</link>
    <dc:date>2026-01-30T10:00:00Z</dc:date></item>
</rdf:RDF>"""


def test_rss_item_fields() -> None:
    body = rss(
        "<item><title>  Shelling in Stepanakert </title><link>https://news.example/1</link><guid>id-1</guid>"
        "<description>&lt;p&gt;Artillery fire.&lt;/p&gt;</description><pubDate>Sun, 01 Feb 2026 10:00:00 GMT</pubDate></item>",
        channel="<language>en-GB</language>",
    )
    parsed = parse(body)
    assert parsed.error is None
    (article,) = parsed.articles
    assert (article.source_id, article.url, article.title) == ("src", "https://news.example/1", "Shelling in Stepanakert")
    assert article.summary == "<p>Artillery fire.</p>"
    assert article.guid.endswith("id-1")
    assert article.published == datetime(2026, 2, 1, 10, 0, tzinfo=UTC) and not article.published_missing
    assert (article.fetched, article.language) == (FETCHED, "en")


def test_atom_entry_with_offset_time_and_language() -> None:
    (article,) = parse(ATOM, "application/atom+xml").articles
    assert (article.guid, article.url, article.title) == ("urn:entry:1", "https://news.example/fr/1", "Frappes sur Kharkiv")
    assert article.summary == "<p>Des frappes ont touché la ville.</p>"
    assert article.published == datetime(2026, 1, 31, 6, 30, tzinfo=UTC)
    assert article.language == "fr"


def test_rdf_item() -> None:
    (article,) = parse(RDF, "application/rdf+xml").articles
    assert (article.url, article.title, article.language) == ("https://news.example/de/1", "Beschuss", "de")
    assert article.published == datetime(2026, 1, 30, 10, 0, tzinfo=UTC)


def test_source_language_overrides_feed_language() -> None:
    (article,) = parse(RDF, "application/rdf+xml", language="hy").articles
    assert article.language == "hy"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("Sun, 01 Feb 2026 10:00:00 GMT", datetime(2026, 2, 1, 10, 0, tzinfo=UTC)),
        ("Sun, 01 Feb 2026 10:00:00 +0400", datetime(2026, 2, 1, 6, 0, tzinfo=UTC)),
        ("Sun, 01 Feb 2026 10:00:00 EST", datetime(2026, 2, 1, 15, 0, tzinfo=UTC)),
        ("2026-02-01T10:00:00Z", datetime(2026, 2, 1, 10, 0, tzinfo=UTC)),
    ],
)
def test_dates_become_utc(date: str, expected: datetime) -> None:
    (article,) = parse(rss(f"<item><title>t</title><link>https://news.example/d</link><pubDate>{date}</pubDate></item>")).articles
    assert article.published == expected
    assert article.published.tzinfo is not None


@pytest.mark.parametrize("date", ["", "not a date", "yesterday at noon"])
def test_missing_or_unreadable_date_falls_back_to_fetch_time(date: str) -> None:
    (article,) = parse(rss(f"<item><title>t</title><link>https://news.example/d</link><pubDate>{date}</pubDate></item>")).articles
    assert (article.published, article.published_missing) == (FETCHED, True)


def test_relative_links_resolve_against_the_feed_url() -> None:
    (article,) = parse(rss("<item><title>t</title><link>/world/2</link></item>")).articles
    assert article.url == "https://news.example/world/2"


def test_items_with_nothing_are_skipped() -> None:
    parsed = parse(rss("<item></item><item><title> </title><description></description></item><item><title>kept</title></item>"))
    assert [article.title for article in parsed.articles] == ["kept"]


def test_item_without_link_uses_feed_url_and_content_identity() -> None:
    (article,) = parse(rss("<item><title>Only a title</title><description>and text</description></item>")).articles
    assert article.url == FEED_URL
    assert article.guid.startswith("sha1:")


def test_identities_are_stable_across_parses() -> None:
    body = rss("<item><title>A</title></item><item><title>B</title></item><item><link>https://news.example/c</link></item>")
    first, second = parse(body).articles, parse(body).articles
    assert [a.guid for a in first] == [a.guid for a in second]
    assert len({a.guid for a in first}) == 3


@pytest.mark.parametrize(
    ("guid", "link", "expected"),
    [
        (" urn:x ", "https://l.example/", "urn:x"),
        ("", "https://l.example/", "https://l.example/"),
        ("   ", "https://l.example/", "https://l.example/"),
        (None, "https://l.example/", "https://l.example/"),
    ],
)
def test_item_identity_prefers_guid_then_link(guid: str | None, link: str, expected: str) -> None:
    assert item_identity(guid, link, "title", "summary") == expected


def test_item_identity_hashes_content_without_guid_or_link() -> None:
    first = item_identity(None, "", "title", "summary")
    assert first == item_identity("", "", "title", "summary")
    assert first != item_identity(None, "", "title", "other summary")
    assert first.startswith("sha1:")


def test_encoded_feeds_are_decoded() -> None:
    latin = '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><item><title>Café</title><link>https://news.example/c</link></item></channel></rss>'
    utf16 = latin.replace("iso-8859-1", "utf-16").replace("Café", "Ереван")
    assert parse(latin.encode("latin-1")).articles[0].title == "Café"
    assert parse(utf16.encode("utf-16")).articles[0].title == "Ереван"


def test_valid_feed_without_items_has_no_articles_and_no_error() -> None:
    assert parse(rss("")) == Parsed([], None)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"   \n",
        b"<html><head><title>Login</title></head><body>Sign in</body></html>",
        b'{"version": "https://jsonfeed.org/version/1"}',
        b"\x00\x01\x02\xff\xfe",
        bytes(random.Random(3).randbytes(4096)),
        b"<rss version='2.0'><channel><item><title>cut off",
        b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><rss><channel><item><title>&a;</title></item></channel></rss>",
        b"<" * 10_000,
    ],
    ids=["empty", "blank", "html", "json", "control-bytes", "random", "truncated", "entities", "brackets"],
)
def test_junk_never_raises_and_explains(body: bytes) -> None:
    parsed = parse(body)
    assert parsed.articles or parsed.error
    assert parsed.error is None or ("\n" not in parsed.error and len(parsed.error) <= 200)


# --- the lxml fast path: same output as the feedparser path, and where they differ, why ---


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (
            rss(
                "<item><title>A &amp; B</title><link>/a</link><guid isPermaLink='false'>g1</guid>"
                "<description>&lt;p&gt;x&lt;/p&gt;</description><pubDate>Sun, 01 Feb 2026 10:00:00 EST</pubDate></item>",
                channel="<language>en-GB</language>",
            ),
            "application/rss+xml",
        ),
        (ATOM, "application/atom+xml"),
        (RDF, "application/rdf+xml"),
    ],
    ids=["rss", "atom", "rdf"],
)
def test_fast_path_and_feedparser_path_emit_the_same_articles(body: bytes, content_type: str) -> None:
    fast = parse(body, content_type)
    slow = parse_feed(body, source_id="src", url=FEED_URL, fetched=FETCHED, content_type=content_type, fast=False)
    assert fast == slow and fast.articles


def test_relative_links_resolve_against_xml_base_first() -> None:
    body = (
        b'<rss version="2.0"><channel xml:base="https://cdn.example/base/"><item><title>t</title><link>story/1</link>'
        b"</item></channel></rss>"
    )
    assert parse(body).articles[0].url == "https://cdn.example/base/story/1"


def test_atom_link_is_the_html_alternate_and_the_id_when_there_is_none() -> None:
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><title>a</title><id>tag:x,2026:1</id><link rel="enclosure" href="https://news.example/a.mp3"/>
        <link rel="alternate" type="application/pdf" href="https://news.example/a.pdf"/>
        <link href="https://news.example/a.html"/></entry>
      <entry><title>b</title><id>https://news.example/b</id></entry></feed>"""
    assert [a.url for a in parse(body, "application/atom+xml").articles] == ["https://news.example/a.html", "https://news.example/b"]


def test_permalink_guid_is_the_link_when_there_is_no_link() -> None:
    (article,) = parse(rss("<item><title>t</title><guid>https://news.example/g</guid></item>")).articles
    assert (article.url, article.has_link, article.guid) == ("https://news.example/g", True, "https://news.example/g")


def test_empty_description_falls_back_to_the_full_content() -> None:
    body = rss(
        "<item><title>t</title><link>https://news.example/c</link><description><![CDATA[]]></description>"
        '<content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">&lt;p&gt;Full text&lt;/p&gt;'
        "</content:encoded></item>"
    )
    assert parse(body).articles[0].summary == "<p>Full text</p>"


def test_media_rss_description_is_the_summary_of_a_video_entry() -> None:
    body = b"""<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/"><title>T</title>
      <entry><title>v</title><link href="https://video.example/v"/><media:group><media:description>What the video shows
      </media:description></media:group></entry></feed>"""
    assert parse(body, "application/atom+xml").articles[0].summary == "What the video shows"


def test_localized_month_names_are_read() -> None:
    (article,) = parse(
        rss("<item><title>t</title><link>https://news.example/pt</link><pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate></item>")
    ).articles
    assert (article.published, article.published_missing) == (datetime(2018, 9, 24, 22, 42, 40, tzinfo=UTC), False)


def test_utf8_bytes_under_a_latin1_declaration_are_read_as_utf8_and_the_mismatch_reported() -> None:
    body = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><item><title>Ереван, café</title>'
        "<link>https://news.example/u</link></item></channel></rss>"
    ).encode()
    parsed = parse(body, None)
    assert [a.title for a in parsed.articles] == ["Ереван, café"]
    assert parsed.error == "the document declares iso-8859-1 but is UTF-8; read as UTF-8"


def test_utf8_bytes_under_a_utf16_declaration_are_read_as_utf8() -> None:
    body = (
        '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"><channel><item><title>Ереван</title>'
        "<link>https://news.example/u</link></item></channel></rss>"
    ).encode()
    parsed = parse(body, None)
    assert [a.title for a in parsed.articles] == ["Ереван"]
    assert parsed.error == "the document declares utf-16 but is UTF-8; read as UTF-8"


def test_latin1_label_is_read_as_windows_1252() -> None:
    body = (
        b'<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><item><title>War\x97again</title>'
        b"<link>https://news.example/w</link></item></channel></rss>"
    )
    assert parse(body, None).articles[0].title == "War\u2014again"


def test_http_charset_outranks_the_declaration() -> None:
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><item><title>Обстрел</title>'
        "<link>https://news.example/r</link></item></channel></rss>"
    ).encode("windows-1251")
    parsed = parse(body, "application/rss+xml; charset=windows-1251")
    assert [a.title for a in parsed.articles] == ["Обстрел"]


def test_byte_order_mark_is_honoured() -> None:
    body = b"\xef\xbb\xbf" + rss("<item><title>Café</title><link>https://news.example/b</link></item>")
    assert parse(body).articles[0].title == "Café"
