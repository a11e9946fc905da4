"""HTML sources through the real connector role or Poller, real local HTTP servers and the real broker."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from pathlib import Path

from prometheus_client import CollectorRegistry

from tests.helpers.http import Response, rss, wait_for
from tests.helpers.kafka import read_topic
from tests.integration.conftest import BOOTSTRAP, start_role, write_yaml
from tocsin.connectors.catalog import Source
from tocsin.connectors.fetcher import FetchLimits, make_client
from tocsin.connectors.metrics import ConnectorMetrics
from tocsin.connectors.poller import Poller, PollResult
from tocsin.kafka import make_producer
from tocsin.metrics import RoleMetrics
from tocsin.records import RawArticle
from tocsin.settings import load_settings

TELEGRAM_PAGE = (Path(__file__).resolve().parents[1] / "fixtures" / "telegram_channel.html").read_text(encoding="utf-8")
POST = '<div class="tgme_widget_message_wrap'
HTML = {"Content-Type": "text/html; charset=utf-8"}
SELECTORS = {"item": "li.story", "link": "a", "title": "a", "time": "time", "summary": ".lead"}


def telegram(posts: int) -> Response:
    """The fixture channel page with only its first `posts` posts (the photo-only post counts)."""
    head, *blocks = TELEGRAM_PAGE.split(POST)
    tail = blocks[-1][blocks[-1].index("</section>") :]
    kept = [POST + block.split("</section>")[0] for block in blocks[:posts]]
    return Response(200, (head + "".join(kept) + tail).encode(), HTML)


def listing(*stories: tuple[str, str]) -> Response:
    """A news index whose links are relative; each story is (slug, lead)."""
    items = "".join(
        f'<li class="story"><a href="{slug}.html">Story {slug}</a><time datetime="2026-11-20T10:00:00+02:00"></time>'
        f'<p class="lead">{lead}</p></li>'
        for slug, lead in stories
    )
    return Response(200, f"<html><body><ul>{items}</ul></body></html>".encode(), HTML)


def raw_articles(env: dict[str, str]) -> list[RawArticle]:
    return [RawArticle.from_bytes(value) for *_, value in read_topic(BOOTSTRAP, env["TOCSIN_TOPIC_PREFIX"] + "articles.raw")]


def test_html_and_telegram_sources_emit_each_item_once_across_polls(pipeline_env, server, roles, tmp_path):
    server.routes["/news/index.html"] = listing(("a", "Shelling."), ("b", "Sirens."))
    server.routes["/s/tocsin_test"] = telegram(2)
    catalog = write_yaml(
        tmp_path / "sources.yaml",
        {
            "sources": [
                {"id": "site", "url": server.url("/news/index.html"), "kind": "html", "selectors": SELECTORS, "interval_seconds": 1},
                {"id": "tg", "url": server.url("/s/tocsin_test"), "kind": "html", "preset": "telegram", "interval_seconds": 1},
            ]
        },
    )
    start_role(roles, "connectors", pipeline_env, tmp_path, TOCSIN_SOURCES_FILE=str(catalog))
    wait_for(lambda: len(raw_articles(pipeline_env)) >= 4, 60, "the first polls' items", running=roles)

    server.routes["/news/index.html"] = listing(("c", "Evacuation."), ("a", "Shelling."), ("b", "Sirens."))
    server.routes["/s/tocsin_test"] = telegram(4)  # adds the photo-only post (skipped) and a reply
    wait_for(lambda: len(raw_articles(pipeline_env)) >= 6, 30, "the items added between polls", running=roles)
    polls = len(server.received("/s/tocsin_test", "GET")), len(server.received("/news/index.html", "GET"))
    wait_for(
        lambda: (
            len(server.received("/s/tocsin_test", "GET")) >= polls[0] + 3
            and len(server.received("/news/index.html", "GET")) >= polls[1] + 3
        ),
        30,
        "three more polls of each",
        running=roles,
    )

    articles = raw_articles(pipeline_env)
    assert Counter((a.source_id, a.guid) for a in articles) == Counter(
        {
            ("site", server.url("/news/a.html")): 1,
            ("site", server.url("/news/b.html")): 1,
            ("site", server.url("/news/c.html")): 1,
            ("tg", "tocsin_test/1201"): 1,
            ("tg", "tocsin_test/1202"): 1,
            ("tg", "tocsin_test/1204"): 1,
        }
    ), "every item exactly once, links resolved against the page"
    reply = next(a for a in articles if a.guid == "tocsin_test/1204")
    assert reply.url == "https://t.me/tocsin_test/1204" and reply.summary.startswith("UPDATE: the regional governor")


def test_extraction_fetches_the_article_page_of_a_short_item_once(pipeline_env, server, roles, tmp_path):
    lead = "Artillery fire hit the outskirts of Askeran overnight, local officials said on Friday morning."
    server.routes["/news/index.html"] = listing(("short", "Shelling."), ("broken", "Sirens."), ("long", "x" * 300))
    server.routes["/news/short.html"] = Response(
        200, f"<html><body><nav><p>{'menu ' * 10}</p></nav><div><p>{lead}</p></div></body></html>".encode(), HTML
    )
    server.routes["/news/broken.html"] = Response(500, b"oops")
    catalog = write_yaml(
        tmp_path / "sources.yaml",
        {
            "sources": [
                {
                    "id": "site",
                    "url": server.url("/news/index.html"),
                    "kind": "html",
                    "selectors": SELECTORS,
                    "interval_seconds": 1,
                    "extract_text": True,
                    "min_summary_chars": 100,
                },
            ]
        },
    )
    connector = start_role(roles, "connectors", pipeline_env, tmp_path, TOCSIN_SOURCES_FILE=str(catalog))
    wait_for(lambda: len(raw_articles(pipeline_env)) >= 3, 60, "the three items", running=roles)
    polls = len(server.received("/news/index.html", "GET"))
    wait_for(lambda: len(server.received("/news/index.html", "GET")) >= polls + 3, 30, "three more polls", running=roles)

    summaries = {a.url.rsplit("/", 1)[1]: a.summary for a in raw_articles(pipeline_env)}
    assert summaries == {"short.html": lead, "broken.html": "Sirens.", "long.html": "x" * 300}
    assert [len(server.received(f"/news/{slug}.html", "GET")) for slug in ("short", "broken", "long")] == [1, 1, 0], (
        "only new short items cost a request"
    )
    assert (
        f"source site: article {server.url('/news/broken.html')}: fetch failed, keeping the short summary: HTTP 500" in connector.output()
    )


def test_garbage_or_empty_pages_give_a_clear_per_source_error_and_a_feed_keeps_polling(pipeline_env, server, caplog):
    server.routes["/garbage.html"] = Response(200, bytes(range(256)) * 64, {"Content-Type": "text/html"})
    server.routes["/empty.html"] = Response(200, b"", HTML)
    server.routes["/feed.xml"] = rss([{"title": "Sirens in Stepanakert", "link": "https://good.example/1", "guid": "g-1"}])
    sources = [
        Source(id="garbage", url=server.url("/garbage.html"), kind="html", selectors={"item": "li"}),
        Source(id="empty", url=server.url("/empty.html"), kind="html", selectors={"item": "li"}),
        Source(id="feed", url=server.url("/feed.xml")),
    ]
    caplog.set_level(logging.INFO, logger="tocsin.connectors.poller")
    registry = CollectorRegistry()

    async def two_rounds() -> list[list[PollResult]]:
        settings = load_settings(environ=pipeline_env)
        producer = make_producer(settings, "html-sources-test")
        await producer.start()
        try:
            async with make_client("tocsin-tests", FetchLimits()) as client:
                poller = Poller(settings, producer, client, ConnectorMetrics(RoleMetrics(registry)))
                first = [await poller.poll(source) for source in sources]
                server.routes["/feed.xml"] = rss(
                    [
                        {"title": "Curfew declared", "link": "https://good.example/2", "guid": "g-2"},
                        {"title": "Sirens in Stepanakert", "link": "https://good.example/1", "guid": "g-1"},
                    ]
                )
                return [first, [await poller.poll(source) for source in sources]]
        finally:
            await producer.stop()

    first, second = asyncio.run(two_rounds())
    assert [(r.result, r.error) for r in first[:2]] == [
        ("parse_error", "not an HTML page: the body looks binary; invalid bytes for utf-8 (first at byte 128) replaced"),
        ("parse_error", "empty body: the server sent no content"),
    ]
    assert [r.result for r in second[:2]] == ["parse_error", "parse_error"]
    assert (first[2].result, first[2].emitted, second[2].emitted) == ("ok", 1, 1), "the feed source kept polling"
    assert {s.id: parse_errors(registry, s.id) for s in sources} == {"garbage": 2, "empty": 2, "feed": 0}
    assert f"source garbage ({server.url('/garbage.html')}): not an HTML page: the body looks binary" in caplog.text
    assert f"source empty ({server.url('/empty.html')}): empty body: the server sent no content" in caplog.text
    assert sorted(a.guid for a in raw_articles(pipeline_env)) == ["g-1", "g-2"], "acknowledged by the broker"


def parse_errors(registry: CollectorRegistry, source_id: str) -> float:
    return registry.get_sample_value("tocsin_fetches_total", {"source": source_id, "result": "parse_error"}) or 0.0
