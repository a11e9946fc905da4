"""Article text extraction: the main text of a page, and which short items get it."""

from __future__ import annotations

from datetime import UTC, datetime

from tocsin.connectors.fetcher import Fetched, FetchError
from tocsin.connectors.pages.article import extend_short_summaries, main_text
from tocsin.records import RawArticle

LEAD = "Artillery fire hit the outskirts of Askeran overnight, local officials said on Friday morning."
SECOND = "Residents of two villages were told to leave; buses were sent from the regional centre."
ARTICLE = f"""<html><head><title>x</title><script>var lead = "not this";</script></head><body>
<header><p>Subscribe to our newsletter for the latest updates every morning</p></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div class="content"><div class="story">
  <h1>Shelling near Askeran</h1><p class="byline">By A. Reporter</p>
  <p>{LEAD}</p><figure><p>Photo caption long enough to count as a paragraph here</p></figure>
  <p>{SECOND}</p>
  <p><a href="/a">Related: earlier shelling in the region last month</a></p>
</div>
<aside><p>Most read: a long list of other stories nobody asked about today</p></aside></div>
<footer><p>Copyright 2026 News Example, all rights reserved, contact us anytime</p></footer>
</body></html>"""


def test_main_text_keeps_the_story_paragraphs_and_drops_boilerplate() -> None:
    assert main_text(ARTICLE.encode(), "text/html; charset=utf-8") == f"{LEAD}\n{SECOND}"


def test_main_text_falls_back_to_an_article_element_and_is_empty_without_text() -> None:
    assert main_text(b"<article><h1>Sirens</h1><div>Air raid alert in Kyiv<br>Go to shelters</div></article>") == (
        "Sirens\nAir raid alert in Kyiv\nGo to shelters"
    )
    assert main_text(b"<html><body><img src=x.jpg></body></html>") == ""
    assert main_text(b"\x00\x01garbage") == ""


def test_main_text_reads_the_declared_charset() -> None:
    page = f"<div><p>{'Обстрел приграничных сёл продолжался всю ночь'}</p></div>".encode("cp1251")
    assert main_text(page, "text/html; charset=windows-1251") == "Обстрел приграничных сёл продолжался всю ночь"


def item(n: int, summary: str, has_link: bool = True) -> RawArticle:
    when = datetime(2026, 11, 20, tzinfo=UTC)
    return RawArticle(
        source_id="s",
        url=f"https://news.example/{n}",
        has_link=has_link,
        guid=str(n),
        title=f"T{n}",
        summary=summary,
        published=when,
        fetched=when,
    )


async def test_only_short_linked_items_are_fetched_within_the_budget_and_failures_keep_the_item(caplog) -> None:
    requested: list[str] = []

    async def fetch_page(url: str) -> Fetched:
        requested.append(url)
        if url.endswith("/3"):
            raise FetchError("HTTP 500 Internal Server Error", "http_5xx", 500)
        body = b"<p>menu</p>" if url.endswith("/4") else ARTICLE.encode()
        return Fetched(url, 200, body, "text/html", None, None)

    articles = [
        item(1, "x" * 300),
        item(2, "Short."),
        item(3, "Short."),
        item(4, "Short."),
        item(5, "", has_link=False),
        item(6, "Short."),
        item(7, "Short."),
    ]
    extended, results = await extend_short_summaries(articles, 200, fetch_page, source_id="s", budget=3)
    assert sorted(requested) == ["https://news.example/2", "https://news.example/3", "https://news.example/4"]
    assert [a.summary for a in extended] == ["x" * 300, f"{LEAD}\n{SECOND}", "Short.", "Short.", "", "Short.", "Short."]
    assert [a.guid for a in extended] == [a.guid for a in articles], "every item is kept, in order"
    assert results == {"ok": 1, "fetch_failed": 1, "no_text": 1, "over_budget": 2}
    assert "source s: article https://news.example/3: fetch failed, keeping the short summary: HTTP 500" in caplog.text
