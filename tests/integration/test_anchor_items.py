"""Items that are anchors of one page (`page#item-1`, `page#item-2`, each with its own GUID), through the whole
pipeline on the real broker: every one reaches `articles`, once (docs/item-identity.md)."""

from __future__ import annotations

from collections import Counter

from tests.helpers.http import rss, wait_for
from tests.helpers.kafka import read_topic
from tests.integration.conftest import BOOTSTRAP, start_role, write_yaml
from tocsin.records import Article

PAGE = "https://live.example/2026/11/20/updates"
TOWNS = ["Askeran", "Martuni", "Hadrut", "Shusha", "Lachin", "Kelbajar", "Fizuli", "Jabrayil", "Zangilan", "Qubadli", "Aghdam"]
ANCHORS = [
    {
        "title": f"Update {n}: shelling reported near {TOWNS[n % len(TOWNS)]}, report {n}",
        "link": f"{PAGE}#item-{n}",
        "guid": f"live-{n}",
        "summary": f"Entry {n} of the live page: residents of {TOWNS[n % len(TOWNS)]} heard {n} explosions.",
    }
    for n in range(1, 44)
]


def test_items_anchored_in_one_page_all_reach_articles_once(pipeline_env, server, roles, tmp_path) -> None:
    server.routes["/live.xml"] = rss(ANCHORS)
    catalog = write_yaml(tmp_path / "sources.yaml", {"sources": [{"id": "live", "url": server.url("/live.xml"), "interval_seconds": 1}]})
    start_role(roles, "all", pipeline_env, tmp_path, TOCSIN_SOURCES_FILE=str(catalog))

    def articles() -> list[Article]:
        return [Article.from_bytes(value) for *_, value in read_topic(BOOTSTRAP, pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles")]

    found = wait_for(lambda: (found := articles()) and len(found) >= len(ANCHORS) and found, 90, "every anchored item", running=roles)
    assert Counter(article.url for article in found) == Counter(item["link"] for item in ANCHORS), "each item once, none lost"
    assert {article.guid for article in found} == {item["guid"] for item in ANCHORS}
