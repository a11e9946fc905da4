"""The whole pipeline on the real broker: feed -> Kafka -> Faust -> alert -> webhook."""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path

from tests.helpers.http import LocalServer, Response, at_least, free_port, rss, wait_for
from tests.helpers.kafka import produce, read_topic
from tests.integration.conftest import BOOTSTRAP, receivers_file, start_role, write_yaml
from tocsin.records import Alert, Article, Escalation, Signal

SHELLING = {
    "title": "Artillery shells Stepanakert as fighting flares in Nagorno-Karabakh",
    "link": "https://wire.example/2023/09/19/stepanakert-shelling",
    "guid": "wire-1",
    "summary": "Heavy shelling hit the outskirts of Stepanakert on Tuesday morning, residents said.",
}
STRIKE = {
    "title": "Rail workers strike over pay in the capital",
    "link": "https://wire.example/2023/09/19/rail-strike",
    "guid": "wire-2",
    "summary": "Commuters faced delays as the union's strike over wages entered its second day.",
}
KYIV = {
    "title": "Missiles hit Kyiv overnight, air-raid sirens sound across Ukraine",
    "link": "https://wire.example/2023/09/19/kyiv-missiles",
    "guid": "wire-3",
    "summary": "Air-raid sirens sounded in Kyiv as missiles hit the city.",
}


def setup_sources(
    tmp_path: Path, server: LocalServer, feeds: dict[str, list[dict]], trust: dict[str, float] | None = None, **rule: str
) -> dict[str, str]:
    """Serve each feed and write a catalog (with each source's `trust`, default 1) and a one-rule folder; returns settings overrides."""
    sources = []
    for source_id, items in feeds.items():
        server.routes[f"/{source_id}.xml"] = rss(items)
        sources.append(
            {"id": source_id, "url": server.url(f"/{source_id}.xml"), "interval_seconds": 1, "trust": (trust or {}).get(source_id, 1.0)}
        )
    catalog = write_yaml(tmp_path / "sources.yaml", {"sources": sources})
    rules = tmp_path / "rules"
    rules.mkdir()
    write_yaml(
        rules / "test.yaml",
        {
            "rules": [
                {
                    "id": "violence",
                    "type": "match",
                    "severity": "critical",
                    "group_interval": "1h",
                    "match": {"types": ["shelling", "air_raid_alert"]},
                    "title": "{{ types }} in {{ region }}",
                    **rule,
                }
            ]
        },
    )
    server.routes["/hook"] = Response(200, b"ok")
    return {
        "TOCSIN_SOURCES_FILE": str(catalog),
        "TOCSIN_RULES_DIR": str(rules),
        "TOCSIN_WEBHOOK_URL": server.url("/hook"),
        "TOCSIN_RECEIVERS_FILE": receivers_file(tmp_path),
    }


def test_feed_item_becomes_webhook_alert_with_evidence(pipeline_env, server, roles, tmp_path):
    overrides = setup_sources(tmp_path, server, {"wire": [SHELLING, STRIKE]})
    live_port = free_port()
    start_role(roles, "all", pipeline_env, tmp_path, TOCSIN_LIVE_PORT=str(live_port), **overrides)

    posts = wait_for(lambda: server.received("/hook"), 90, "the webhook to receive an alert", running=roles)
    payload = posts[0].json()
    text = str(payload)
    assert SHELLING["title"] in text and SHELLING["link"] in text
    assert "south_caucasus" in text
    assert "strike" not in text.lower().replace("shelling", "")
    assert posts[0].headers.get("Idempotency-Key", "").endswith(":1:slack")

    def live_state() -> str | None:
        try:
            body = urllib.request.urlopen(f"http://127.0.0.1:{live_port}/api/state", timeout=5).read().decode()
        except OSError:
            return None
        return body if SHELLING["title"] in body else None

    assert wait_for(live_state, 30, "the live page served by the worker to show the alert", running=roles)


