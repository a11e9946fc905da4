"""Faust tables on RocksDB: kept on disk, rebuilt from their changelogs on a new disk, and entries past the TTL deleted."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

from tests.helpers.http import at_least, wait_for
from tests.helpers.kafka import produce, read_topic
from tests.integration.conftest import BOOTSTRAP, start_role
from tocsin.records import Article, RawArticle


def raw_article(index: int) -> RawArticle:
    now = datetime.now(UTC)
    return RawArticle(
        source_id="wire",
        url=f"https://news.example/story/{index}",
        guid=f"item-{index}",
        title=f"Council meets on budget item {index}",
        summary=f"Routine council business, item number {index}.",
        published=now,
        fetched=now,
    )


def send(env: dict[str, str], articles: list[RawArticle]) -> None:
    produce(BOOTSTRAP, env["TOCSIN_TOPIC_PREFIX"] + "articles.raw", [(a.source_id.encode(), a.to_bytes()) for a in articles])


def published(env: dict[str, str]) -> list[Article]:
    return [Article.from_bytes(value) for *_, value in read_topic(BOOTSTRAP, env["TOCSIN_TOPIC_PREFIX"] + "articles")]


def article_ids(env: dict[str, str]) -> list[str]:
    return [article.article_id for article in published(env)]


def deleted_keys(env: dict[str, str], table: str) -> set[str]:
    """Keys with a tombstone in a table's changelog (Faust writes table keys as JSON)."""
    records = read_topic(BOOTSTRAP, f"{env['TOCSIN_APP_ID']}-{table}-changelog")
    return {json.loads(key) for _, _, key, value in records if value is None}


def test_tables_are_kept_on_disk_and_rebuilt_from_their_changelogs_on_a_new_one(pipeline_env, roles, tmp_path):
    """A killed worker leaves its tables in RocksDB files; a worker on a new disk rebuilds them from the changelogs alone.

    The batches write the changelogs themselves (streams/agents/batches.py): what they
    write must be what Faust's recovery reads.
    """
    env = {**pipeline_env, "TOCSIN_STORE": "rocksdb"}
    first = start_role(roles, "worker", env, tmp_path, TOCSIN_DATA_DIR=str(tmp_path / "lost-disk"))
    send(env, [raw_article(index) for index in range(1, 11)])
    wait_for(lambda: at_least(article_ids(env), 10), 90, "ten articles through the pipeline", running=roles)
    time.sleep(3)  # past the commit interval
    first.kill()
    assert list((tmp_path / "lost-disk").rglob("*.db")), "tables were kept in RocksDB files under the data dir"

    second = start_role(roles, "worker", env, tmp_path, TOCSIN_DATA_DIR=str(tmp_path / "new-disk"))
    send(env, [raw_article(4), raw_article(11)])  # a re-emitted item, and a new one
    wait_for(lambda: at_least(article_ids(env), 11), 90, "the new article after the restart", running=[second])
    time.sleep(3)
    ids = article_ids(env)
    assert len(ids) == len(set(ids)) == 11, f"the re-emitted item passed: seen-urls was not rebuilt from its changelog: {ids}"
    stories = {json.loads(key) for _, _, key, value in read_topic(BOOTSTRAP, f"{env['TOCSIN_APP_ID']}-stories-changelog") if value}
    assert {article.story_id for article in published(env)} <= stories, "every story's state is in the stories changelog"


def test_entries_older_than_the_ttl_are_deleted_through_the_changelog(pipeline_env, roles, tmp_path):
    env = {
        **pipeline_env,
        "TOCSIN_STORE": "rocksdb",
        "TOCSIN_DEDUPE_TTL_SECONDS": "60",
        "TOCSIN_CLEANUP_INTERVAL_SECONDS": "2",
        "TOCSIN_TICK_SECONDS": "1",
    }
    start_role(roles, "worker", env, tmp_path)
    articles = [raw_article(i) for i in range(6)]
    send(env, articles)
    wait_for(lambda: at_least(article_ids(env), 6), 90, "the articles through the pipeline", running=roles)

    urls = {a.url for a in articles}
    wait_for(lambda: deleted_keys(env, "seen-urls") >= urls, 150, "tombstones for every expired URL", interval=2, running=roles)
    stories = {article.story_id for article in published(env)}
    wait_for(lambda: deleted_keys(env, "stories") >= stories, 10, "the stories table cleaned too", interval=2, running=roles)
