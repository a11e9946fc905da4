"""Normalize raw items and drop repeats: the same URL, or a source repeating its own content (streams/steps/dedupe.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from tocsin.records import Article, RawArticle
from tocsin.streams.agents.alerting import RuleRunner
from tocsin.streams.agents.wiring import Wiring
from tocsin.streams.steps.dedupe import dedupe_content_step, dedupe_url_step, normalize_step


def register(w: Wiring, rules: RuleRunner) -> None:
    async def normalize(raw_article: RawArticle, event) -> None:
        w.metrics.articles_in.inc()
        if rules.evaluator.rules.activity:  # articles.raw is keyed by source: source health is observed here
            await rules.run(rules.evaluator.on_activity, raw_article.source_id, datetime.now(UTC), event.message.partition)
        await w.send_all(normalize_step(raw_article))

    async def dedupe_url(article: Article, event) -> None:
        outs = dedupe_url_step(article, w.seen_urls, datetime.now(UTC).timestamp(), w.ttl)
        if not outs:
            w.metrics.duplicates.labels("url").inc()
        await w.send_all(outs)

    async def dedupe_content(article: Article, event) -> None:
        outs = dedupe_content_step(article, w.seen_fingerprints, datetime.now(UTC).timestamp(), w.ttl, w.settings.partitions)
        if not outs:
            w.metrics.duplicates.labels("fingerprint").inc()
        await w.send_all(outs)

    w.stage(w.raw, "normalize", RawArticle, normalize)
    w.stage(w.by_url, "dedupe-url", Article, dedupe_url)
    w.stage(w.by_fingerprint, "dedupe-content", Article, dedupe_content)
