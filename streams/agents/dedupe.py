"""Normalize raw items and drop repeats: the same URL, or a source repeating its own content."""

from __future__ import annotations

from datetime import UTC, datetime

from streams import metrics
from streams.agents import stories
from streams.agents.alerting import RuleRunner
from streams.agents.wiring import Wiring
from streams.normalizer import normalize
from streams.stories import MAX_SOURCES
from tocsin.records import Article, RawArticle


def register(w: Wiring, rules: RuleRunner) -> None:
    def first_time(table, key: str) -> bool:
        """Mark `key` as seen; False when it was already seen within the TTL."""
        now = datetime.now(UTC).timestamp()
        seen_at = table.get(key)
        if seen_at is not None and now - seen_at < w.ttl:
            return False
        table[key] = now
        return True

    async def normalize_step(raw_article: RawArticle, event) -> None:
        metrics.ARTICLES_IN.inc()
        if rules.evaluator.rules.source_flatlines:  # articles.raw is keyed by source: source health is observed here
            await rules.run(rules.evaluator.on_activity, raw_article.source_id, datetime.now(UTC), event.message.partition)
        article = normalize(raw_article)
        await w.by_url.send(key=article.canonical_url.encode(), value=article.to_bytes())

    async def dedupe_url_step(article: Article, event) -> None:
        if not first_time(w.seen_urls, article.canonical_url):
            metrics.DUPLICATES.labels("url").inc()
            return
        await w.by_fingerprint.send(key=article.fingerprint.encode(), value=article.to_bytes())

    async def dedupe_content_step(article: Article, event) -> None:
        """Drop a source repeating its own content; other sources' copies go on to corroborate the story."""
        now = datetime.now(UTC).timestamp()
        seen = w.seen_fingerprints.get(article.fingerprint)
        sources = seen["sources"] if seen and now - seen["at"] < w.ttl else []
        if article.source_id in sources:
            metrics.DUPLICATES.labels("fingerprint").inc()
            return
        w.seen_fingerprints[article.fingerprint] = {"at": now, "sources": [*sources, article.source_id][-MAX_SOURCES:]}
        await stories.probe(w, article)

    w.stage(w.raw, "normalize", RawArticle, normalize_step)
    w.stage(w.by_url, "dedupe-url", Article, dedupe_url_step)
    w.stage(w.by_fingerprint, "dedupe-content", Article, dedupe_content_step)