def test_repeated_item_and_syndicated_copy_give_one_alert(pipeline_env, server, roles, tmp_path):
    syndicated = {
        **SHELLING,
        "guid": "other-77",
        "title": "Stepanakert shelled, wire reports",
        "link": SHELLING["link"] + "?utm_source=rss&utm_medium=feed#top",
    }
    overrides = setup_sources(tmp_path, server, {"wire": [SHELLING], "mirror": [syndicated]})
    start_role(roles, "all", pipeline_env, tmp_path, **overrides)

    wait_for(lambda: server.received("/hook"), 90, "the first alert", running=roles)
    polls_before = len(server.received("/wire.xml", "GET"))
    wait_for(lambda: len(server.received("/wire.xml", "GET")) >= polls_before + 5, 30, "five more polls of the feed", running=roles)
    time.sleep(3)  # let anything the extra polls caused reach the webhook

    assert len(server.received("/hook")) == 1
    raw = read_topic(BOOTSTRAP, pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles.raw")
    assert {key for _, _, key, _ in raw} == {b"wire", b"mirror"}, "both outlets' copies entered the pipeline"
    articles = [Article.from_bytes(value) for *_, value in read_topic(BOOTSTRAP, pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles")]
    assert [a.canonical_url for a in articles] == ["https://wire.example/2023/09/19/stepanakert-shelling"]


def test_killed_worker_restarts_without_resending(pipeline_env, server, roles, tmp_path):
    overrides = setup_sources(tmp_path, server, {"wire": [SHELLING]})
    first = start_role(roles, "all", pipeline_env, tmp_path, **overrides)
    wait_for(lambda: server.received("/hook"), 90, "the first alert", running=roles)
    time.sleep(4)  # past the commit interval: the crash comes after the alert was recorded
    first.kill()
    raw_topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles.raw"
    produce(BOOTSTRAP, raw_topic, [(key, value) for _, _, key, value in read_topic(BOOTSTRAP, raw_topic)])  # as if re-emitted

    server.routes["/wire.xml"] = rss([SHELLING, KYIV])
    second = start_role(roles, "all", pipeline_env, tmp_path, **overrides)
    posts = wait_for(
        lambda: at_least(server.received("/hook"), 2), 90, "the restarted pipeline's alert for the new region", running=[second]
    )
    time.sleep(3)

    alerts = [Alert.from_bytes(value) for *_, value in read_topic(BOOTSTRAP, pipeline_env["TOCSIN_TOPIC_PREFIX"] + "alerts")]
    assert len(server.received("/hook")) == 2
    regions = sorted(post.json()["blocks"][0]["text"]["text"] for post in posts[:2])
    assert regions == ["[CRITICAL] region=south_caucasus: 1 firing alert(s)", "[CRITICAL] region=ukraine_russia: 1 firing alert(s)"]
    assert len({(a.fingerprint, a.revision) for a in alerts}) == 2


def test_alert_is_updated_with_new_evidence_then_resolved_when_quiet(pipeline_env, server, roles, tmp_path):
    overrides = setup_sources(tmp_path, server, {"wire": [SHELLING]}, group_interval="2s", resolve_after="6s")
    start_role(roles, "all", pipeline_env, tmp_path, TOCSIN_TICK_SECONDS="1", **overrides)
    wait_for(lambda: server.received("/hook"), 90, "the alert firing", running=roles)
    second = {
        **SHELLING,
        "guid": "wire-9",
        "link": "https://wire.example/2023/09/19/martakert",
        "title": "Rockets hit villages near Martakert",
        "summary": "Rocket fire hit villages near Martakert in Nagorno-Karabakh.",
    }
    server.routes["/wire.xml"] = rss([SHELLING, second])

    posts = wait_for(lambda: at_least(server.received("/hook"), 3), 60, "an update and a resolution", running=roles)
    changes = [post.json()["blocks"][1]["text"]["text"].splitlines()[:2] for post in posts]
    assert [lines[0].split("* ")[0] for lines in changes] == ["🔴 *NEW", "🔴 *UPDATED", "✅ *RESOLVED"]
    assert [lines[1].rsplit(" · ", 1)[1] for lines in changes] == ["firing (rev 1)", "firing (rev 2)", "resolved (rev 3)"]
    assert second["title"] in str(posts[1].json())
    assert [post.json()["text"].split(" of ")[0] for post in posts] == [
        "[CRITICAL] region=south_caucasus: 1 firing alert(s)",
        "Update 1",
        "Update 2",
    ]


def test_syndicated_copies_with_other_links_join_one_story_and_count_sources(pipeline_env, server, roles, tmp_path):
    lead = (
        "Heavy artillery shelling hit the outskirts of Stepanakert early on Tuesday, residents said, "
        "as fighting flared along the contact line in Nagorno-Karabakh and sirens sounded across the city."
    )
    wire = {**SHELLING, "summary": lead}
    copy = {
        "title": "Stepanakert comes under artillery fire",
        "link": "https://mirror.example/world/karabakh-shelling-123",
        "guid": "m-1",
        "summary": "(Wire) - " + lead.replace("residents said, ", ""),
    }
    other = {**KYIV, "summary": "Air-raid sirens sounded in Kyiv overnight as missiles hit the city's eastern districts, officials said."}
    overrides = setup_sources(tmp_path, server, {"wire": [wire, other], "mirror": []}, trust={"mirror": 0.5}, group_interval="1s")
    start_role(roles, "all", pipeline_env, tmp_path, TOCSIN_TICK_SECONDS="1", TOCSIN_ESCALATION_INTERVAL_SECONDS="1", **overrides)
    topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles"
    wait_for(lambda: at_least(read_topic(BOOTSTRAP, topic), 2), 90, "the wire's articles", running=roles)
    server.routes["/mirror.xml"] = rss([copy])  # the copy arrives later, as syndication does

    records = wait_for(lambda: at_least(read_topic(BOOTSTRAP, topic), 3), 90, "three articles", running=roles)
    articles = {a.source_id + ":" + a.guid: a for a in (Article.from_bytes(v) for *_, v in records)}
    assert articles["wire:wire-1"].story_id == articles["mirror:m-1"].story_id
    assert articles["wire:wire-3"].story_id != articles["wire:wire-1"].story_id
    assert max(articles["wire:wire-1"].story_sources, articles["mirror:m-1"].story_sources) == 2
    # the half-trusted mirror adds half a witness: the wire alone weighs 1, wire + mirror 1.5 (not 2)
    assert (articles["wire:wire-1"].trust, articles["mirror:m-1"].trust) == (1.0, 0.5)
    assert (articles["wire:wire-1"].story_weight, articles["mirror:m-1"].story_weight) == (1.0, 1.5)

    def caucasus_sources() -> int | None:
        alerts = [Alert.from_bytes(v) for *_, v in read_topic(BOOTSTRAP, pipeline_env["TOCSIN_TOPIC_PREFIX"] + "alerts")]
        counts = [a.counts for a in alerts if a.labels.get("region") == "south_caucasus"]
        return counts[-1].sources == 2 and counts[-1].stories == 1 if counts else None

    wait_for(caucasus_sources, 30, "the alert to count two sources for one story", running=roles)

    def caucasus_index() -> list[Escalation]:
        records = read_topic(BOOTSTRAP, pipeline_env["TOCSIN_TOPIC_PREFIX"] + "escalation")
        return [e for e in (Escalation.from_bytes(v) for *_, v in records) if e.region == "south_caucasus" and e.windows["1h"] > 0]

    index = wait_for(caucasus_index, 30, "the region's escalation index", running=roles)[-1]
    assert index.windows["1h"] <= index.windows["6h"] <= index.windows["24h"] and index.signals >= 2


def test_only_fresh_located_news_is_notified(pipeline_env, server, roles, tmp_path):
    """Freshness and location on the live path: a backdated report and one that names no place reach `signals`, not people."""
    backdated = {
        **SHELLING,
        "guid": "old-1",
        "link": "https://wire.example/2021/stepanakert-shelling-archive",
        "title": "Stepanakert shelled again as fighting continues in Nagorno-Karabakh",
        "pubDate": "Mon, 01 Mar 2021 06:00:00 GMT",
    }
    nowhere = {
        "title": "Air-raid sirens sound as heavy shelling is reported overnight",
        "link": "https://blog.example/sirens",
        "guid": "blog-1",
        "summary": "Residents sheltered in basements while artillery fire hit the city.",
    }
    overrides = setup_sources(tmp_path, server, {"wire": [backdated, nowhere, SHELLING]})
    start_role(roles, "all", pipeline_env, tmp_path, TOCSIN_TICK_SECONDS="1", **overrides)

    posts = wait_for(lambda: server.received("/hook"), 90, "the webhook to receive the fresh alert", running=roles)
    signals_topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "signals"
    signals = wait_for(
        lambda: at_least([Signal.from_bytes(v) for *_, v in read_topic(BOOTSTRAP, signals_topic)], 3),
        60,
        "signals of all three items",
        running=roles,
    )
    assert {signal.region for signal in signals} >= {"south_caucasus", "unlocated"}
    time.sleep(5)  # ticks flush anything pending
    posts = server.received("/hook")
    text = " ".join(str(post.json()) for post in posts)
    assert len(posts) == 1 and SHELLING["title"] in text
    assert backdated["title"] not in text and nowhere["title"] not in text and "unlocated" not in text
