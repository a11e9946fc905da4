"""Scale-out of the worker role and dead-lettering, on the real broker."""

from __future__ import annotations

import threading
import time
import urllib.request
from datetime import UTC, datetime

import pytest

from tests.helpers.http import at_least, free_port, wait_for
from tests.helpers.kafka import group_lag, group_members, produce, read_topic
from tests.integration.conftest import BOOTSTRAP, start_role
from tocsin.records import Article, DeadLetter, RawArticle
from tocsin.streams.transport import STALL_SECONDS

RECORDS = 400


def counter(port: int, name: str) -> float:
    """The value of an unlabelled counter on a role's /metrics endpoint."""
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    values = [float(line.split()[-1]) for line in text.splitlines() if line.startswith(name + " ")]
    return values[0] if values else 0.0


def raw_article(index: int) -> RawArticle:
    now = datetime.now(UTC)
    return RawArticle(
        source_id=f"source-{index % 7}",
        url=f"https://news.example/{index}",
        guid=f"item-{index}",
        title=f"Council meets on budget item {index}",
        summary=f"Routine item number {index}.",
        published=now,
        fetched=now,
    )


def guids(topic: str) -> set[str]:
    return {Article.from_bytes(value).guid for *_, value in read_topic(BOOTSTRAP, topic)}


@pytest.mark.parametrize("store", ["memory", "rocksdb"])
def test_two_workers_share_partitions_and_process_each_record_once(pipeline_env, roles, tmp_path, store):
    """Records sent while a brand-new group is still recovering its tables are all processed (streams/transport.py)."""
    ports = [free_port(), free_port()]
    for port in ports:
        start_role(roles, "worker", pipeline_env, tmp_path, TOCSIN_METRICS_PORT=str(port), TOCSIN_STORE=store)
    app_id = pipeline_env["TOCSIN_APP_ID"]
    wait_for(lambda: group_members(BOOTSTRAP, app_id) == ("Stable", 2), 90, "both workers to hold partitions", running=roles)
    raw_topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles.raw"
    received = lambda: [counter(port, "tocsin_articles_received_total") for port in ports]  # noqa: E731
    articles_topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles"
    produce(BOOTSTRAP, raw_topic, [(a.source_id.encode(), a.to_bytes()) for a in map(raw_article, range(RECORDS))])
    wait_for(lambda: sum(received()) >= RECORDS, 90, f"{RECORDS} records to be processed", running=roles)
    expected = {f"item-{index}" for index in range(RECORDS)}
    wait_for(lambda: expected <= guids(articles_topic), 60, "every article on the articles topic", running=roles)
    articles = [Article.from_bytes(value) for *_, value in read_topic(BOOTSTRAP, articles_topic)]
    ids = [article.article_id for article in articles]
    assert len(ids) == len(set(ids)), "none duplicated"
    # At least once: a record can repeat around a rebalance (the URL dedupe drops it), but one read
    # again after a rebalance passed it over must not bring back the records processed after it.
    repeats = len(read_topic(BOOTSTRAP, pipeline_env["TOCSIN_TOPIC_PREFIX"] + "internal.articles-by-url")) - RECORDS
    assert repeats <= 4, f"{repeats} records normalized twice"
    per_worker = received()
    assert sum(per_worker) >= RECORDS and min(per_worker) > 0, f"both workers took a share: {per_worker}"


def test_a_worker_giving_up_partitions_while_it_is_busy_keeps_going_and_commits_everything(pipeline_env, roles, tmp_path):
    """A second worker joins while records keep coming to the first (streams/transport.py).

    The first worker's streams ack records of partitions Faust has already forgotten,
    and records fetched before its seek back to the committed offsets make Faust drop
    the re-fetched ones as seen. It used to seek a partition it no longer held
    `STALL_SECONDS` later (IllegalStateError: the worker crashed), and to read again a
    record that Faust dropped again, so that its partition never committed.
    """
    ports = [free_port(), free_port()]
    first = start_role(roles, "worker", pipeline_env, tmp_path, TOCSIN_METRICS_PORT=str(ports[0]), TOCSIN_STORE="memory")
    app_id = pipeline_env["TOCSIN_APP_ID"]
    wait_for(lambda: group_members(BOOTSTRAP, app_id) == ("Stable", 1), 90, "the first worker to hold partitions", running=roles)
    raw_topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles.raw"
    joined = threading.Event()
    sent: list[str] = []

    def keep_sending() -> None:
        while not joined.wait(0.2):
            articles = [raw_article(index) for index in range(len(sent), len(sent) + 50)]
            produce(BOOTSTRAP, raw_topic, [(a.source_id.encode(), a.to_bytes()) for a in articles])
            sent.extend(a.guid for a in articles)

    sending = threading.Thread(target=keep_sending)
    sending.start()
    try:
        wait_for(lambda: counter(ports[0], "tocsin_articles_received_total") > 0, 60, "the first worker to process", running=roles)
        start_role(roles, "worker", pipeline_env, tmp_path, TOCSIN_METRICS_PORT=str(ports[1]), TOCSIN_STORE="memory")
        wait_for(lambda: group_members(BOOTSTRAP, app_id) == ("Stable", 2), 90, "the second worker to join", running=roles)
    finally:
        joined.set()
        sending.join()
    rebalanced = time.monotonic()
    articles_topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles"
    wait_for(lambda: set(sent) <= guids(articles_topic), 120, f"all {len(sent)} articles on the articles topic", interval=2, running=roles)
    lagging = lambda: {tp: lag for tp, lag in group_lag(BOOTSTRAP, app_id).items() if lag}  # noqa: E731
    wait_for(lambda: not lagging(), 60, "every record of every topic committed", interval=1, running=roles)
    wait_for(lambda: time.monotonic() > rebalanced + STALL_SECONDS + 3, 30, "the read-again checks after the rebalance", running=roles)
    assert first.process.poll() is None and not lagging()


def test_invalid_record_goes_to_dead_letter_and_processing_continues(pipeline_env, roles, tmp_path):
    start_role(roles, "worker", pipeline_env, tmp_path)
    raw_topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles.raw"
    produce(
        BOOTSTRAP,
        raw_topic,
        [(b"bad", b"{not json"), (b"bad", b'{"schema_version": 99, "source_id": "x"}'), (b"good", raw_article(1).to_bytes())],
    )

    dead_topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "deadletter"
    dead = wait_for(lambda: at_least(read_topic(BOOTSTRAP, dead_topic), 2), 90, "two dead letters", running=roles)
    letters = [DeadLetter.from_bytes(value) for *_, value in dead]
    assert {letter.topic for letter in letters} == {raw_topic}
    assert sorted(letter.offset for letter in letters) == [0, 1]
    assert letters[0].payload in ("{not json", '{"schema_version": 99, "source_id": "x"}')
    assert all(letter.error for letter in letters)
    articles_topic = pipeline_env["TOCSIN_TOPIC_PREFIX"] + "articles"
    wait_for(lambda: read_topic(BOOTSTRAP, articles_topic), 60, "the valid record after the invalid ones", running=roles)
