"""Normalize raw items and drop repeats: a source repeating its own content, or the same URL."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from tocsin.records import Article, RawArticle
from tocsin.streams.normalizer import normalize
from tocsin.streams.steps.ports import Out
from tocsin.streams.steps.stories import probe


def content_key(source_id: str, fingerprint: str) -> str:
    """The `seen-fingerprints` key: one source's content, in the partition of the source (articles.raw's key)."""
    return f"{source_id}\x1f{fingerprint}"


def content_source(key: str) -> str:
    """The source id of a `seen-fingerprints` key: what the key's partition follows (table cleanup)."""
    return key.partition("\x1f")[0]


def first_time(table: MutableMapping[str, Any], key: str, now: float, ttl: float) -> bool:
    """Mark `key` as seen; False when it was already seen within the TTL."""
    seen_at = table.get(key)
    if seen_at is not None and now - seen_at < ttl:
        return False
    table[key] = now
    return True


def ingest_step(raw: RawArticle, seen_content: MutableMapping[str, Any], now: float, ttl: float) -> list[Out]:
    """Normalize, drop a source repeating its own content, and re-key by canonical URL for the URL dedupe.

    Both run where the raw item already is: articles.raw is keyed by source, so a
    source's content entries are local without a repartition. Other sources' copies
    go on to corroborate the story.
    """
    article = normalize(raw)
    if not first_time(seen_content, content_key(article.source_id, article.fingerprint), now, ttl):
        return []
    return [Out("by_url", article.canonical_url, article)]


def dedupe_url_step(article: Article, seen_urls: MutableMapping[str, Any], now: float, ttl: float, partitions: int) -> list[Out]:
    """The first article of a canonical URL goes on to the story bands; later ones are dropped."""
    if not first_time(seen_urls, article.canonical_url, now, ttl):
        return []
    return probe(article, partitions)
