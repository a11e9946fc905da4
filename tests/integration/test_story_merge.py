"""Two variants of one story probed at the same instant found two stories; the merge makes them one (real broker)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

from aiokafka import AIOKafkaProducer

from tests.helpers.http import at_least, wait_for
from tests.helpers.kafka import produce, read_topic
from tests.integration.conftest import BOOTSTRAP, start_role
from tocsin.records import Article, BandMessage, RawArticle, StoryOffer
from tocsin.streams.normalizer import normalize
from tocsin.streams.steps.stories import band_partition
from tocsin.streams.stories import band_keys

PARTITIONS = 4  # pipeline_env's TOCSIN_PARTITIONS
#: Leads on unrelated subjects: each scenario is its own story.
LEADS = [
    "Heavy artillery shelling hit the outskirts of Stepanakert early on Tuesday, residents said, as fighting "
    "flared along the contact line in Nagorno-Karabakh and sirens sounded across the city.",
    "Floodwaters swept through three villages in the river delta overnight, forcing thousands of families onto "
    "rooftops, local officials said, as rescue boats struggled against the strong current.",
    "The central bank raised its benchmark interest rate by half a point on Thursday, surprising markets, "
    "analysts said, as inflation stayed stubbornly above the official target for a sixth month.",
    "A magnitude 6.1 earthquake shook the northern mountain provinces before dawn on Sunday, damaging old "
    "houses and a school, emergency services said, while aftershocks kept residents outdoors.",
]


def variant(lead: str) -> str:
    """A syndicated copy: a wire prefix and a word dropped (shares 3 to 5 of the 10 LSH bands with the lead)."""
    words = lead.split()
    return "(Wire) - " + " ".join(words[:12] + words[13:])


def raw(source_id: str, guid: str, title: str, summary: str, fetched: datetime, trust: float = 1.0) -> RawArticle:
    return RawArticle(
        source_id=source_id,
        url=f"https://{source_id}.example/{guid}",
        guid=guid,
        title=title,
        summary=summary,
        published=fetched,
        fetched=fetched,
        trust=trust,
    )


def probes(article: Article) -> list[tuple[int, BandMessage]]:
    """The band probes the worker's dedupe-url step sends for an article: one per partition holding its bands."""
    keys = band_keys(article.title, article.text)
    t = article.fetched.timestamp()
    by_partition: dict[int, list[str]] = {}
    for key in keys:
        by_partition.setdefault(band_partition(key, PARTITIONS), []).append(key)
    return [
        (partition, BandMessage(bands=bands, offer=StoryOffer(story=article.article_id, first=t, seen=t), n=len(keys), article=article))
        for partition, bands in by_partition.items()
    ]


def produce_in_order(topic: str, records: list[tuple[int, BandMessage]]) -> None:
    async def main() -> None:
        producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all", enable_idempotence=True)
        await producer.start()
        try:
            for partition, message in records:
                await producer.send_and_wait(topic, message.to_bytes(), key=message.bands[0].encode(), partition=partition)
        finally:
            await producer.stop()

    asyncio.run(main())


def published(env: dict[str, str]) -> list[Article]:
    return [Article.from_bytes(value) for *_, value in read_topic(BOOTSTRAP, env["TOCSIN_TOPIC_PREFIX"] + "articles")]


def stories_table(env: dict[str, str]) -> dict[str, dict]:
    """The stories table as its changelog ends (Faust writes keys and values as JSON)."""
    table = {}
    for _, _, key, value in read_topic(BOOTSTRAP, f"{env['TOCSIN_APP_ID']}-stories-changelog"):
        table[json.loads(key)] = json.loads(value) if value is not None else None
    return table


def resolved(table: dict[str, dict], story_id: str) -> str:
    """The story a story id ends in, following aliases."""
    while (table.get(story_id) or {}).get("alias"):
        story_id = table[story_id]["alias"]["story"]
    return story_id


def test_variants_probed_at_once_end_in_one_story(pipeline_env, roles, tmp_path):
    env = pipeline_env
    start_role(roles, "worker", env, tmp_path)
    now = datetime.now(UTC)

    # 1. The adverse order, made deterministic: every band probe of the newer variant (b) reaches the bands
    # before any probe of the older one (a). b founds its own story; a displaces it on the shared bands.
    a = normalize(raw("wire", "a-0", "Stepanakert shelled", LEADS[0], now))
    b = normalize(raw("agency", "b-0", "Artillery hits Stepanakert", variant(LEADS[0]), now + timedelta(seconds=0.5), trust=0.5))
    shared = set(band_keys(a.title, a.text)) & set(band_keys(b.title, b.text))
    assert shared and shared != set(band_keys(a.title, a.text)), "near-duplicates: some bands shared, not all"
    produce_in_order(env["TOCSIN_TOPIC_PREFIX"] + "internal.story-bands", probes(b) + probes(a))

    # 2. The same thing the ordinary way: pairs of variants from two sources in one batch of one poll cycle.
    pairs = [
        (
            normalize(raw("wire", f"a-{n}", f"Report {n}", LEADS[n], now)),
            raw("agency", f"b-{n}", f"Copy {n}", variant(LEADS[n]), now, trust=0.5),
        )
        for n in range(1, len(LEADS))
    ]
    batch = [raw("wire", f"a-{n}", f"Report {n}", LEADS[n], now) for n in range(1, len(LEADS))] + [copy for _, copy in pairs]
    produce(BOOTSTRAP, env["TOCSIN_TOPIC_PREFIX"] + "articles.raw", [(item.source_id.encode(), item.to_bytes()) for item in batch])

    articles = wait_for(lambda: at_least(published(env), 2 * len(LEADS)), 90, "every variant counted", running=roles)
    by_id = {article.article_id: article for article in articles}

    def merged() -> bool:
        table = stories_table(env)
        if (table.get(b.article_id) or {}).get("alias", {}).get("story") != a.article_id:
            return False  # the adverse order split the story (b's vote chose b's own): its id must become an alias of a's
        ends = [(resolved(table, a.article_id), resolved(table, b.article_id))]
        ends += [
            (resolved(table, by_id[first.article_id].story_id), resolved(table, by_id[normalize(copy).article_id].story_id))
            for first, copy in pairs
        ]
        return all(one == other and sorted((table.get(one) or {}).get("sources", [])) == ["agency", "wire"] for one, other in ends)

    wait_for(merged, 60, "each pair to end in one story with two sources", interval=1, running=roles)

    # 3. A later copy from a third outlet joins the merged story and is stamped with its three sources.
    later = raw("paper", "c-0", "Stepanakert under fire", LEADS[0] + " More to follow.", now + timedelta(seconds=30), trust=0.7)
    produce(BOOTSTRAP, env["TOCSIN_TOPIC_PREFIX"] + "articles.raw", [(b"paper", later.to_bytes())])
    third = normalize(later).article_id
    articles = wait_for(lambda: [x for x in published(env) if x.article_id == third], 60, "the later copy", running=roles)
    assert (articles[0].story_id, articles[0].story_sources, articles[0].story_weight) == (a.article_id, 3, 2.2)
