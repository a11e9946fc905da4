"""Listing pages read with CSS selectors: links, base href, dates, identity, encodings, bad pages."""

from __future__ import annotations

from datetime import UTC, datetime

from tocsin.connectors.pages.listing import Selectors, headline, parse_listing

FETCHED = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
PAGE_URL = "https://news.example/section/latest.html"
SELECTORS = Selectors(item="article.story", link="h2 a", title="h2", time="time", summary=".lead")

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Latest</title></head><body>
<nav><a href="/">Home</a></nav>
<article class="story"><h2><a href="/2026/11/20/shelling.html">Shelling near Askeran</a></h2>
  <time datetime="2026-11-20T10:30:00+03:00">20 Nov, 10:30</time><p class="lead">Artillery fire was <b>reported</b><br>overnight.</p></article>
<article class="story"><h2><a href="evacuation.html?id=2">Evacuation ordered</a></h2>
  <time>Fri, 20 Nov 2026 09:00:00 GMT</time><p class="lead">Two villages.</p></article>
<article class="story"><h2><a href="https://other.example/x">No date here</a></h2></article>
</body></html>"""


def parse(body: str | bytes, selectors: Selectors = SELECTORS, url: str = PAGE_URL, content_type: str | None = "text/html"):
    data = body.encode() if isinstance(body, str) else body
    return parse_listing(data, selectors, source_id="site", url=url, fetched=FETCHED, content_type=content_type, language="en")


def test_selectors_give_title_link_summary_and_utc_dates() -> None:
    parsed = parse(PAGE)
    assert parsed.error is None
    first, second, third = parsed.articles
    assert (first.title, first.url, first.summary) == (
        "Shelling near Askeran",
        "https://news.example/2026/11/20/shelling.html",
        "Artillery fire was reported\novernight.",
    )
    assert first.published == datetime(2026, 11, 20, 7, 30, tzinfo=UTC) and not first.published_missing
    assert second.url == "https://news.example/section/evacuation.html?id=2", "relative to the page's folder"
    assert second.published == datetime(2026, 11, 20, 9, 0, tzinfo=UTC), "RFC 2822 text when there is no datetime attribute"
    assert (third.published, third.published_missing) == (FETCHED, True), "no date: the fetch time, flagged"
    assert {a.language for a in parsed.articles} == {"en"} and {a.source_id for a in parsed.articles} == {"site"}


def test_base_href_wins_over_the_page_url_and_is_itself_relative() -> None:
    page = PAGE.replace("<title>", '<base href="/archive/"><title>')
    urls = [a.url for a in parse(page).articles]
    assert urls[:2] == ["https://news.example/2026/11/20/shelling.html", "https://news.example/archive/evacuation.html?id=2"]


def test_the_final_url_after_redirects_is_the_base() -> None:
    urls = [a.url for a in parse(PAGE, url="https://mirror.example/m/index.html").articles]
    assert urls[1] == "https://mirror.example/m/evacuation.html?id=2"


def test_identity_is_the_link_and_does_not_depend_on_order() -> None:
    blocks = PAGE.split('<article class="story">')
    reordered = blocks[0] + "".join('<article class="story">' + block for block in reversed(blocks[1:]))
    before = {a.guid: a.title for a in parse(PAGE).articles}
    after = {a.guid: a.title for a in parse(reordered).articles}
    assert before == after and "https://news.example/2026/11/20/shelling.html" in before


def test_items_without_links_get_a_content_identity_and_the_page_url() -> None:
    page = "<ul><li class=n>Sirens in Stepanakert</li><li class=n>Sirens in Stepanakert</li><li class=n>Curfew</li></ul>"
    parsed = parse(page, Selectors(item="li.n", title="li"))
    assert [a.has_link for a in parsed.articles] == [False] * 3 and {a.url for a in parsed.articles} == {PAGE_URL}
    guids = [a.guid for a in parsed.articles]
    assert guids[0] == guids[1] != guids[2] and guids[0].startswith("sha1:")


def test_default_link_is_the_item_anchor_or_its_first_link_and_only_http() -> None:
    page = '<a class=i href="/a">A title</a><div class=i><a href="javascript:void(0)">B title</a></div><div class=i><span>C</span><a href="b">C link</a></div>'
    links = [a.url for a in parse(page, Selectors(item=".i", title=".i")).articles]
    assert links == ["https://news.example/a", PAGE_URL, "https://news.example/section/b"]


def test_id_attribute_is_the_identity_and_fills_the_link_template() -> None:
    page = '<div class=m data-id="ch/7"><p>Text one</p></div><div class=m data-id=" "><p>Text two</p></div>'
    selectors = Selectors(item=".m", summary="p", id_attribute="data-id", link_template="https://t.me/{id}")
    first, second = parse(page, selectors).articles
    assert (first.guid, first.url, first.title) == ("ch/7", "https://t.me/ch/7", "Text one")
    assert second.guid.startswith("sha1:") and not second.has_link, "a blank id falls back to the content"


def test_page_language_applies_unless_the_catalog_sets_one() -> None:
    page = '<html lang="hy-AM"><body><p class=i><a href=/1>Հրետակոծություն</a></p></body></html>'
    selectors = Selectors(item=".i", title="a")
    assert parse_listing(page.encode(), selectors, source_id="s", url=PAGE_URL, fetched=FETCHED).articles[0].language == "hy"
    assert parse(page, selectors).articles[0].language == "en"


def test_items_without_text_are_skipped() -> None:
    page = '<div class=m><img src="x.jpg"></div><div class=m><p>Words</p></div>'
    assert [a.title for a in parse(page, Selectors(item=".m", summary="p")).articles] == ["Words"]


def test_headline_cuts_long_first_lines_at_sentences_then_words() -> None:
    assert headline("Short title\nrest of the text") == "Short title"
    assert headline("One. Two two. " + "x" * 200, limit=40) == "One. Two two."
    assert headline("Ադրբեջանը կրակ է բացել։ " + "բ" * 200, limit=40) == "Ադրբեջանը կրակ է բացել։"
    cut = headline("word " * 100, limit=42)
    assert cut.endswith("…") and len(cut) <= 43 and "  " not in cut


def test_time_text_in_russian_and_a_date_without_zone() -> None:
    page = '<p class=i><a href=/1>A</a><time>20 ноября 2026 10:30</time></p><p class=i><a href=/2>B</a><time datetime="2026-11-20 11:00"></time></p>'
    first, second = parse(page, Selectors(item=".i", title="a", time="time")).articles
    assert first.published == datetime(2026, 11, 20, 10, 30, tzinfo=UTC) and not first.published_missing
    assert second.published == datetime(2026, 11, 20, 11, 0, tzinfo=UTC), "no zone: taken as UTC"


def test_charset_from_http_header_meta_or_bom() -> None:
    page = "<div class=i><a href=/x>Обстрел</a></div>"
    selectors = Selectors(item=".i", title="a")
    assert parse(page.encode("cp1251"), selectors, content_type="text/html; charset=windows-1251").articles[0].title == "Обстрел"
    meta = b'<meta charset="koi8-r">' + page.encode("koi8-r")
    assert parse(meta, selectors, content_type="text/html").articles[0].title == "Обстрел"
    bom = b"\xef\xbb\xbf" + page.encode()
    assert parse(bom, selectors, content_type="text/html; charset=iso-8859-1").articles[0].title == "Обстрел", "the BOM wins"


def test_invalid_bytes_are_replaced_and_reported() -> None:
    parsed = parse(b"<div class=i><a href=/x>Sirens \xff\xfe today</a></div>", Selectors(item=".i", title="a"))
    assert parsed.articles[0].title == "Sirens \ufffd\ufffd today"
    assert parsed.error == "invalid bytes for utf-8 (first at byte 31) replaced"


def test_bad_pages_give_one_clear_line() -> None:
    assert parse(b"  \n").error == "empty body: the server sent no content"
    feed = parse('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', content_type="application/rss+xml")
    assert feed.articles == [] and feed.error.startswith("not an HTML page: the server sent a feed (XML); use kind: feed")
    assert "wrong Content-Type for an HTML page: 'application/rss+xml'" in feed.error
    binary = parse(bytes(range(256)) * 40, content_type="application/octet-stream")
    assert binary.error.startswith("not an HTML page: the body looks binary")
    assert parse("plain words, no markup at all").error.startswith("not an HTML page: no markup in the body")
    changed = parse("<html><body><div class=other>x</div></body></html>")
    assert changed.error == "no items: selector 'article.story' matched nothing (did the page layout change?)"
    for result in (feed, changed, binary):
        assert len(result.error) <= 200


def test_items_found_despite_a_wrong_content_type_are_kept_with_a_note() -> None:
    parsed = parse(PAGE, content_type="text/plain")
    assert len(parsed.articles) == 3 and parsed.error == "wrong Content-Type for an HTML page: 'text/plain'"


def test_a_huge_listing_is_cut() -> None:
    page = "".join(f"<p class=i><a href=/{n}>Item {n}</a></p>" for n in range(600))
    parsed = parse(page, Selectors(item=".i", title="a"))
    assert len(parsed.articles) == 500 and parsed.error == "600 items on the page, only the first 500 read"
