"""Normalize raw items and drop repeats: a source repeating its own content, or the same URL (streams/steps/dedupe.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from faust.types import EventT

from tocsin.records import Article, RawArticle
from tocsin.streams.agents.alerting import RuleRunner
from tocsin.streams.agents.wiring import BatchTables, Wiring
from tocsin.streams.steps import Out
from tocsin.streams.steps.dedupe import dedupe_url_step, ingest_step


def register(w: Wiring, rules: RuleRunner) -> None:
    def ingest(raw_article: RawArticle, event: EventT, tables: BatchTables) -> list[Out]:
        w.metrics.articles_in.inc()
        outs: list[Out] = []
        if rules.evaluator.rules.activity:  # articles.raw is keyed by source: source health is observed here
            outs += rules.run(
                tables.alert_states, rules.evaluator.on_activity, raw_article.source_id, datetime.now(UTC), event.message.partition
            )
        passed = ingest_step(raw_article, tables.seen_fingerprints, datetime.now(UTC).timestamp(), w.ttl)
        if not passed:
            w.metrics.duplicates.labels("fingerprint").inc()
        return outs + passed

    def dedupe_url(article: Article, event: EventT, tables: BatchTables) -> list[Out]:
        outs = dedupe_url_step(article, tables.seen_urls, datetime.now(UTC).timestamp(), w.ttl, w.settings.partitions)
        if not outs:
            w.metrics.duplicates.labels("url").inc()
        return outs

    w.stage("raw", "normalize", RawArticle, ingest)
    w.stage("by_url", "dedupe-url", Article, dedupe_url)
