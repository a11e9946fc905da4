"""Normalize raw items and drop repeats: the same URL, or a source repeating its own content."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from tocsin.records import Article, RawArticle
from tocsin.streams.normalizer import normalize
from tocsin.streams.steps.ports import Out
from tocsin.streams.steps.stories import probe
from tocsin.streams.stories import MAX_SOURCES


def normalize_step(raw: RawArticle) -> list[Out]:
    """Canonical URL, plain text and fingerprint; re-keyed by canonical URL for the URL dedupe."""
    article = normalize(raw)
    return [Out("by_url", article.canonical_url, article)]


def first_time(table: MutableMapping[str, Any], key: str, now: float, ttl: float) -> bool:
    """Mark `key` as seen; False when it was already seen within the TTL."""
    seen_at = table.get(key)
    if seen_at is not None and now - seen_at < ttl:
        return False
    table[key] = now
    return True


def dedupe_url_step(article: Article, seen_urls: MutableMapping[str, Any], now: float, ttl: float) -> list[Out]:
    """The first article of a canonical URL goes on, keyed by content fingerprint; later ones are dropped."""
    if not first_time(seen_urls, article.canonical_url, now, ttl):
        return []
    return [Out("by_fingerprint", article.fingerprint, article)]


def dedupe_content_step(
    article: Article, seen_fingerprints: MutableMapping[str, Any], now: float, ttl: float, partitions: int
) -> list[Out]:
    """Drop a source repeating its own content; other sources' copies go on to corroborate the story."""
    seen = seen_fingerprints.get(article.fingerprint)
    sources = seen["sources"] if seen and now - seen["at"] < ttl else []
    if article.source_id in sources:
        return []
    seen_fingerprints[article.fingerprint] = {"at": now, "sources": [*sources, article.source_id][-MAX_SOURCES:]}
    return probe(article, partitions)
