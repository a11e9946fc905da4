"""The connector role against real local HTTP servers: bad sources are reported, good ones keep flowing."""

from __future__ import annotations

import time

from tests.helpers.http import Response, at_least, rss, wait_for
from tests.helpers.kafka import read_topic
from tests.integration.conftest import BOOTSTRAP, start_role, write_yaml
from tocsin.records import RawArticle

GOOD = {"title": "Shelling reported near Askeran", "link": "https://good.example/a", "guid": "g-1", "summary": "Shelling."}


def test_unreachable_and_non_feed_sources_are_reported_and_others_keep_polling(pipeline_env, server, roles, tmp_path):
    server.routes["/good.xml"] = rss([GOOD])
    server.routes["/page.html"] = Response(200, b"<html><body><p>Not a feed</p></body></html>", {"Content-Type": "text/html"})
    server.routes["/gone.xml"] = Response(500, b"oops")
    catalog = write_yaml(
        tmp_path / "sources.yaml",
        {
            "sources": [
                {"id": "unreachable", "url": "http://127.0.0.1:9/feed.xml", "interval_seconds": 1},
                {"id": "html-page", "url": server.url("/page.html"), "interval_seconds": 1},
                {"id": "broken", "url": server.url("/gone.xml"), "interval_seconds": 1},
                {"id": "good", "url": server.url("/good.xml"), "interval_seconds": 1},
            ]
        },
    )
    connector = start_role(roles, "connectors", pipeline_env, tmp_path, TOCSIN_SOURCES_FILE=str(catalog))

    raw_topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles.raw"
    records = wait_for(lambda: read_topic(BOOTSTRAP, raw_topic), 60, "the good source's item", running=roles)
    assert [RawArticle.from_bytes(value).guid for *_, value in records] == ["g-1"]
    server.routes["/good.xml"] = rss([{**GOOD, "guid": "g-2", "link": "https://good.example/b"}, GOOD])
    wait_for(lambda: len(read_topic(BOOTSTRAP, raw_topic)) == 2, 30, "the item added later", running=roles)

    log = connector.output()
    assert "source unreachable (http://127.0.0.1:9/feed.xml): fetch failed" in log
    assert f"source html-page ({server.url('/page.html')}): not" in log
    assert f"source broken ({server.url('/gone.xml')}): fetch failed: HTTP 500" in log


def test_invalid_catalog_stops_with_file_and_line(pipeline_env, roles, tmp_path):
    catalog = tmp_path / "sources.yaml"
    catalog.write_text("sources:\n  - id: ok\n    url: https://a.example/feed\n  - id: Bad Id\n    url: ftp://x\n")
    connector = start_role(roles, "connectors", pipeline_env, tmp_path, TOCSIN_SOURCES_FILE=str(catalog))
    assert connector.process.wait(timeout=60) == 2
    log = connector.output()
    assert f"{catalog}:4: sources[1].id:" in log
    assert f"{catalog}:5: sources[1].url: Value error, must be an http:// or https:// URL" in log


def test_restarted_connector_resumes_without_re_emitting_or_missing(pipeline_env, server, roles, tmp_path):
    server.routes["/good.xml"] = rss([GOOD])
    catalog = write_yaml(tmp_path / "sources.yaml", {"sources": [{"id": "good", "url": server.url("/good.xml"), "interval_seconds": 1}]})
    first = start_role(roles, "connectors", pipeline_env, tmp_path, TOCSIN_SOURCES_FILE=str(catalog))
    raw_topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles.raw"
    wait_for(lambda: read_topic(BOOTSTRAP, raw_topic), 60, "the first item", running=roles)
    wait_for(
        lambda: read_topic(BOOTSTRAP, pipeline_env["TOCSIN_TOPIC_PREFIX"] + "connector-state"), 30, "the source's state", running=roles
    )
    first.kill()
    added = {**GOOD, "guid": "g-2", "link": "https://good.example/b"}
    server.routes["/good.xml"] = rss([added, GOOD])  # changed while no connector ran

    second = start_role(roles, "connectors", pipeline_env, tmp_path, TOCSIN_SOURCES_FILE=str(catalog))
    polls = len(server.received("/good.xml", "GET"))
    wait_for(lambda: len(server.received("/good.xml", "GET")) >= polls + 4, 30, "four polls after the restart", running=[second])
    guids = sorted(RawArticle.from_bytes(value).guid for *_, value in read_topic(BOOTSTRAP, raw_topic))
    assert guids == ["g-1", "g-2"], "the old item was not emitted again and the new one was not missed"


def test_shards_split_the_catalog_so_no_source_is_polled_twice(pipeline_env, server, roles, tmp_path):
    ids = [f"feed-{n}" for n in range(8)]
    for source_id in ids:
        server.routes[f"/{source_id}.xml"] = rss([{**GOOD, "guid": source_id, "link": f"https://good.example/{source_id}"}])
    catalog = write_yaml(
        tmp_path / "sources.yaml",
        {"sources": [{"id": source_id, "url": server.url(f"/{source_id}.xml"), "interval_seconds": 1} for source_id in ids]},
    )
    for shard in ("0/2", "1/2"):
        start_role(roles, "connectors", pipeline_env, tmp_path, TOCSIN_SOURCES_FILE=str(catalog), TOCSIN_CONNECTOR_SHARD=shard)
    raw_topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles.raw"
    records = wait_for(lambda: at_least(read_topic(BOOTSTRAP, raw_topic), len(ids)), 60, "every source's item", running=roles)
    time.sleep(2)
    assert sorted(RawArticle.from_bytes(value).guid for *_, value in read_topic(BOOTSTRAP, raw_topic)) == ids
    logs = [role.output() for role in roles]
    owners = [sum(f"{source_id}: 1 new item" in log for log in logs) for source_id in ids]
    assert owners == [1] * len(ids), "each source is polled by exactly one connector"
    assert len(records) == len(ids)
